// The navigation's unread count, live: while a teacher reads their home page, the mentor
// comments on the teacher's post and the "Papan" link's badge counts it without a reload.
// peserta09 and mentor1 are in the demo's Kelompok Melati.
import { expect, test } from "./fixtures";
import { open, shot, signIn } from "./helpers";

test("the unread count in the navigation grows as the mentor writes", async ({ browser }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const tag = `${Date.now() % 100000}`;
  const teacher = await (await browser.newContext({ ...testInfo.project.use })).newPage();
  const mentor = await (await browser.newContext({ ...testInfo.project.use })).newPage();
  await signIn(teacher, testInfo, "peserta09@pamong.test");
  await teacher.waitForURL("/peserta");
  await signIn(mentor, testInfo, "mentor1@pamong.test");
  await mentor.waitForURL("/mentor");

  await teacher.goto("/papan");
  const board = (await teacher.locator(".board-row a", { hasText: "Papan Kelompok" }).first().getAttribute("href")) ?? "";
  const created = await teacher.request.post("/api/create_post", {
    form: { board_id: board.split("/").pop() ?? "", kind: "refleksi", title: `Refleksi ${tag}`, body: "Catatan minggu ini." },
    headers: { Origin: baseURL, Accept: "application/json" },
  });
  expect(created.status()).toBe(200);
  const post = (created.headers()["location"] ?? "").split("/").pop() ?? "";
  // Reading the board clears it; the home page then starts from what is unread elsewhere.
  await open(teacher, board, testInfo);
  await open(teacher, "/peserta", testInfo);
  const badge = teacher.locator("#belum-dibaca");
  const before = (await badge.isVisible()) ? Number((await badge.textContent())?.trim()) : 0;
  await teacher.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  for (const n of [1, 2]) {
    const response = await mentor.request.post("/api/add_comment", {
      form: { post_id: post, parent_id: "", anchor: "", body: `Komentar ${n} ${tag}` },
      headers: { Origin: baseURL, Accept: "application/json" },
    });
    expect(response.status()).toBe(200);
    await expect(badge).toHaveText(String(before + n));
  }
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute("aria-label", `${before + 2} baru`);
  // No reload happened: the page is the one the flag was set on.
  expect(await teacher.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await shot(teacher, testInfo, "nav-unread-live");

  // Opening the board reads it: the count there leaves it out (what is left is unread elsewhere).
  await open(teacher, board, testInfo);
  if (before === 0) await expect(teacher.locator("#belum-dibaca")).toBeHidden();
  else await expect(teacher.locator("#belum-dibaca")).toHaveText(String(before));
});
