// Certificates in the browser, with JavaScript on and off: the admin finds the certificate the demo
// issued to peserta19 (passed in the completed "Angkatan Agustus 2026") on the cohort's
// certificates page, its PDF downloads, and the public check page (what the QR code on the PDF
// opens) shows every fact and says it is valid, to a visitor who is not signed in. A teacher's own
// list of certificates is walked through in evaluation.spec.ts.
import { expect, test } from "./fixtures";
import { accounts, jsOn, open, shot, signInAndWait } from "./helpers";

const fields = [
  "number",
  "version",
  "participant",
  "nip",
  "birth",
  "rank",
  "position",
  "participant_institution",
  "training",
  "cohort",
  "dates",
  "place",
  "jp",
  "result",
  "institution",
  "signatory",
  "signatory_nip",
  "signatory_title",
  "issued",
  "code",
];

test("the check page of a demo certificate shows every field and says it is valid", async ({ page, browser }, testInfo) => {
  await signInAndWait(page, testInfo, accounts.admin);
  await open(page, "/admin/angkatan?q=Agustus", testInfo);
  await page.getByRole("link", { name: "Angkatan Agustus 2026", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Angkatan Agustus 2026" })).toBeVisible();
  await page.getByRole("link", { name: "Sertifikat", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/angkatan\/\d+\/sertifikat$/);
  const item = page.locator("tr").filter({ hasText: "Lestari Widodo" });
  await expect(item).toContainText(/\d{5}\/BPSDM\/LITDIG\/\d{4}/);
  await expect(item).toContainText(/\(\d+ kB\)/);
  const checkHref = (await item.getByRole("link", { name: "Halaman pemeriksaan" }).getAttribute("href")) ?? "";
  const code = checkHref.split("/").pop() ?? "";
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  await shot(page, testInfo, "certificates-cohort-demo");

  // The PDF downloads for the institution's admin.
  const pdf = await page.request.get((await item.getByRole("link", { name: "PDF", exact: true }).getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).length).toBeLessThanOrEqual(60 * 1024);

  // A visitor on a phone, not signed in, opens the address the QR code holds.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID", javaScriptEnabled: jsOn(testInfo) });
  const phone = await visitor.newPage();
  // Plain HTML with no script: nothing to hydrate.
  await phone.goto(`/sertifikat/${code}`);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Pemeriksaan sertifikat");
  await expect(phone.locator("[data-status=valid]")).toContainText("Sah");
  for (const field of fields) {
    await expect(phone.locator(`dd[data-field="${field}"]`), field).not.toBeEmpty();
  }
  await expect(phone.locator('dd[data-field="training"]')).toHaveText("Literasi Digital dalam Pembelajaran");
  await expect(phone.locator('dd[data-field="result"]')).toContainText("Lulus");
  await expect(phone.locator('dd[data-field="code"]')).toHaveText(code);
  expect(await phone.locator("script").count()).toBe(0);
  await shot(phone, testInfo, "certificate-check");

  // A code that does not exist says so, with a 404.
  const unknown = await phone.request.get("/sertifikat/0000000000000000");
  expect(unknown.status()).toBe(404);
  await visitor.close();
});
