// The end of the Diklat cycle in the browser, with JavaScript on and off: a teacher of the demo's
// completed cohort ("Angkatan Agustus 2026") finds from their development record that only the
// mentor evaluation is missing, answers it and sees the checklist complete; the admin records
// the decision and issues the certificate; the teacher downloads the certificate and the
// evidence portfolio, and the check page the QR code opens shows every field to anyone.
// peserta18 (Teguh Santoso) runs with JavaScript, peserta17 (Endang Sulastri) without.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

const COHORT = "Angkatan Agustus 2026";

test("a teacher completes the cycle and gets a certificate anyone can check", async ({ page, browser }, testInfo) => {
  const [email, name] = jsOn(testInfo)
    ? ["peserta18@pamong.test", "Teguh Santoso"]
    : ["peserta17@pamong.test", "Endang Sulastri"];

  // The development record lists the completed training; its checklist misses the survey only.
  await signInAndWait(page, testInfo, email);
  await open(page, "/peserta/rekam-jejak", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Rekam jejak pengembangan" })).toBeVisible();
  const training = page.locator("li.row-item").filter({ hasText: COHORT });
  await expect(training).toContainText("Belum diputuskan");
  await shot(page, testInfo, "record-before");
  await training.getByRole("link", { name: "Kelulusan" }).click();
  await expect(page).toHaveURL(/\/peserta\/angkatan\/\d+\/kelulusan$/);
  const cohortId = new URL(page.url()).pathname.split("/")[3];
  await expect(page.getByText("1 dari 2 syarat terpenuhi.")).toBeVisible();
  await expect(page.locator("li.check.met")).toContainText("Kehadiran sesi");
  const missing = page.locator("li.check.missing");
  await expect(missing).toContainText("Survei evaluasi");
  await shot(page, testInfo, "completion-missing-survey");

  // The mentor evaluation, from the checklist's link: every scale item answered.
  await missing.getByRole("link", { name: /Evaluasi Mentor Angkatan Agustus 2026/ }).click();
  await expect(page).toHaveURL(/\/peserta\/survei\/\d+\/\d+$/);
  const questions = page.locator("fieldset.question");
  const count = await questions.count();
  for (let n = 0; n < count; n++) {
    const top = questions.nth(n).getByLabel("4 – Sangat baik");
    if ((await top.count()) > 0) {
      await top.check();
    }
  }
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByText("Terima kasih, jawaban Anda sudah tersimpan.")).toBeVisible();

  // The checklist is complete.
  await open(page, `/peserta/angkatan/${cohortId}/kelulusan`, testInfo);
  await expect(page.getByText("Semua syarat sudah terpenuhi.")).toBeVisible();
  await expect(page.locator("li.check.missing")).toHaveCount(0);
  await shot(page, testInfo, "completion-complete");

  // The admin, on another device: passes the teacher, then issues the certificate.
  const office = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID", javaScriptEnabled: jsOn(testInfo) });
  const admin = await office.newPage();
  await signInAndWait(admin, testInfo, accounts.admin);
  await open(admin, `/admin/angkatan/${cohortId}/kelulusan`, testInfo);
  const row = admin.locator("li.registration").filter({ hasText: name });
  await expect(row).toContainText("2/2 syarat");
  await row.getByRole("button", { name: "Lulus", exact: true }).click();
  await expect(admin.locator("li.registration").filter({ hasText: name }).locator("span.badge", { hasText: /^Lulus$/ })).toBeVisible();
  await shot(admin, testInfo, "completion-cohort-table");
  // The certificate pages are plain HTML with no script: nothing to wait for.
  await admin.goto(`/admin/angkatan/${cohortId}/sertifikat`);
  const waiting = admin.locator("tr").filter({ hasText: name });
  await waiting.getByRole("button", { name: "Terbitkan", exact: true }).click();
  await expect(admin.getByText("Sertifikat diterbitkan.")).toBeVisible();
  await shot(admin, testInfo, "certificates-cohort");
  await office.close();

  // The teacher downloads the certificate PDF and the portfolio.
  await page.goto("/peserta/sertifikat");
  const mine = page.locator("tr, li").filter({ hasText: "Literasi Digital dalam Pembelajaran" }).first();
  await expect(mine).toBeVisible();
  await shot(page, testInfo, "certificates-mine");
  const pdf = page.waitForEvent("download");
  await mine.getByRole("link", { name: "Unduh PDF" }).click();
  expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  const checkHref = await mine.getByRole("link", { name: "Halaman pemeriksaan" }).getAttribute("href");
  expect(checkHref).toMatch(/\/sertifikat\/[0-9A-Za-z]{16}$/);
  await open(page, "/peserta/rekam-jejak", testInfo);
  await expect(page.locator("li.row-item").filter({ hasText: COHORT })).toContainText("Lulus");
  const zip = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unduh portofolio (ZIP)" }).click();
  expect((await zip).suggestedFilename()).toMatch(/^portofolio-.*\.zip$/);
  await shot(page, testInfo, "record-after");

  // The check page the QR code opens, for anyone: every field and the status.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID", javaScriptEnabled: jsOn(testInfo) });
  const check = await visitor.newPage();
  await check.goto(checkHref!);
  await expect(check.getByText("Sah: sertifikat ini diterbitkan dan berlaku.")).toBeVisible();
  for (const label of ["Nomor", "Nama peserta", "NIP", "Pelatihan", "Tanggal", "Tempat", "Jumlah JP", "Hasil", "Penyelenggara", "Penanda tangan"]) {
    await expect(check.locator("dt", { hasText: label }).first()).toBeVisible();
  }
  await expect(check.locator("dd", { hasText: name })).toBeVisible();
  await shot(check, testInfo, "certificate-check-page");
  await visitor.close();
});
