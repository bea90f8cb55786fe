// Participant fees in the browser, with JavaScript on and off: a teacher of the demo's
// fee-funded program ("Kelas Mandiri", Rp750.000) reads where to transfer and the reference,
// uploads a proof of transfer (a text file is refused next to the field first); the admin finds
// the bill with its waiting proof and confirms it; the teacher then sees it paid and downloads
// the receipt (kuitansi) as a PDF; the teacher withdraws before the cut-off and the admin records
// the refund with its reversing receipt; the admin reads the fee report and uploads a bank statement
// whose credit names no bill, which waits to be matched by hand. Each project uses its own
// teacher: peserta11 with JavaScript, peserta12 without.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test("a teacher pays by transfer, the admin confirms, the teacher downloads the receipt", async ({ page, browser }, testInfo) => {
  const on = jsOn(testInfo);
  const teacherEmail = on ? "peserta11@pamong.test" : "peserta12@pamong.test";
  await signInAndWait(page, testInfo, teacherEmail);
  await open(page, "/peserta", testInfo);
  await page.getByRole("link", { name: "Tagihan saya" }).click();
  await expect(page).toHaveURL(/\/peserta\/tagihan$/);
  const row = page.locator("li.row-item").filter({ hasText: "Bimbingan Teknis TIK untuk Pembelajaran" });
  await expect(row).toContainText("Rp750.000");
  await expect(row).toContainText("Belum dibayar");
  await shot(page, testInfo, "fees-my-bills");
  await row.getByRole("link", { name: "Bayar" }).click();
  await expect(page).toHaveURL(/\/peserta\/tagihan\/\d+$/);
  const billPath = new URL(page.url()).pathname;
  await expect(page.getByText("1023456789")).toBeVisible();
  const reference = ((await page.locator("code.reference").first().textContent()) ?? "").trim();
  expect(reference).toMatch(/^PMGP\d{9}$/);

  // A text file is refused next to the field; a picture is taken and waits for the admin.
  await page.getByLabel("Berkas bukti transfer").setInputFiles({ name: "bukti.txt", mimeType: "text/plain", buffer: Buffer.from("sudah") });
  await page.getByRole("button", { name: "Kirim bukti transfer" }).click();
  await expect(page.locator("#e-file")).toContainText("foto (JPG, PNG, WebP) atau PDF");
  await page.getByLabel("Berkas bukti transfer").setInputFiles({ name: "bukti-transfer.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Kirim bukti transfer" }).click();
  await expect(page.getByText("Bukti transfer terkirim. Panitia akan memeriksanya.")).toBeVisible();
  await expect(page.getByText("Menunggu pemeriksaan")).toBeVisible();
  await shot(page, testInfo, "fees-bill-proof-sent");

  // The admin, on another device: the cohort's bills, the teacher's bill first, confirmed.
  const admin = await (await browser.newContext({ ...testInfo.project.use })).newPage();
  await signInAndWait(admin, testInfo, accounts.admin);
  await open(admin, "/admin/angkatan", testInfo);
  await admin.getByRole("link", { name: /Kelas Mandiri/ }).first().click();
  await admin.getByRole("link", { name: "Tagihan", exact: true }).click();
  await expect(admin).toHaveURL(/\/admin\/angkatan\/\d+\/tagihan$/);
  await expect(admin.getByText("Kontribusi peserta program ini: Rp750.000.")).toBeVisible();
  const bill = admin.locator("li.row-item").filter({ hasText: reference });
  await expect(bill).toContainText("1 bukti menunggu");
  await shot(admin, testInfo, "fees-cohort-bills");
  await bill.getByRole("link").first().click();
  await expect(admin).toHaveURL(/\/admin\/tagihan\/\d+$/);
  const adminBill = new URL(admin.url()).pathname;
  await shot(admin, testInfo, "fees-admin-bill");
  await admin.getByRole("button", { name: "Konfirmasi lunas dengan bukti ini" }).click();
  await expect(admin.getByText("Pembayaran dikonfirmasi dan kuitansi diterbitkan.")).toBeVisible();
  await expect(admin.getByText(/^Kuitansi \d{5}\/KWT\/\d{4}/)).toBeVisible();

  // The teacher sees it paid and downloads the receipt.
  await open(page, billPath, testInfo);
  await expect(page.locator("dl.facts")).toContainText("Lunas");
  await expect(page.getByText("Diterima", { exact: true })).toBeVisible();
  await shot(page, testInfo, "fees-bill-paid");
  const href = await page.getByRole("link", { name: "Unduh kuitansi (PDF)" }).getAttribute("href");
  expect(href).toMatch(/^\/kuitansi\/\d+$/);
  const receipt = await page.request.get(href!);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()["content-type"]).toBe("application/pdf");
  expect((await receipt.body()).subarray(0, 4).toString()).toBe("%PDF");

  // The teacher withdraws before the cohort starts (the default refund cut-off is the day
  // before); the admin pays the fee back and a reversing receipt is issued.
  await open(page, "/peserta/pendaftaran", testInfo);
  await page.locator("li.application").filter({ hasText: "Kelas Mandiri" }).getByRole("button", { name: "Mundur" }).click();
  await expect(page.getByText("Anda sudah mundur dari angkatan ini.")).toBeVisible();
  await open(admin, adminBill, testInfo);
  await expect(admin.getByText(/sebelum batas pengembalian/)).toBeVisible();
  // Only spaces pass the browser's required check; the server's message is shown by the field.
  await admin.getByLabel("Dikembalikan ke rekening").fill("   ");
  await admin.getByRole("button", { name: "Catat pengembalian dan terbitkan kuitansi" }).click();
  await expect(admin.locator("#e-paid_to")).toContainText("Wajib diisi.");
  await admin.getByLabel("Dikembalikan ke rekening").fill("Bank Jateng 9876543210 a.n. Guru Demo");
  await admin.getByRole("button", { name: "Catat pengembalian dan terbitkan kuitansi" }).click();
  await expect(admin.getByText("Pengembalian dana dicatat; kuitansi pengembaliannya terbit.")).toBeVisible();
  await expect(admin.getByText(/Kuitansi pengembalian \d{5}\/KWT-R\/\d{4}/)).toBeVisible();
  await shot(admin, testInfo, "fees-admin-refunded");
  await open(page, billPath, testInfo);
  await expect(page.locator("dl.facts")).toContainText("Dikembalikan");
  await expect(page.getByRole("link", { name: "Unduh kuitansi (PDF)" })).toHaveCount(2);
  await shot(page, testInfo, "fees-bill-refunded");

  // The admin's report counts the collected fee and the refund.
  await open(admin, "/admin/kontribusi", testInfo);
  await expect(admin.locator("#laporan-angkatan")).toContainText("Kelas Mandiri");
  await shot(admin, testInfo, "fees-report");

  // A bank statement whose credit names no bill waits for the admin to match it by hand.
  const statement = `Tanggal;Keterangan;Kredit\n01/12/2026;SETORAN ${testInfo.project.name};750.000,00\n`;
  await admin.getByLabel("Berkas mutasi (CSV)").setInputFiles({ name: "mutasi.csv", mimeType: "text/csv", buffer: Buffer.from(statement) });
  await admin.getByRole("button", { name: "Unggah dan cocokkan" }).click();
  await expect(admin).toHaveURL(/\/admin\/kontribusi\/mutasi\/\d+$/);
  await expect(admin.getByText("Tidak ada kode referensi di keterangan.")).toBeVisible();
  await expect(admin.getByLabel("Kode referensi tagihan")).toBeVisible();
  await shot(admin, testInfo, "fees-statement-review");
  await admin.context().close();
});
