import { expect, Page, TestInfo } from "@playwright/test";

export const demoPassword = "demo-pamong-2026";
export const accounts = {
  admin: "admin@pamong.test",
  mentor: "mentor1@pamong.test",
  participant: "peserta01@pamong.test",
};

/** Whether this project runs with JavaScript. */
export function jsOn(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a page and, with JavaScript on, waits until the islands have hydrated. */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  await page.goto(path);
  if (jsOn(testInfo)) {
    await islandsHydrated(page);
  }
}

/**
 * Waits until every island on the page is listening. `data-hydrated` on `<body>` only says the
 * main wasm module runs: Leptos hydrates the islands after it, each lazy one once its chunk has
 * loaded. Each island counts itself in `data-islands-hydrated` when it hydrates.
 */
export async function islandsHydrated(page: Page) {
  await expect(page.locator("body[data-hydrated=true]")).toHaveCount(1);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const hydrated = Number(document.body.dataset.islandsHydrated ?? "0");
        return hydrated - document.querySelectorAll("leptos-island").length;
      }),
    )
    .toBe(0);
}

export async function signIn(page: Page, testInfo: TestInfo, email: string, password = demoPassword) {
  await open(page, "/masuk", testInfo);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
}

/** Saves a screenshot for people to look at (end2end/screenshots, not committed). */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: `screenshots/${testInfo.project.name}/${name}.png`, fullPage: true });
}

/** Signs in and waits until the browser has left the sign-in page for the account's home. */
export async function signInAndWait(page: Page, testInfo: TestInfo, email: string) {
  await signIn(page, testInfo, email);
  await page.waitForURL((url) => /^\/(admin|mentor|peserta)$/.test(url.pathname));
}

/** Answers every question on the current page: the first choice, or a short text. */
export async function answerPage(page: Page) {
  const questions = page.locator("fieldset.question");
  const count = await questions.count();
  for (let n = 0; n < count; n++) {
    const question = questions.nth(n);
    const text = question.locator("input[type=text]");
    if (await text.count()) {
      await text.fill("Ki Hajar Dewantara");
      await text.blur();
    } else {
      await question.locator("label.choice").first().click();
    }
  }
  return count;
}

/** From the participant's home to the intro page of the cohort's quiz titled like `title`. */
export async function openQuiz(page: Page, testInfo: TestInfo, title: RegExp) {
  await open(page, "/peserta", testInfo);
  const cohortRow = page.locator("li.row-item").filter({ hasText: "Angkatan 1" });
  await cohortRow.getByRole("link", { name: "Buka angkatan" }).click();
  const quizRow = page.locator("li.row-item").filter({ hasText: title });
  await quizRow.getByRole("link").click();
  await expect(page).toHaveURL(/\/peserta\/kuis\/\d+$/);
}

/** Waits on an import's report page until the import has ended ("Selesai"). */
export async function waitForImport(page: Page, testInfo: TestInfo) {
  await page.waitForURL(/\/admin\/impor\/\d+$/);
  await expect(page.locator("progress")).toHaveCount(1);
  if (jsOn(testInfo)) {
    // The island updates in place, then reloads once the import has ended.
    await expect(page.locator(".import-status")).toHaveText("Selesai", { timeout: 30_000 });
  } else {
    for (let i = 0; i < 30; i++) {
      if ((await page.locator(".import-status").textContent()) === "Selesai") break;
      await page.waitForTimeout(1000);
      await page.reload();
    }
    await expect(page.locator(".import-status")).toHaveText("Selesai");
  }
}
