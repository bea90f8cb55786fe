// Activation in the browser, with and without JavaScript: the admin imports a teacher who has a
// NIP but no e-mail, prints the cohort's activation letters (CSV), and the teacher activates the
// account with the NIP and the code from the letter, choosing a password, and lands on their home
// page signed in.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signIn, waitForImport } from "./helpers";

test("an imported teacher activates with the code from the letter", async ({ page }, testInfo) => {
  // A NIP of this run: born 1986-09-26, appointed 2015-05, woman, serial by project and time.
  const serial = String((Date.now() % 500) * 2 + (jsOn(testInfo) ? 0 : 1)).padStart(3, "0");
  const nip = `198609262015052${serial}`;
  const name = `Guru Aktivasi ${testInfo.project.name} ${serial}`;

  await signIn(page, testInfo, accounts.admin);
  await page.waitForURL(/\/admin/);
  await open(page, "/admin/angkatan", testInfo);
  const href = await page.getByRole("link", { name: /Angkatan 2/ }).first().getAttribute("href");
  const cohort = href?.match(/\/admin\/angkatan\/(\d+)/)?.[1];
  expect(cohort, "the seeded Angkatan 2").toBeTruthy();

  // No e-mail: the teacher will get a printed letter.
  const csv = [
    "nama;email;nip;nuptk;golongan;npsn;nama_sekolah;jenjang_sekolah;mata_pelajaran;kode_wilayah;no_hp",
    `${name};;${nip};;III/b;20300001;SMP Negeri 1;SMP;IPA;33.01;`,
  ].join("\r\n");
  await open(page, `/admin/angkatan/${cohort}/impor`, testInfo);
  await page.getByLabel("Berkas CSV").setInputFiles({
    name: `aktivasi-${serial}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from("\ufeff" + csv + "\r\n", "utf8"),
  });
  await page.getByRole("button", { name: "Unggah dan impor" }).click();
  await waitForImport(page, testInfo);
  await expect(page.locator(".import-errors li")).toHaveCount(0);

  // The letters: a fresh code for everyone in the cohort who has not activated.
  await open(page, `/admin/angkatan/${cohort}/peserta`, testInfo);
  await shot(page, testInfo, "activation-roster");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Cetak surat aktivasi (CSV)" }).click();
  const letters = await (await download).createReadStream();
  let text = "";
  for await (const chunk of letters) text += chunk.toString("utf8");
  const line = text.split(/\r?\n/).find((l) => l.includes(nip));
  expect(line, `a letter for ${nip}`).toBeTruthy();
  const code = line!.match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}/)?.[0];
  expect(code, `a code in ${line}`).toBeTruthy();
  await page.context().clearCookies();

  // The teacher: a wrong code first (the form keeps what was typed), then the letter's.
  await open(page, "/aktivasi", testInfo);
  await page.locator("#f-akun").fill(nip);
  await page.locator("#f-kode").fill("AAAA-BBBB-CC");
  await page.locator("#f-password").fill("guru-baru-2027");
  await page.locator("#f-password_confirm").fill("guru-baru-2027");
  await page.getByRole("button", { name: "Aktifkan dan masuk" }).click();
  await expect(page.getByText("Kode aktivasi tidak cocok dengan akun ini.").first()).toBeVisible();
  await expect(page.locator("#f-akun")).toHaveValue(nip);
  await shot(page, testInfo, "activation-wrong-code");
  await page.locator("#f-kode").fill(code!.toLowerCase());
  await page.locator("#f-password").fill("guru-baru-2027");
  await page.locator("#f-password_confirm").fill("guru-baru-2027");
  await page.getByRole("button", { name: "Aktifkan dan masuk" }).click();
  await page.waitForURL((url) => url.pathname === "/peserta");
  await expect(page.getByText("Akun Anda sudah aktif.")).toBeVisible();
  await shot(page, testInfo, "activation-home");

  // Later, the NIP and the new password sign in.
  await page.context().clearCookies();
  await signIn(page, testInfo, nip, "guru-baru-2027");
  await page.waitForURL((url) => url.pathname === "/peserta");
});
