// Certificates in the browser, with JavaScript on and off: a teacher of the demo's completed cohort
// finds their certificate on /peserta/sertifikat, and the public check page (what the QR code on
// the PDF opens) shows every fact and says it is valid, to a visitor who is not signed in.
//
// TODO(certificates): this relies on the demo seed issuing a certificate to peserta17 (the seed
// of completion decisions, built in another part of issue #20, calls
// `app::ssr::certificates::issue_one` / `demo::certificates::issue_passed` once the decisions
// exist). Until that seed lands, peserta17 has no certificate and this spec fails at the first
// expectation: check `server/src/demo/` before running it.
import { expect, test } from "./fixtures";
import { jsOn, open, shot, signInAndWait } from "./helpers";

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
  await signInAndWait(page, testInfo, "peserta17@pamong.test");
  await open(page, "/peserta/sertifikat", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sertifikat saya");
  const item = page.locator("li[data-code]").first();
  await expect(item).toContainText("Literasi Digital dalam Pembelajaran");
  await expect(item).toContainText(/\d{5}\/BPSDM\/LITDIG\/\d{4}/);
  await expect(item.getByRole("link", { name: "Unduh PDF" })).toBeVisible();
  await expect(item).toContainText(/\(\d+ kB\)/);
  const code = (await item.getAttribute("data-code")) ?? "";
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  await shot(page, testInfo, "certificates-mine");

  // The PDF downloads for its owner.
  const pdf = await page.request.get(await item.getByRole("link", { name: "Unduh PDF" }).getAttribute("href") ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).length).toBeLessThanOrEqual(60 * 1024);

  // A visitor on a phone, not signed in, opens the address the QR code holds.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID", javaScriptEnabled: jsOn(testInfo) });
  const phone = await visitor.newPage();
  await open(phone, `/sertifikat/${code}`, testInfo);
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
