// Cohorts and registration in the browser, with and without JavaScript: the demo admin opens a
// cohort, a demo participant registers for "Angkatan 1" from the catalog, the admin approves, and
// the participant finds the cohort on their home page.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

test("a cohort is opened, a participant registers and is approved", async ({ page }, testInfo) => {
  const participant = jsOn(testInfo) ? "peserta15@pamong.test" : "peserta16@pamong.test";
  const cohortName = `Angkatan E2E ${testInfo.project.name} ${Date.now()}`;

  // The admin opens a cohort of the published demo program.
  await signInAndWait(page, testInfo, accounts.admin);
  await open(page, "/admin/angkatan", testInfo);
  await page.locator("#f-program_id").selectOption({ label: "Literasi Digital dalam Pembelajaran" });
  await page.locator("#f-name").fill(cohortName);
  await page.locator("#f-starts_on").fill("2027-03-01");
  await page.locator("#f-ends_on").fill("2027-04-09");
  await page.locator("#f-registration_opens_on").fill("2027-01-04");
  await page.locator("#f-registration_closes_on").fill("2027-02-19");
  await page.locator("#f-quota").fill("0");
  await page.getByRole("button", { name: "Buat angkatan" }).click();
  await expect(page.locator("#e-quota")).toHaveText("Kuota harus bilangan bulat lebih dari 0.");
  await expect(page.locator("#f-name")).toHaveValue(cohortName);
  await page.locator("#f-quota").fill("25");
  await page.getByRole("button", { name: "Buat angkatan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: cohortName })).toBeVisible();
  await expect(page.getByText("0 / 25 kursi terisi")).toBeVisible();
  await page.context().clearCookies();

  // The participant registers for "Angkatan 1" from the catalog.
  await signInAndWait(page, testInfo, participant);
  await open(page, "/katalog", testInfo);
  await page.getByRole("link", { name: "Literasi Digital dalam Pembelajaran" }).first().click();
  await expect(page).toHaveURL(/\/katalog\/\d+/);
  const first = page.locator("li.open-cohort").filter({ hasText: "Angkatan 1" });
  await first.getByRole("button").click();
  await expect(page).toHaveURL(/\/peserta\/pendaftaran$/);
  const mine = page.locator("li.application").filter({ hasText: "Angkatan 1" });
  await expect(mine).toContainText("Mendaftar");
  await shot(page, testInfo, "registration-applications");
  await open(page, "/peserta/profil", testInfo);
  await expect(page.getByText("Profil Anda sudah lengkap")).toBeVisible();
  await shot(page, testInfo, "registration-profile");
  await page.context().clearCookies();

  // The admin approves it on the cohort page.
  await signInAndWait(page, testInfo, accounts.admin);
  await open(page, "/admin/angkatan?q=Angkatan+1", testInfo);
  await page.getByRole("link", { name: "Angkatan 1", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Angkatan 1" })).toBeVisible();
  const row = page.locator("li.registration").filter({ hasText: participant });
  await row.getByRole("button", { name: "Terima" }).click();
  await expect(page.getByText("Pendaftaran sudah diterima.")).toBeVisible();
  await expect(page.locator("li.registration").filter({ hasText: participant })).toHaveCount(0);
  await shot(page, testInfo, "registration-cohort");
  await page.context().clearCookies();

  // The participant finds the cohort on their home page, with its live sessions.
  await signInAndWait(page, testInfo, participant);
  await open(page, "/peserta", testInfo);
  const cohortRow = page.locator("li.row-item").filter({ hasText: "Angkatan 1" });
  await cohortRow.getByRole("link", { name: "Buka angkatan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Angkatan 1" })).toBeVisible();
  await expect(page.getByText("Sesi sinkron 2: Berbagi praktik baik")).toBeVisible();
});
