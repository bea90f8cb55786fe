// Live sessions in the browser, with JavaScript on and off: the mentor opens the demo's session
// running today and shows its check-in code; a teacher types it, is recorded as present, and
// sees the session's JP in their record. Each project uses its own teacher (peserta01 with
// JavaScript, peserta02 without), both approved in Angkatan 1.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

test("a teacher checks in with the code on the host's screen and sees the JP", async ({ page, browser }, testInfo) => {
  const participant = jsOn(testInfo) ? "peserta01@pamong.test" : "peserta02@pamong.test";
  await signInAndWait(page, testInfo, participant);
  await open(page, "/peserta", testInfo);
  const cohortRow = page.locator("li.row-item").filter({ hasText: "Angkatan 1" });
  await cohortRow.getByRole("link", { name: "Buka angkatan" }).click();
  await page.getByRole("link", { name: /hari ini/ }).click();
  await expect(page).toHaveURL(/\/peserta\/sesi\/\d+$/);
  const sessionPath = new URL(page.url()).pathname;
  const session = sessionPath.split("/").pop();

  // The mentor's screen, on another device: the code in large type and as a QR code.
  const host = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID", javaScriptEnabled: jsOn(testInfo) });
  const screen = await host.newPage();
  await signInAndWait(screen, testInfo, accounts.mentor);
  await open(screen, `/sesi/${session}`, testInfo);
  await expect(screen.locator(".qr svg")).toBeVisible();
  const code = ((await screen.locator(".big-code").textContent()) ?? "").replace(/\s/g, "");
  expect(code).toMatch(/^\d{6}$/);
  await shot(screen, testInfo, "session-host-code");
  // The host's page never reloads itself; the screen view for a projector does, with the same code.
  await expect(screen.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await screen.getByRole("link", { name: "Buka tampilan layar (untuk proyektor)" }).click();
  await expect(screen).toHaveURL(new RegExp(`/sesi/${session}\\?layar=1$`));
  await expect(screen.locator('meta[http-equiv="refresh"]')).toHaveCount(1);
  await expect(screen.locator("table.roster")).toHaveCount(0);
  expect(((await screen.locator(".big-code").textContent()) ?? "").replace(/\s/g, "")).toMatch(/^\d{6}$/);
  await shot(screen, testInfo, "session-screen-view");
  await screen.getByRole("link", { name: "Kembali ke halaman sesi" }).click();
  await expect(screen.locator(".big-code")).toBeVisible();

  // A wrong code first: the message is next to the field, in Indonesian.
  const wrong = code[0] === "9" ? `0${code.slice(1)}` : `${Number(code[0]) + 1}${code.slice(1)}`;
  await page.getByLabel("Kode presensi").fill(wrong);
  await page.getByRole("button", { name: "Catat kehadiran" }).click();
  await expect(page.locator("[data-error-for=code]")).toContainText(/Kode salah|sesi lain/);
  await page.getByLabel("Kode presensi").fill(code);
  await page.getByRole("button", { name: "Catat kehadiran" }).click();
  // On time or late: the demo session began 5 minutes before the server started, and a check-in
  // from 15 minutes after its start counts as late (both give the JP); which one depends on how
  // far the suite has run.
  await expect(page.getByText(/^Kehadiran Anda (sudah tercatat|tercatat sebagai terlambat)\.$/)).toBeVisible();
  await expect(page.getByText("Anda sudah tercatat hadir di sesi ini.")).toBeVisible();
  await shot(page, testInfo, "session-checked-in");

  // The JP record: last week's session (present) and today's, 2 JP each.
  await open(page, "/peserta/jp", testInfo);
  await expect(page.getByText(/4 dari 20 JP tahun \d{4}/)).toBeVisible();
  await shot(page, testInfo, "jp-record");

  // The host's roster shows the teacher present, checked in by code.
  await open(screen, `/sesi/${session}`, testInfo);
  const row = screen.locator("table.roster tr").filter({ hasText: jsOn(testInfo) ? "Sri Wahyuni" : "Budi Santoso" });
  await expect(row).toContainText(/Hadir|Terlambat/);
  await expect(row).toContainText("kode");
  await host.close();
});

test("a mentor marks the roster and downloads the cohort's attendance", async ({ page }, testInfo) => {
  test.skip(!jsOn(testInfo), "one project is enough: the roster is a plain form either way");
  await signInAndWait(page, testInfo, accounts.mentor);
  await open(page, "/mentor", testInfo);
  // The past session of Angkatan 1: mark the absent teacher as excused.
  await open(page, "/mentor/angkatan/1/kehadiran", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Rekap kehadiran");
  await page.getByRole("link", { name: /Sesi sinkron 0/ }).click();
  const row = page.locator("table.roster tr").filter({ hasText: "Joko Susilo" });
  await expect(row).toContainText("Tidak hadir");
  await row.locator("select").selectOption("excused");
  await page.getByRole("button", { name: "Simpan daftar hadir" }).click();
  await expect(page.getByText("Daftar hadir disimpan: 1 perubahan.")).toBeVisible();
  await expect(page.locator("table.roster tr").filter({ hasText: "Joko Susilo" })).toContainText("Izin");
  await shot(page, testInfo, "session-roster");
  const download = page.waitForEvent("download");
  await open(page, "/mentor/angkatan/1/kehadiran", testInfo);
  await page.getByRole("link", { name: "Unduh CSV" }).click();
  expect((await download).suggestedFilename()).toBe("kehadiran-angkatan-1.csv");
});
