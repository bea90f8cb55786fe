// Signing in, out and up as a person would, with JavaScript on and off.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signIn } from "./helpers";

const homes = [
  { role: "admin", email: accounts.admin, path: "/admin", heading: "Selamat datang, Dra. Retno Kusumawati, M.Pd." },
  { role: "mentor", email: accounts.mentor, path: "/mentor", heading: "Selamat datang, Dr. Hadi Purnomo, M.Pd." },
  { role: "participant", email: accounts.participant, path: "/peserta", heading: "Selamat datang, Sri Wahyuni" },
];

for (const home of homes) {
  test(`${home.role} signs in to their home page and signs out`, async ({ page }, testInfo) => {
    await signIn(page, testInfo, home.email);
    await expect(page).toHaveURL(home.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await shot(page, testInfo, `home-${home.role}`);

    await page.getByRole("button", { name: "Keluar" }).click();
    await expect(page).toHaveURL("/masuk");
    await expect(page.getByRole("status")).toHaveText("Anda sudah keluar.");
    await page.goto(home.path);
    await expect(page).toHaveURL(new RegExp(`/masuk\\?next=${home.path}`));
  });
}

test("a wrong password is shown next to the form and the e-mail is kept", async ({ page }, testInfo) => {
  await signIn(page, testInfo, accounts.mentor, "bukan-sandinya");
  await expect(page.locator(".form-error")).toHaveText("E-mail, NIP/NUPTK atau kata sandi salah.");
  await expect(page.getByLabel("E-mail")).toHaveValue(accounts.mentor);
  await expect(page).toHaveURL("/masuk");
  await shot(page, testInfo, "sign-in-error");
});

test("the language switch turns every screen to English and back", async ({ page }, testInfo) => {
  await open(page, "/masuk", testInfo);
  await shot(page, testInfo, "sign-in");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await shot(page, testInfo, "sign-in-en");

  await page.getByLabel("E-mail").fill(accounts.participant);
  await page.getByLabel("Password").fill("demo-pamong-2026");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL("/peserta");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Sri Wahyuni");
  await expect(page.getByRole("link", { name: "Account" })).toBeVisible();

  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await expect(page).toHaveURL("/peserta");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Selamat datang, Sri Wahyuni");
});

test("a teacher registers, fixing a mistyped NIP on the way", async ({ page }, testInfo) => {
  const email = `guru.${testInfo.project.name}.${Date.now()}@sekolah.sch.id`;
  // Each project registers its own teacher, so each needs its own NIP.
  const nip = jsOn(testInfo) ? "19860926 201505 1 001" : "19860926 201505 1 002";
  await open(page, "/daftar", testInfo);
  await page.getByLabel("Nama lengkap").fill("Rahmat Hidayat");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("NIP (jika ada)").fill("19860926 201505 1 00");
  await page.getByLabel("Kata sandi", { exact: true }).fill("sandi-rahmat-1");
  await page.getByLabel("Ulangi kata sandi").fill("sandi-rahmat-1");
  await page.getByRole("button", { name: "Daftar", exact: true }).click();

  await expect(page.locator("#e-nip")).toHaveText("NIP harus 18 angka; yang diisi 17 angka.");
  await expect(page.getByLabel("NIP (jika ada)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nama lengkap")).toHaveValue("Rahmat Hidayat");
  await shot(page, testInfo, "sign-up-error");

  await page.getByLabel("NIP (jika ada)").fill(nip);
  if (!jsOn(testInfo)) {
    // Without JavaScript the page was reloaded: passwords are never sent back, so type them again.
    await page.getByLabel("Kata sandi", { exact: true }).fill("sandi-rahmat-1");
    await page.getByLabel("Ulangi kata sandi").fill("sandi-rahmat-1");
  }
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page).toHaveURL("/peserta");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Selamat datang, Rahmat Hidayat");
  await expect(page.getByRole("status")).toContainText("Akun Anda sudah dibuat");
});

test("an admin sees the accounts of their institution", async ({ page }, testInfo) => {
  await signIn(page, testInfo, accounts.admin);
  await expect(page).toHaveURL("/admin");
  await expect(page.locator(".stats", { hasText: "penyelenggara" })).toContainText("peserta");
  await page.getByRole("link", { name: "Pengguna", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pengguna");
  // By e-mail: the import spec adds more teachers named Sri Wahyuni to the same server.
  await page.getByLabel("Cari nama atau e-mail").fill("peserta01@");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page.locator(".accounts .account")).toHaveCount(1);
  await expect(page.locator(".accounts")).toContainText("Sri Wahyuni");
  await shot(page, testInfo, "admin-accounts");
});

test("a participant opening an admin page is told it is not allowed", async ({ page }, testInfo) => {
  await signIn(page, testInfo, accounts.participant);
  await expect(page).toHaveURL("/peserta");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tidak diizinkan");
  await shot(page, testInfo, "forbidden");
});

test("an unknown address shows the not-found page", async ({ page }, testInfo) => {
  const response = await page.goto("/tidak-ada");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  await shot(page, testInfo, "not-found");
});
