// Live behaviour of a quiz attempt: answers given offline are kept on the device and reach the
// server when the connection returns; when the timer runs out the attempt is handed in with its
// answers.
import { expect, test } from "./fixtures";
import { answerPage, islandsHydrated, open, openQuiz, shot, signInAndWait } from "./helpers";

test("answers given offline reach the server when the connection returns", async ({ page, browser }, testInfo) => {
  const participant = "peserta07@pamong.test";
  await signInAndWait(page, testInfo, participant);
  await openQuiz(page, testInfo, /Pre-test/);
  await page.getByRole("button", { name: "Mulai mengerjakan" }).click();
  await islandsHydrated(page);
  const attemptUrl = new URL(page.url()).pathname;

  const questions = page.locator("fieldset.question");
  const answer = async (n: number) => {
    const text = questions.nth(n).locator("input[type=text]");
    if (await text.count()) {
      await text.fill(`jawaban luring ${n}`);
      await text.blur();
    } else {
      await questions.nth(n).locator("label.choice").nth(1).click();
    }
  };
  await answer(0);
  await expect(page.locator("[data-save-state=saved]")).toBeVisible();

  await page.context().setOffline(true);
  const count = await questions.count();
  for (let n = 1; n < count; n++) await answer(n);
  await expect(page.locator("[data-save-state=offline]")).toBeVisible();
  await shot(page, testInfo, "quiz-offline");
  // Changing page offline is stopped with an explanation; the answers stay.
  await page.getByRole("button", { name: "Simpan jawaban" }).click();
  await expect(page.getByText("Anda sedang offline.")).toBeVisible();

  await page.context().setOffline(false);
  await expect(page.locator("[data-save-state=saved]")).toBeVisible({ timeout: 15_000 });

  // Another device sees every answer: they are on the server, not only in this browser.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID" });
  const other = await phone.newPage();
  await signInAndWait(other, testInfo, participant);
  await open(other, attemptUrl, testInfo);
  const seen = other.locator("fieldset.question");
  await expect(seen).toHaveCount(count);
  for (let n = 0; n < count; n++) {
    const text = seen.nth(n).locator("input[type=text]");
    if (await text.count()) {
      await expect(text).toHaveValue(`jawaban luring ${n}`);
    } else {
      await expect(seen.nth(n).locator("input[type=radio], input[type=checkbox]").nth(1)).toBeChecked();
    }
  }
  await phone.close();
});

test("when the timer runs out the attempt is handed in with its answers", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await signInAndWait(page, testInfo, "peserta08@pamong.test");
  await openQuiz(page, testInfo, /Latihan kilat/);
  await page.getByRole("button", { name: "Mulai mengerjakan" }).click();
  await islandsHydrated(page);
  await expect(page.locator(".quiz-timer")).toContainText("Sisa waktu");
  const answered = await answerPage(page);
  await expect(page.locator("[data-save-state=saved]")).toBeVisible();
  await shot(page, testInfo, "quiz-timer");
  await expect(page).toHaveURL(/\/hasil$/, { timeout: 100_000 });
  await expect(page.getByText("Waktu habis: upaya dikumpulkan otomatis")).toBeVisible();
  await expect(page.getByText(new RegExp(`${answered} dari \\d+ soal terjawab`))).toBeVisible();
  await shot(page, testInfo, "quiz-timer-result");
});
