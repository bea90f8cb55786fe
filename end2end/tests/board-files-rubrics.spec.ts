// Attachments and rubric scores on a work post, with JavaScript on and off: the teacher attaches
// a PDF (a program renamed to .pdf is refused with a message next to the field), the mentor
// downloads it and scores the post with the demo rubric, and the teacher sees the score. Each
// project uses its own demo pair: peserta07 with mentor1 (Melati), peserta08 with mentor2 (Mawar).
import { expect, test } from "./fixtures";
import { jsOn, open, shot, signIn } from "./helpers";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const exe = Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);

test("a teacher attaches files, the mentor scores with a rubric, the teacher sees the score", async ({ browser }, testInfo) => {
  const on = jsOn(testInfo);
  const teacherEmail = on ? "peserta07@pamong.test" : "peserta08@pamong.test";
  const mentorEmail = on ? "mentor1@pamong.test" : "mentor2@pamong.test";
  const groupBoard = on ? "Papan Kelompok Melati" : "Papan Kelompok Mawar";
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`;
  const title = `Media ajar pecahan ${tag}`;
  const options = { javaScriptEnabled: on };

  const teacher = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(teacher, testInfo, teacherEmail);
  await teacher.waitForURL("/peserta");
  await open(teacher, "/papan", testInfo);
  await teacher.getByRole("link", { name: groupBoard }).click();
  const form = teacher.locator('form[action="/api/create_post"]');
  if (!(await form.isVisible())) await teacher.getByText("Kirim karya").click();
  await form.getByLabel("Jenis karya").selectOption("media_ajar");
  await form.getByLabel("Judul").fill(title);
  await form.getByLabel("Isi").fill("Lembar kerja pecahan senilai dengan gambar pizza.");
  await form.getByRole("button", { name: "Kirim" }).click();
  await teacher.waitForURL(/\/papan\/pos\/\d+$/);
  const postPath = new URL(teacher.url()).pathname;

  // A program named like a PDF is refused next to the file field; a real PDF is attached.
  const upload = teacher.locator("form.upload");
  await upload.locator("input[type=file]").setInputFiles({ name: "lembar-kerja.pdf", mimeType: "application/pdf", buffer: exe });
  await upload.getByRole("button", { name: "Unggah" }).click();
  await expect(teacher.locator("#e-file")).toContainText("Jenis berkas ini tidak diterima.");
  await shot(teacher, testInfo, "post-file-refused");
  await teacher.locator("form.upload input[type=file]").setInputFiles({ name: "lembar-kerja.pdf", mimeType: "application/pdf", buffer: pdf });
  await teacher.locator("form.upload").getByRole("button", { name: "Unggah" }).click();
  await expect(teacher.getByText("Berkas sudah dilampirkan.")).toBeVisible();
  const link = teacher.locator("#lampiran .files a", { hasText: "lembar-kerja.pdf" });
  await expect(link).toBeVisible();
  await expect(teacher.locator("#lampiran .files")).toContainText("PDF · 1 kB");
  await expect(teacher.locator("#nilai")).toContainText("Belum dinilai.");
  await shot(teacher, testInfo, "post-files");
  const href = await link.getAttribute("href");

  // The mentor downloads it and scores the post with the program's rubric.
  const mentor = await (await browser.newContext({ ...testInfo.project.use, ...options })).newPage();
  await signIn(mentor, testInfo, mentorEmail);
  await mentor.waitForURL("/mentor");
  const download = await mentor.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain("lembar-kerja.pdf");
  await open(mentor, postPath, testInfo);
  const scoring = mentor.locator("#beri-nilai");
  await expect(scoring.getByRole("heading", { level: 2 })).toHaveText("Beri nilai dengan rubrik");
  // Other specs may have written more rubrics of the program: pick the demo one.
  const chooser = scoring.locator("form.inline-choice");
  if (await chooser.count()) {
    await chooser.getByLabel("Rubrik").selectOption({ label: "Rubrik refleksi pembelajaran" });
    await chooser.getByRole("button", { name: "Pakai rubrik ini" }).click();
    await expect(mentor.locator("#beri-nilai .lead")).toContainText("Rubrik refleksi pembelajaran");
  }
  await scoring.getByRole("group", { name: "Menggambarkan situasi kelas" }).getByLabel("Baik (3 poin)").check();
  await scoring.getByRole("group", { name: "Menganalisis penyebab" }).getByLabel("Cukup (2 poin)").check();
  await scoring.getByRole("group", { name: "Merumuskan tindak lanjut" }).getByLabel("Sangat baik (4 poin)").check();
  await scoring.getByLabel("Catatan mentor").fill(`Gambarnya jelas ${tag}`);
  await shot(mentor, testInfo, "post-scoring-form");
  await scoring.getByRole("button", { name: "Simpan nilai" }).click();
  await expect(mentor.getByText("Nilai sudah disimpan.")).toBeVisible();
  await expect(mentor.locator("#nilai table.score tfoot")).toContainText("9 / 12");

  // The teacher sees the score and the note.
  await open(teacher, postPath, testInfo);
  await expect(teacher.locator("#nilai table.score tfoot")).toContainText("9 / 12");
  await expect(teacher.locator("#nilai")).toContainText(`Gambarnya jelas ${tag}`);
  await shot(teacher, testInfo, "post-score");

  // The mentor's rubric list shows the rubric, now used and locked.
  await open(mentor, "/rubrik", testInfo);
  await expect(mentor.getByRole("heading", { level: 1 })).toHaveText("Rubrik penilaian");
  await mentor.getByRole("link", { name: "Rubrik refleksi pembelajaran" }).click();
  await expect(mentor.locator("table.rubric")).toContainText("Merumuskan tindak lanjut");
  await expect(mentor.getByText(/sudah dipakai untuk \d+ penilaian/)).toBeVisible();
  await shot(mentor, testInfo, "rubric-page");
});

test("a mentor writes a rubric; a wrong grid keeps what was typed", async ({ page }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`;
  await signIn(page, testInfo, "mentor2@pamong.test");
  await page.waitForURL("/mentor");
  await open(page, "/rubrik", testInfo);
  const form = page.locator("#rubrik-baru form");
  await form.getByLabel("Nama rubrik").fill(`Rubrik modul ajar ${tag}`);
  await form.getByLabel("Kriteria 1", { exact: true }).fill("Tujuan pembelajaran jelas");
  await form.locator("input[name=p3]").fill("1");
  await form.getByRole("button", { name: "Simpan rubrik" }).click();
  await expect(page.locator("#e-p3")).toHaveText("Poin harus lebih besar dari tingkat sebelumnya.");
  await expect(page.locator("#rubrik-baru input[name=c1]")).toHaveValue("Tujuan pembelajaran jelas");
  await shot(page, testInfo, "rubric-error");
  await page.locator("#rubrik-baru input[name=p3]").fill("3");
  await page.locator("#rubrik-baru form").getByRole("button", { name: "Simpan rubrik" }).click();
  await expect(page.getByText("Rubrik sudah disimpan.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Rubrik modul ajar ${tag}`);
  await expect(page.locator("table.rubric")).toContainText("Tujuan pembelajaran jelas");
  await shot(page, testInfo, "rubric-saved");
});
