// Coaching log (TIRTA), with JavaScript on and off: a teacher starts a cycle (a refused form keeps
// what was typed), the group's mentor finds it from their overview and comments, the teacher sees
// the comment and edits the cycle; the comment stays. Each project uses its own pair from the demo
// groups: peserta03 with mentor1 (Kelompok Melati, who also has the seeded cycle), peserta04 with
// mentor2 (Kelompok Mawar).
import { expect, test } from "./fixtures";
import { jsOn, open, shot, signIn } from "./helpers";

test("a teacher writes a TIRTA cycle, the mentor comments, the teacher edits it", async ({ browser }, testInfo) => {
  const on = jsOn(testInfo);
  const teacherEmail = on ? "peserta03@pamong.test" : "peserta04@pamong.test";
  const teacherName = on ? "Siti Nurhaliza" : "Agus Prasetyo";
  const mentorEmail = on ? "mentor1@pamong.test" : "mentor2@pamong.test";
  const group = on ? "Kelompok Melati" : "Kelompok Mawar";
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`;
  const goal = `Siswa membandingkan dua sumber ${tag}`;
  const options = { javaScriptEnabled: on };

  const teacher = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(teacher, testInfo, teacherEmail);
  await teacher.waitForURL("/peserta");
  await open(teacher, "/peserta/coaching", testInfo);
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Catatan Coaching");
  if (on) {
    // The demo data gives peserta03 one cycle with mentor1's comment.
    await expect(teacher.locator(".coaching-cycles .post-card", { hasText: "dua sumber informasi di internet" })).toBeVisible();
  }

  // A cycle without its goal comes back with the message next to it, the rest kept.
  const form = teacher.locator('form[action="/api/create_coaching_cycle"]');
  if (!(await form.isVisible())) await teacher.getByText("Mulai siklus baru").click();
  await form.getByLabel("Identifikasi", { exact: true }).fill(`Siswa langsung percaya hasil teratas ${tag}`);
  await form.getByLabel("Rencana aksi", { exact: true }).fill("1. Lembar kerja dua sumber.\n2. Latihan berpasangan.");
  await form.getByLabel("Tanggung jawab", { exact: true }).fill("Saya laksanakan hari Senin.");
  await form.getByRole("button", { name: "Simpan siklus" }).click();
  await expect(teacher.locator("#e-goal")).toHaveText("Tujuan wajib diisi.");
  const again = teacher.locator('form[action="/api/create_coaching_cycle"]');
  await expect(again.locator("textarea[name=identification]")).toHaveValue(new RegExp(`hasil teratas ${tag}`));
  await expect(again.locator("textarea[name=action_plan]")).toHaveValue(/Latihan berpasangan/);
  await shot(teacher, testInfo, "coaching-new-error");
  await again.getByLabel("Tujuan", { exact: true }).fill(goal);
  await again.getByRole("button", { name: "Simpan siklus" }).click();
  await teacher.waitForURL(/\/coaching\/\d+$/);
  const cyclePath = new URL(teacher.url()).pathname;
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText(/^Siklus \d+$/);
  await expect(teacher.locator("#bagian-goal")).toContainText(goal);
  await expect(teacher.locator("#bagian-action_plan")).toContainText("Latihan berpasangan");
  await expect(teacher.getByText("Siklus coaching Anda sudah disimpan.")).toBeVisible();

  // The mentor finds the teacher in their overview, opens the log, then the cycle, and comments.
  const mentor = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(mentor, testInfo, mentorEmail);
  await mentor.waitForURL("/mentor");
  await open(mentor, "/mentor/coaching", testInfo);
  const groupPanel = mentor.locator("section.panel", { has: mentor.getByRole("heading", { name: group }) });
  await expect(groupPanel.locator(".row-item", { hasText: teacherName })).toContainText("menunggu tanggapan");
  await shot(mentor, testInfo, "coaching-mentor-overview");
  await groupPanel.getByRole("link", { name: teacherName }).click();
  await mentor.waitForURL(/\/coaching\/peserta\/\d+\?angkatan=\d+$/);
  await expect(mentor.getByRole("heading", { level: 1 })).toHaveText(`Catatan coaching ${teacherName}`);
  await mentor.locator(".post-card", { hasText: tag }).getByRole("link").click();
  await mentor.waitForURL(cyclePath);
  await expect(mentor.locator('form[action="/api/update_coaching_cycle"]')).toHaveCount(0);
  await mentor.locator("#tulis-komentar textarea").fill(`Tujuannya jelas, tambahkan ukuran keberhasilan ${tag}`);
  await mentor.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(mentor.locator(".thread .comment", { hasText: `ukuran keberhasilan ${tag}` })).toBeVisible();
  await expect(mentor.getByText("Komentar Anda sudah terkirim.")).toBeVisible();

  // The teacher sees the comment with the mentor's role, then edits the goal; the comment stays.
  await open(teacher, cyclePath, testInfo);
  const mentorComment = teacher.locator(".thread .comment", { hasText: `ukuran keberhasilan ${tag}` });
  await expect(mentorComment).toBeVisible();
  await expect(mentorComment.locator(".badge.staff")).toHaveText("Mentor");
  const edit = teacher.locator('form[action="/api/update_coaching_cycle"]');
  if (!(await edit.isVisible())) await teacher.getByText("Ubah siklus ini").click();
  await expect(edit.getByLabel("Tujuan", { exact: true })).toHaveValue(goal);
  await edit.getByLabel("Tujuan", { exact: true }).fill(`${goal}, diukur dengan lembar kerja`);
  await edit.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(teacher.locator("#bagian-goal")).toContainText("diukur dengan lembar kerja");
  await expect(teacher.getByText("Perubahan siklus sudah disimpan. Komentar sebelumnya tetap ada.")).toBeVisible();
  await expect(teacher.locator(".thread .comment", { hasText: `ukuran keberhasilan ${tag}` })).toBeVisible();
  await shot(teacher, testInfo, "coaching-cycle");

  // Back in the log, the cycle shows its comment.
  await teacher.getByRole("link", { name: "← Catatan coaching saya" }).click();
  await expect(teacher.locator(".post-card", { hasText: tag })).toContainText("1 komentar");
});
