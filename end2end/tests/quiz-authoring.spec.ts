// Quiz authoring in a browser, with JavaScript on and off: the demo admin adds a question to the
// literacy program's bank (one validation error first), then creates a quiz for its first
// cohort, adds that question and opens the quiz.
import { expect, test } from "./fixtures";
import { accounts, open, shot, signIn } from "./helpers";

test("an admin adds a question to the bank, then creates and opens a quiz with it", async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const prompt = `Manakah peramban web? (${stamp})`;
  const title = `Latihan literasi ${stamp}`;
  await signIn(page, testInfo, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);

  // From the program page to its bank.
  await open(page, "/admin/program", testInfo);
  await page.getByRole("link", { name: "Literasi Digital dalam Pembelajaran" }).first().click();
  await expect(page).toHaveURL(/\/admin\/program\/\d+$/);
  const programUrl = page.url();
  await page.getByRole("link", { name: "Bank soal" }).click();
  await expect(page).toHaveURL(/\/admin\/program\/\d+\/soal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bank soal");
  await open(page, new URL(page.url()).pathname, testInfo);

  // A single-choice question without its key: the message stands next to the options.
  await page.locator("#f-kind").selectOption("single");
  await page.getByLabel("Pertanyaan").fill(prompt);
  await page.locator("#f-option_1").fill("Mozilla Firefox");
  await page.locator("#f-option_2").fill("Microsoft Excel");
  await page.getByLabel("Tag kompetensi", { exact: true }).last().fill("TIK, Literasi Digital");
  await page.getByRole("button", { name: "Simpan soal" }).click();
  await expect(page.locator("#e-correct")).toHaveText("Soal pilihan ganda harus punya tepat satu kunci jawaban.");
  await expect(page.getByLabel("Pertanyaan")).toHaveValue(prompt);
  await expect(page.locator("#f-option_2")).toHaveValue("Microsoft Excel");

  await page.locator("#f-correct-1").check();
  await page.getByRole("button", { name: "Simpan soal" }).click();
  await expect(page.getByText("Soal sudah ditambahkan ke bank.")).toBeVisible();
  await expect(page.getByRole("link", { name: prompt })).toBeVisible();
  await shot(page, testInfo, "quiz-bank");

  // The question's page shows its key and tags were normalised.
  await page.getByRole("link", { name: prompt }).click();
  await expect(page).toHaveURL(/\/admin\/soal\/\d+$/);
  await expect(page.locator("ol.options li.correct")).toHaveText(/Mozilla Firefox/);
  await expect(page.getByLabel("Tag kompetensi")).toHaveValue("tik, literasi-digital");

  // The first cohort's quizzes: create a fixed practice quiz.
  await open(page, new URL(programUrl).pathname, testInfo);
  await page.getByRole("link", { name: "Angkatan 1" }).click();
  await expect(page).toHaveURL(/\/admin\/angkatan\/\d+$/);
  await page.getByRole("link", { name: "Kuis", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/angkatan\/\d+\/kuis$/);
  await open(page, new URL(page.url()).pathname, testInfo);
  await expect(page.getByText("Pra-tes Literasi Digital")).toBeVisible();

  await page.getByLabel("Judul kuis").fill(title);
  await page.getByLabel("Jenis kuis").selectOption("practice");
  await page.getByLabel("Pemilihan soal").selectOption("fixed");
  await page.getByLabel("Batas waktu (menit)").fill("15");
  await page.getByLabel("Tanggal buka").fill("2027-01-11");
  await page.getByLabel("Tanggal tutup").fill("2027-01-10");
  await page.getByRole("button", { name: "Buat kuis" }).click();
  // Closing before opening is refused next to the closing date; what was typed is kept.
  await expect(page.locator("#e-closes_on")).toHaveText("Waktu tutup harus sesudah waktu buka.");
  await expect(page.getByLabel("Judul kuis")).toHaveValue(title);
  await page.getByLabel("Tanggal tutup").fill("2027-01-31");
  await page.getByRole("button", { name: "Buat kuis" }).click();

  await expect(page).toHaveURL(/\/admin\/kuis\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Kuis sudah dibuat sebagai draf.")).toBeVisible();

  // Opening without questions is refused; with the new question it opens.
  await page.getByRole("button", { name: "Buka kuis" }).click();
  await expect(page.getByText("Kuis belum punya soal.", { exact: false })).toBeVisible();
  const option = page.locator("#f-question_id option", { hasText: prompt });
  const value = await option.getAttribute("value");
  expect(value).not.toBeNull();
  await page.locator("#f-question_id").selectOption(value ?? "");
  await page.getByRole("button", { name: "Tambahkan" }).click();
  await expect(page.getByText("Soal sudah ditambahkan ke kuis.")).toBeVisible();
  await expect(page.locator("ol.quiz-questions li")).toHaveCount(1);
  await page.getByRole("button", { name: "Buka kuis" }).click();
  await expect(page.getByText("Kuis sudah dibuka.")).toBeVisible();
  await expect(page.locator(".tag.status-open")).toHaveText("Dibuka");
  await shot(page, testInfo, "quiz-authoring");
});
