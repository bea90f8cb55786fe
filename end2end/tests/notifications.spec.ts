// Notifications, with JavaScript on and off: a mentor comments on a teacher's post; the bell in
// the teacher's header counts it (live with JavaScript, on the next page without), the list at
// /notifikasi shows the comment, and marking it read takes it off the count. Each project uses
// its own pair from the demo groups: peserta07 with mentor1 (Kelompok Melati), peserta08 with
// mentor2 (Kelompok Mawar); groups.spec.ts moves peserta01 and 02 to groups of its own.
import { expect, test } from "./fixtures";
import { jsOn, open, shot, signIn } from "./helpers";

test("the bell shows a mentor's new comment", async ({ browser }, testInfo) => {
  const on = jsOn(testInfo);
  const baseURL = String(testInfo.project.use.baseURL);
  const teacherEmail = on ? "peserta07@pamong.test" : "peserta08@pamong.test";
  const mentorEmail = on ? "mentor1@pamong.test" : "mentor2@pamong.test";
  const groupBoard = on ? "Papan Kelompok Melati" : "Papan Kelompok Mawar";
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`;
  const title = `Refleksi lonceng ${tag}`;
  const options = { javaScriptEnabled: on };

  const teacher = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(teacher, testInfo, teacherEmail);
  await teacher.waitForURL("/peserta");
  const mentor = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(mentor, testInfo, mentorEmail);
  await mentor.waitForURL("/mentor");

  await open(teacher, "/papan", testInfo);
  const board = (await teacher.getByRole("link", { name: groupBoard }).getAttribute("href")) ?? "";
  const created = await teacher.request.post("/api/create_post", {
    form: { board_id: board.split("/").pop() ?? "", kind: "refleksi", title, body: "Catatan minggu ini." },
    headers: { Origin: baseURL, Accept: "application/json" },
  });
  expect(created.status()).toBe(200);
  const post = (created.headers()["location"] ?? "").split("/").pop() ?? "";

  await open(teacher, "/peserta", testInfo);
  const bell = teacher.locator("#lonceng");
  const count = teacher.locator("#pemberitahuan");
  await expect(bell).toHaveAttribute("href", "/notifikasi");
  const label = (await bell.getAttribute("aria-label")) ?? "";
  const before = Number(/(\d+)/.exec(label)?.[1] ?? "0");
  if (on) await teacher.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  const commented = await mentor.request.post("/api/add_comment", {
    form: { post_id: post, parent_id: "", anchor: "", body: `Refleksinya jujur ${tag}` },
    headers: { Origin: baseURL, Accept: "application/json" },
  });
  expect(commented.status()).toBe(200);

  // With JavaScript the bell counts it where it is; without, the next page shows it.
  if (!on) await open(teacher, "/peserta", testInfo);
  await expect(count).toHaveText(String(before + 1));
  await expect(count).toBeVisible();
  await expect(bell).toHaveAttribute("aria-label", `Pemberitahuan: ${before + 1} belum dibaca`);
  if (on) {
    expect(await teacher.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  }
  await shot(teacher, testInfo, "notifications-bell");

  // The list shows the comment, newest first, and marks it read with a plain form.
  await bell.click();
  await teacher.waitForURL("/notifikasi");
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Pemberitahuan");
  const item = teacher.locator("li.notification", { hasText: title }).first();
  await expect(item).toContainText("mengomentari karya");
  await expect(item).toHaveClass(/unread/);
  await shot(teacher, testInfo, "notifications-list");
  await item.getByRole("button", { name: "Tandai sudah dibaca" }).click();
  await teacher.waitForURL("/notifikasi");
  await expect(teacher.locator(".notice")).toHaveText("Pemberitahuan ditandai sudah dibaca.");
  await expect(teacher.locator("li.notification", { hasText: title }).first()).not.toHaveClass(/unread/);
  await expect(teacher.locator("#lonceng")).toHaveAttribute("aria-label", `Pemberitahuan: ${before} belum dibaca`);

  // The link opens the post with the comment.
  await teacher.locator("li.notification", { hasText: title }).first().getByRole("link").click();
  await teacher.waitForURL(new RegExp(`/papan/pos/${post}`));
  await expect(teacher.locator(".comment", { hasText: `Refleksinya jujur ${tag}` })).toBeVisible();
});
