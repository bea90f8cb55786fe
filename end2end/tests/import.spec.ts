import { expect, test } from "./fixtures";
import { accounts, open, shot, signIn, waitForImport } from "./helpers";

/** A small CSV with unique e-mails for this run and one bad row (line 3: invalid e-mail). */
function smallCsv(tag: string): string {
  const rows = [
    "nama;email;nip;nuptk;golongan;npsn;nama_sekolah;jenjang_sekolah;mata_pelajaran;kode_wilayah;no_hp",
    `Sri Wahyuni;sri.${tag}@impor.test;;;III/b;20300001;SMP Negeri 1;SMP;IPA;33.01;081234567890`,
    `Budi Santoso;bukan-email-${tag};;;;20300001;;SD;;;`,
    `Dewi Lestari;dewi.${tag}@impor.test;;;IV/a;20300002;SMA Negeri 2;SMA;Matematika;33.02;`,
  ];
  return "\ufeff" + rows.join("\r\n") + "\r\n";
}

test("an admin imports participants from a CSV and reads the report", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const tag = `${testInfo.project.name.replace(/[^a-z0-9]/gi, "")}${Date.now()}`.toLowerCase();
  await signIn(page, testInfo, accounts.admin);
  await page.waitForURL(/\/admin/);

  await open(page, "/admin/angkatan", testInfo);
  const href = await page.getByRole("link", { name: /Angkatan 2/ }).first().getAttribute("href");
  const cohort = href?.match(/\/admin\/angkatan\/(\d+)/)?.[1];
  expect(cohort, "the seeded Angkatan 2").toBeTruthy();

  await open(page, `/admin/angkatan/${cohort}/impor`, testInfo);
  await expect(page.getByRole("heading", { name: "Impor peserta dari CSV" })).toBeVisible();
  const template = await page.request.get(`/admin/angkatan/${cohort}/impor/templat.csv`);
  expect(template.status()).toBe(200);
  expect(await template.text()).toContain("nama;email;nip;nuptk");
  await shot(page, testInfo, "import-upload");

  await page.getByLabel("Berkas CSV").setInputFiles({
    name: `peserta-${tag}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(smallCsv(tag), "utf8"),
  });
  await page.getByRole("button", { name: "Unggah dan impor" }).click();
  await waitForImport(page, testInfo);
  await expect(page.getByText("Baris bermasalah").first()).toBeVisible();
  await expect(page.locator(".import-errors li")).toHaveCount(1);
  await expect(page.locator(".import-errors li")).toContainText("Baris 3");
  await expect(page.locator(".import-errors li")).toContainText("email");
  await expect(page.locator(".import-counts dd").nth(1)).toHaveText("2");
  await shot(page, testInfo, "import-progress");

  const reportHref = await page.getByRole("link", { name: "Unduh laporan (CSV)" }).getAttribute("href");
  const report = await page.request.get(reportHref!);
  expect(report.status()).toBe(200);
  const text = await report.text();
  expect(text).toContain("Baris;Kolom;Masalah");
  expect(text).toMatch(/\n3;email;/);
});
