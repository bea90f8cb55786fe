// A forgotten password, with and without JavaScript: the teacher asks for a link on the sign-in
// page, reads it from the e-mail (the loopback SMTP sink), chooses a new password and lands on
// their home page signed in; the old password no longer works.
import { expect, test } from "./fixtures";
import { jsOn, open, shot, signIn } from "./helpers";
import { mailTo } from "./mail";

test("a teacher resets a password with the link from the e-mail", async ({ page }, testInfo) => {
  // Accounts no other spec signs in with.
  const email = jsOn(testInfo) ? "peserta19@pamong.test" : "peserta20@pamong.test";
  const newPassword = `sandi-baru-${testInfo.project.name}-2027`;

  await open(page, "/masuk", testInfo);
  await page.getByRole("link", { name: "Lupa kata sandi?" }).click();
  await expect(page).toHaveURL(/\/lupa-sandi$/);
  await page.locator("#f-akun").fill(email);
  await page.getByRole("button", { name: "Kirim tautan" }).click();
  await expect(page.getByText("tautan untuk membuat kata sandi baru sudah dikirim")).toBeVisible();
  await shot(page, testInfo, "reset-requested");

  const mail = await mailTo(email, /\/sandi-baru\?token=/);
  expect(mail.subject).toBe("Atur ulang kata sandi Pamong");
  const link = mail.text.match(/https?:\/\/\S+\/sandi-baru\?token=[0-9a-f]+/)?.[0];
  expect(link, `a reset link in ${mail.text}`).toBeTruthy();

  await open(page, new URL(link!).pathname + new URL(link!).search, testInfo);
  await shot(page, testInfo, "reset-new-password");
  await page.locator("#f-password").fill(newPassword);
  await page.locator("#f-password_confirm").fill(newPassword);
  await page.getByRole("button", { name: "Simpan kata sandi dan masuk" }).click();
  await page.waitForURL(/\/peserta$/);
  await expect(page.getByText("Kata sandi Anda sudah diganti.")).toBeVisible();
  await shot(page, testInfo, "reset-done");

  // The link works once; the old password is gone and the new one signs in.
  await page.context().clearCookies();
  await open(page, new URL(link!).pathname + new URL(link!).search, testInfo);
  await page.locator("#f-password").fill("sandi-lain-2027");
  await page.locator("#f-password_confirm").fill("sandi-lain-2027");
  await page.getByRole("button", { name: "Simpan kata sandi dan masuk" }).click();
  await expect(page.getByText("Tautan ini sudah dipakai.").first()).toBeVisible();
  await signIn(page, testInfo, email);
  await expect(page.getByText("E-mail, NIP/NUPTK atau kata sandi salah").first()).toBeVisible();
  await signIn(page, testInfo, email, newPassword);
  await page.waitForURL(/\/peserta$/);
});
