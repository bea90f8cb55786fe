// The public credential check page, with JavaScript on and off: a visitor (no sign-in) uploads a
// file and reads the verdict under the form. The demo data has no issued certificate yet, so the
// spec uses what needs none: a credential signed by a key this Pamong never published ("unknown
// issuer") and a file that is not a credential (the message at the file field). The valid,
// tampered and revoked verdicts are covered over HTTP by tests/tests/credentials_http.rs.
import { expect, test } from "./fixtures";
import { open, shot } from "./helpers";

/** A credential-shaped file whose proof names a key on another site. */
function foreignCredential(): Buffer {
  const credential = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "https://elsewhere.example/sertifikat/1",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Literasi Digital dalam Pembelajaran",
    issuer: { id: "https://elsewhere.example/kunci.json", type: ["Profile"], name: "Lembaga Lain" },
    validFrom: "2027-02-20T03:00:00Z",
    credentialSubject: { type: ["AchievementSubject"], achievement: { type: ["Achievement"], name: "Literasi Digital" } },
    proof: {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: "https://elsewhere.example/kunci.json#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
      proofPurpose: "assertionMethod",
      proofValue: "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX",
    },
  };
  return Buffer.from(JSON.stringify(credential, null, 2));
}

test("a visitor checks an uploaded credential without signing in", async ({ page }, testInfo) => {
  await open(page, "/sertifikat/periksa", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Periksa kredensial sertifikat");

  // Not a credential: the message is next to the file field.
  await page.getByLabel("Berkas kredensial (.json)").setInputFiles({
    name: "foto.json",
    mimeType: "application/json",
    buffer: Buffer.from("bukan json"),
  });
  await page.getByRole("button", { name: "Periksa" }).click();
  await expect(page.locator("[data-error-for=file]")).toContainText("Berkas ini bukan kredensial");

  // Signed by a key no institution here published.
  await page.getByLabel("Berkas kredensial (.json)").setInputFiles({
    name: "kredensial.json",
    mimeType: "application/json",
    buffer: foreignCredential(),
  });
  await page.getByRole("button", { name: "Periksa" }).click();
  await expect(page).toHaveURL(/\/sertifikat\/periksa#hasil$/);
  await expect(page.getByRole("status")).toContainText("Penerbit tidak dikenal.");
  await shot(page, testInfo, "credential-check-unknown-issuer");
});
