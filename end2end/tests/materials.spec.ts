// Learning materials, with JavaScript on and off: a teacher registers for "Angkatan 2" and the
// admin approves (the demo leaves peserta13 and peserta14 outside every cohort), then the teacher
// opens the demo module from the cohort page, reads a unit and marks it done. With data saving on
// (the browser's Save-Data header) the unit with a picture requests no picture until the link is
// tapped; turning data saving off shows the picture. peserta13 runs with JavaScript on, peserta14
// with it off.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

test("a teacher reads a unit, marks it done, and saves data on pictures", async ({ page }, testInfo) => {
  const participant = jsOn(testInfo) ? "peserta13@pamong.test" : "peserta14@pamong.test";

  // The teacher registers for "Angkatan 2" of the demo program.
  await signInAndWait(page, testInfo, participant);
  await open(page, "/katalog", testInfo);
  await page.getByRole("link", { name: "Literasi Digital dalam Pembelajaran" }).first().click();
  await expect(page).toHaveURL(/\/katalog\/\d+/);
  await page.locator("li.open-cohort").filter({ hasText: "Angkatan 2" }).getByRole("button").click();
  await expect(page).toHaveURL(/\/peserta\/pendaftaran$/);
  await page.context().clearCookies();

  // The admin approves the registration.
  await signInAndWait(page, testInfo, accounts.admin);
  await open(page, "/admin/angkatan?q=Angkatan+2", testInfo);
  await page.getByRole("link", { name: "Angkatan 2", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Angkatan 2" })).toBeVisible();
  await page.locator("li.registration").filter({ hasText: participant }).getByRole("button", { name: "Terima" }).click();
  await expect(page.getByText("Pendaftaran sudah diterima.")).toBeVisible();
  await page.context().clearCookies();

  // From the cohort page to the module's first unit.
  await signInAndWait(page, testInfo, participant);
  await open(page, "/peserta", testInfo);
  await page.locator("li.row-item").filter({ hasText: "Angkatan 2" }).getByRole("link", { name: "Buka angkatan" }).click();
  const materials = page.locator("#materi");
  await expect(materials.getByRole("heading", { name: "Modul 1: Dasar Literasi Digital" })).toBeVisible();
  await expect(materials.getByText("0 dari 3 unit selesai")).toBeVisible();
  await expect(materials.getByText(/Unduh untuk dibaca tanpa internet \(\d+ kB\)/)).toBeVisible();
  // The third unit waits for the second: no link, a label that says why.
  await expect(materials.getByRole("link", { name: "Merancang kegiatan kelas" })).toHaveCount(0);
  await expect(materials.getByText("Terkunci: selesaikan unit sebelumnya")).toBeVisible();
  await shot(page, testInfo, "materials-list");
  await materials.getByRole("link", { name: "Apa itu literasi digital?" }).click();
  await expect(page).toHaveURL(/\/peserta\/materi\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apa itu literasi digital?");
  await expect(page.getByText("Tonton video (6 menit)")).toBeVisible();

  // Marking it done.
  await page.getByRole("button", { name: "Tandai selesai" }).click();
  await expect(page.getByText("Unit ini sudah ditandai selesai.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Tandai selesai" })).toHaveCount(0);
  await shot(page, testInfo, "materials-unit-done");
  await page.getByRole("link", { name: "Kembali ke daftar materi" }).click();
  await expect(page.locator("#materi").getByText("1 dari 3 unit selesai")).toBeVisible();

  // With Save-Data: on (and no choice made), the picture of the second unit is not requested
  // until its link is tapped.
  const pictureRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/materi/berkas/")) pictureRequests.push(request.url());
  });
  await page.setExtraHTTPHeaders({ "Save-Data": "on" });
  await page.locator("#materi").getByRole("link", { name: "Memeriksa sumber informasi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Memeriksa sumber informasi");
  const tap = page.getByRole("link", { name: /Ketuk untuk memuat gambar \(\d+ kB\)/ });
  await expect(tap).toBeVisible();
  await expect(page.locator(".unit-pictures img")).toHaveCount(0);
  await expect(page.getByText("Hemat data: aktif.")).toBeVisible();
  await shot(page, testInfo, "materials-data-saving");
  expect(pictureRequests).toEqual([]);
  const unitUrl = page.url();
  await tap.click();
  await expect.poll(() => pictureRequests.length).toBeGreaterThan(0);
  expect(pictureRequests[0]).toMatch(/\/materi\/berkas\/\d+\/kecil$/);

  // Turning data saving off is the person's choice, which wins over the header: the picture shows.
  await page.goto(unitUrl);
  await page.getByRole("button", { name: "Matikan hemat data" }).click();
  await expect(page.getByText("Mode hemat data nonaktif: gambar langsung ditampilkan.")).toBeVisible();
  await expect(page.locator(".unit-pictures img")).toHaveCount(1);
  await expect(page.getByRole("link", { name: /Ketuk untuk memuat gambar/ })).toHaveCount(0);
});
