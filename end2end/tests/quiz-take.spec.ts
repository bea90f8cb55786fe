// Taking the demo pre-test in the browser, with JavaScript on and off: from the cohort page to
// the quiz, page by page through the questions, handing in, and the result with its review.
import { expect, test } from "./fixtures";
import { answerPage, islandsHydrated, jsOn, openQuiz, shot, signInAndWait } from "./helpers";

test("a participant takes the pre-test page by page and sees the result", async ({ page }, testInfo) => {
  const participant = jsOn(testInfo) ? "peserta05@pamong.test" : "peserta06@pamong.test";
  await signInAndWait(page, testInfo, participant);
  await openQuiz(page, testInfo, /Pre-test/);
  await shot(page, testInfo, "quiz-intro");
  await page.getByRole("button", { name: "Mulai mengerjakan" }).click();
  await expect(page).toHaveURL(/\/peserta\/upaya\/\d+$/);
  if (jsOn(testInfo)) {
    await islandsHydrated(page);
  } else {
    await expect(page.getByText("Jawaban disimpan setiap kali Anda menekan tombol di bawah.")).toBeVisible();
  }

  let answered = 0;
  for (let guard = 0; guard < 20; guard++) {
    answered += await answerPage(page);
    if (jsOn(testInfo)) {
      await expect(page.locator("[data-save-state=saved]")).toBeVisible();
    }
    if (guard === 0) await shot(page, testInfo, "quiz-attempt");
    const next = page.getByRole("button", { name: "Berikutnya ›" });
    if (await next.count()) {
      await next.click();
      await expect(page).toHaveURL(/hal=\d+/);
    } else {
      await page.getByRole("button", { name: "Selesai, kumpulkan…" }).click();
      break;
    }
  }
  await expect(page).toHaveURL(/\/kumpulkan$/);
  await expect(page.getByText("Semua soal sudah dijawab.")).toBeVisible();
  await shot(page, testInfo, "quiz-submit");
  await page.getByRole("button", { name: "Kumpulkan sekarang" }).click();
  await expect(page).toHaveURL(/\/hasil$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hasil");
  await expect(page.getByText(`${answered} dari ${answered} soal terjawab`)).toBeVisible();
  await expect(page.locator(".score-big")).toContainText("Nilai:");
  await shot(page, testInfo, "quiz-result");

  // Handing in again (a second tab, the back button) explains instead of failing.
  await page.goBack();
  await page.getByRole("button", { name: "Kumpulkan sekarang" }).click();
  await expect(page.getByText("Upaya ini sudah dikumpulkan sebelumnya. Berikut hasilnya.")).toBeVisible();
});
