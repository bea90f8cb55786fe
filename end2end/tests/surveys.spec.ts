// Surveys in the browser, with JavaScript on and off: a teacher of Angkatan 1 finds the demo's
// mentor evaluation from their cohort page, sends it with a required item left out (the message
// stands beside that item and the comment typed is kept), completes it and sees the thanks. Each
// project uses its own teacher (peserta11 with JavaScript, peserta12 without): the demo approves
// both in Angkatan 1 and leaves them with nothing answered. Then the mentor sees their results
// (seven teachers answered in the demo, over the five needed), without any teacher's name.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

test("a teacher answers the mentor survey and sees the thanks", async ({ page }, testInfo) => {
  const participant = jsOn(testInfo) ? "peserta11@pamong.test" : "peserta12@pamong.test";
  await signInAndWait(page, testInfo, participant);
  await open(page, "/peserta", testInfo);
  const cohortRow = page.locator("li.row-item").filter({ hasText: "Angkatan 1" });
  await cohortRow.getByRole("link", { name: "Buka angkatan" }).click();
  await page.getByRole("link", { name: "Lihat survei yang perlu diisi" }).click();
  await expect(page).toHaveURL(/\/peserta\/survei$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Survei evaluasi");

  // One line per mentor evaluated, and one for the organiser.
  const row = page
    .locator("li.row-item")
    .filter({ hasText: "Evaluasi Mentor Angkatan 1" })
    .filter({ hasText: "Dr. Hadi Purnomo" });
  await expect(row).toHaveCount(1);
  await expect(page.locator("li.row-item").filter({ hasText: "Evaluasi Penyelenggaraan Angkatan 1" })).toHaveCount(1);
  await shot(page, testInfo, "survey-list");
  await row.getByRole("link", { name: "Isi survei" }).click();
  await expect(page).toHaveURL(/\/peserta\/survei\/\d+\/\d+$/);
  await expect(page.getByText("Yang dinilai: Dr. Hadi Purnomo, M.Pd.")).toBeVisible();

  // Every scale item answered but the first; a comment typed.
  const questions = page.locator("fieldset.question");
  await expect(questions).toHaveCount(9);
  const comment = "Contoh-contohnya dekat dengan kelas saya.";
  for (let n = 1; n < 8; n++) {
    await questions.nth(n).getByLabel("4 – Sangat baik").check();
  }
  await questions.nth(8).locator("textarea").fill(comment);
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page).toHaveURL(/\/peserta\/survei\/\d+\/\d+$/);
  await expect(questions.nth(0).locator(".field-error")).toHaveText("Pilih salah satu jawaban.");
  await expect(page.getByText("Periksa lagi jawaban yang ditandai.")).toBeVisible();
  await expect(questions.nth(8).locator("textarea")).toHaveValue(comment);
  await expect(questions.nth(3).getByLabel("4 – Sangat baik")).toBeChecked();
  await shot(page, testInfo, "survey-missing-item");

  // The first item answered: the thanks, and the line marked as answered.
  await questions.nth(0).getByLabel("3 – Baik").check();
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page).toHaveURL(/\/peserta\/survei$/);
  await expect(page.getByText("Terima kasih, jawaban Anda sudah tersimpan.")).toBeVisible();
  const done = page
    .locator("li.row-item")
    .filter({ hasText: "Evaluasi Mentor Angkatan 1" })
    .filter({ hasText: "Dr. Hadi Purnomo" });
  await expect(done).toContainText("Sudah diisi");
  await expect(done.getByRole("link", { name: "Isi survei" })).toHaveCount(0);
  await shot(page, testInfo, "survey-thanks");
});

test("a mentor sees the results about them without names", async ({ page }, testInfo) => {
  test.skip(!jsOn(testInfo), "one project is enough: the results are a plain page either way");
  await signInAndWait(page, testInfo, accounts.mentor);
  await open(page, "/mentor/survei", testInfo);
  await expect(page.getByText("Indeks Anda:")).toBeVisible();
  const row = page.locator("li.row-item").filter({ hasText: "Evaluasi Mentor Angkatan 1" });
  await row.getByRole("link", { name: "Lihat hasil" }).click();
  await expect(page).toHaveURL(/\/mentor\/survei\/\d+$/);
  await expect(page.getByRole("heading", { level: 2, name: "Dr. Hadi Purnomo, M.Pd." })).toBeVisible();
  await expect(page.getByText(/Rata-rata \d/).first()).toBeVisible();
  await expect(page.getByText("Wulan Sari")).toHaveCount(0);
  await expect(page.getByText("Sri Wahyuni")).toHaveCount(0);
  await shot(page, testInfo, "survey-mentor-results");
});
