// Mentoring boards, with JavaScript on and off: a teacher posts work, the mentor comments on one
// paragraph and asks for a revision, the teacher answers and revises. Each project uses its own
// pair from the demo groups: peserta03 with mentor1 (Kelompok Melati), peserta04 with mentor2
// (Kelompok Mawar).
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signIn } from "./helpers";

test("a teacher posts work, the mentor reviews it, the teacher revises", async ({ browser }, testInfo) => {
  const on = jsOn(testInfo);
  const teacherEmail = on ? "peserta03@pamong.test" : "peserta04@pamong.test";
  const mentorEmail = on ? "mentor1@pamong.test" : "mentor2@pamong.test";
  const groupBoard = on ? "Papan Kelompok Melati" : "Papan Kelompok Mawar";
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`;
  const title = `Modul ajar pecahan ${tag}`;
  const options = { javaScriptEnabled: on };

  const teacher = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(teacher, testInfo, teacherEmail);
  await teacher.waitForURL("/peserta");
  await open(teacher, "/papan", testInfo);
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Papan Mentoring");
  await expect(teacher.getByRole("link", { name: groupBoard })).toBeVisible();
  await expect(teacher.getByRole("link", { name: "Pengumuman Angkatan" })).toBeVisible();
  await shot(teacher, testInfo, "boards-list");
  await teacher.getByRole("link", { name: groupBoard }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText(groupBoard);

  // An empty title comes back with its message, and the text typed is kept.
  const form = teacher.locator('form[action="/api/create_post"]');
  if (!(await form.isVisible())) await teacher.getByText("Kirim karya").click();
  await form.getByLabel("Jenis karya").selectOption("modul_ajar");
  await form.getByLabel("Isi").fill("Tujuan: siswa memahami pecahan senilai.\n\nLangkah: kertas lipat.");
  await form.getByRole("button", { name: "Kirim" }).click();
  await expect(teacher.locator("#e-title")).toHaveText("Judul wajib diisi.");
  await expect(teacher.locator('form[action="/api/create_post"] textarea[name=body]')).toHaveValue(/kertas lipat/);
  await shot(teacher, testInfo, "board-post-error");
  await teacher.locator('form[action="/api/create_post"]').getByLabel("Judul").fill(title);
  await teacher.locator('form[action="/api/create_post"]').getByRole("button", { name: "Kirim" }).click();
  await teacher.waitForURL(/\/papan\/pos\/\d+$/);
  const postPath = new URL(teacher.url()).pathname;
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(teacher.locator(".badge.post-submitted")).toHaveText("Menunggu tanggapan");

  // The mentor finds it in the queue and comments on the second paragraph.
  const mentor = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(mentor, testInfo, mentorEmail);
  await mentor.waitForURL("/mentor");
  await open(mentor, "/mentor/antrean", testInfo);
  await mentor.getByRole("link", { name: title }).click();
  await mentor.waitForURL(postPath);
  await mentor.locator(".blok-wrap:has(#b2) + .comment-block").click();
  await expect(mentor.locator("#tulis-komentar .notice")).toContainText("Mengomentari bagian 2");
  await mentor.locator("#tulis-komentar textarea").fill(`Tambahkan gambar langkahnya ${tag}`);
  await mentor.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(mentor.locator(".anchored .comment", { hasText: `gambar langkahnya ${tag}` })).toBeVisible();
  await mentor.getByLabel("Status baru").selectOption("needs_revision");
  await mentor.getByRole("button", { name: "Simpan status" }).click();
  await expect(mentor.locator(".badge.post-needs_revision")).toBeVisible();
  await shot(mentor, testInfo, "post-mentor");

  // The teacher (reloading without JavaScript) sees the comment under the paragraph and revises.
  await open(teacher, postPath, testInfo);
  await expect(teacher.locator(".anchored .comment", { hasText: `gambar langkahnya ${tag}` })).toBeVisible();
  await expect(teacher.locator(".badge.post-needs_revision")).toHaveText("Perlu revisi");
  await teacher.locator(".anchored .comment .reply").first().click();
  await teacher.locator("#tulis-komentar textarea").fill(`Siap, saya tambahkan ${tag}`);
  await teacher.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(teacher.locator(".replies .comment", { hasText: `saya tambahkan ${tag}` })).toBeVisible();
  const revise = teacher.locator('form[action="/api/revise_post"]');
  if (!(await revise.isVisible())) await teacher.getByText("Perbarui karya").click();
  await revise.locator("textarea").fill("Tujuan: siswa memahami pecahan senilai.\n\nLangkah: kertas lipat, dengan gambar.");
  await revise.getByRole("button", { name: "Simpan versi baru" }).click();
  await expect(teacher.locator(".badge.post-revised")).toHaveText("Sudah direvisi");
  await expect(teacher.locator(".post-body")).toContainText("dengan gambar");
  await shot(teacher, testInfo, "post-teacher");
  await open(teacher, `${postPath}?versi=1`, testInfo);
  await expect(teacher.locator(".post-body")).not.toContainText("dengan gambar");
  await teacher.getByRole("link", { name: groupBoard }).click();
  await expect(teacher.locator(".post-card", { hasText: title })).toBeVisible();
  await shot(teacher, testInfo, "board-page");
});

test("an admin sees every board of their programs, with the live unread count", async ({ page }, testInfo) => {
  const stream = jsOn(testInfo)
    ? page.waitForResponse((r) => r.url().includes("/belum-dibaca/aliran"))
    : null;
  await signIn(page, testInfo, accounts.admin);
  await page.waitForURL("/admin");
  await open(page, "/papan", testInfo);
  await expect(page.locator(".board-row a", { hasText: "Papan Kelompok Melati" }).first()).toBeVisible();
  await expect(page.locator(".board-row a", { hasText: "Papan Kelompok Mawar" }).first()).toBeVisible();
  if (stream) expect((await stream).status()).toBe(200);
  await shot(page, testInfo, "boards-admin");
});
