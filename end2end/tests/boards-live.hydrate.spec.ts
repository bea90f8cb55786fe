// Live boards in two browsers: the mentor comments and the teacher sees it appear without
// reloading; while the teacher's network is down the mentor writes on, and the missed comments
// arrive when it is back. Hostile comments arriving live (and hostile text in a hydrated page)
// run nothing. peserta05 and mentor1 are in the demo's Kelompok Melati.
import { expect, Page, test } from "./fixtures";
import { readFileSync } from "node:fs";
import { open, shot, signIn } from "./helpers";

function payloads(): string[] {
  return readFileSync("../tests/fixtures/xss_payloads.txt", "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.replaceAll("\\n", "\n"));
}

/** Fails the test on any dialog or on anything setting `window.__pwned`. */
async function guard(page: Page, dialogs: string[]) {
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
}

async function comment(page: Page, baseURL: string, post: string, body: string) {
  const response = await page.request.post("/api/add_comment", {
    form: { post_id: post, parent_id: "", anchor: "", body },
    headers: { Origin: baseURL, Accept: "application/json" },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("comments appear live, survive a dropped connection, and run nothing", async ({ browser }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const tag = `${Date.now() % 100000}`;
  const teacher = await (await browser.newContext({ ...testInfo.project.use })).newPage();
  const mentor = await (await browser.newContext({ ...testInfo.project.use })).newPage();
  const dialogs: string[] = [];
  await guard(teacher, dialogs);
  await guard(mentor, dialogs);

  await signIn(teacher, testInfo, "peserta05@pamong.test");
  await teacher.waitForURL("/peserta");
  await signIn(mentor, testInfo, "mentor1@pamong.test");
  await mentor.waitForURL("/mentor");

  // The teacher posts; both open the post.
  const created = await teacher.request.post("/api/create_post", {
    form: { board_id: await boardId(teacher), kind: "aksi_nyata", title: `Aksi nyata ${tag}`, body: "Rencana literasi pagi." },
    headers: { Origin: baseURL, Accept: "application/json" },
  });
  expect(created.status()).toBe(200);
  const postPath = created.headers()["location"];
  const post = postPath.split("/").pop() ?? "";
  await open(teacher, postPath, testInfo);
  await expect(teacher.locator(".live-status")).toHaveAttribute("data-live", "on");
  await teacher.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // The mentor comments through the page; the teacher's page shows it without reloading.
  await open(mentor, postPath, testInfo);
  await mentor.locator("#tulis-komentar textarea").fill(`Bagus, lanjutkan ${tag}`);
  await mentor.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(teacher.locator(".thread .comment", { hasText: `lanjutkan ${tag}` })).toBeVisible({ timeout: 5_000 });
  await shot(teacher, testInfo, "post-live-comment");

  // The teacher's network drops; the mentor writes twice; the network returns.
  await teacher.context().setOffline(true);
  await expect(teacher.locator(".live-status")).toHaveAttribute("data-live", "off");
  await comment(mentor, baseURL, post, `Selama luring satu ${tag}`);
  await comment(mentor, baseURL, post, `Selama luring dua ${tag}`);
  await teacher.waitForTimeout(500);
  await expect(teacher.locator(".thread .comment", { hasText: `luring satu ${tag}` })).toHaveCount(0);
  await teacher.context().setOffline(false);
  await expect(teacher.locator(".thread .comment", { hasText: `luring satu ${tag}` })).toBeVisible({ timeout: 10_000 });
  await expect(teacher.locator(".thread .comment", { hasText: `luring dua ${tag}` })).toBeVisible();
  await expect(teacher.locator(".live-status")).toHaveAttribute("data-live", "on");
  expect(await teacher.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // Every payload arrives live as a comment: nothing runs, nothing is injected as markup.
  const corpus = payloads();
  expect(corpus.length).toBeGreaterThanOrEqual(100);
  for (const payload of corpus) await comment(mentor, baseURL, post, payload);
  await comment(mentor, baseURL, post, `Akhir korpus ${tag}`);
  await expect(teacher.locator(".thread .comment", { hasText: `Akhir korpus ${tag}` })).toBeVisible({ timeout: 20_000 });
  await teacher.waitForTimeout(1_000);
  expect(dialogs).toEqual([]);
  expect(await teacher.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await teacher.locator(".thread script, .thread iframe, .thread object, .thread embed").count()).toBe(0);

  // The same page loaded and hydrated with all of it: still nothing runs.
  await open(teacher, postPath, testInfo);
  await teacher.waitForTimeout(1_000);
  expect(dialogs).toEqual([]);
  expect(await teacher.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

/** The id of the board the teacher's group uses (the first group board in their list). */
async function boardId(page: Page): Promise<string> {
  await page.goto("/papan");
  const href = await page.locator(".board-row a", { hasText: "Papan Kelompok" }).first().getAttribute("href");
  return href?.split("/").pop() ?? "";
}
