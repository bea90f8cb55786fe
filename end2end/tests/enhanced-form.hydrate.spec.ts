// Hydrated forms: errors appear without a page load, and the release wasm hydrates cleanly.
import { expect, test } from "./fixtures";
import { accounts, open } from "./helpers";

test("the release wasm hydrates without console errors", async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  await open(page, "/masuk", testInfo);
  expect(problems).toEqual([]);
});

test("a hydrated form shows errors in place, without reloading the page", async ({ page }, testInfo) => {
  await open(page, "/masuk", testInfo);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  // Both fields left empty (the field takes e-mail, NIP or NUPTK, so only emptiness is checked
  // before the password is).
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await expect(page.locator("#e-email")).toHaveText("Wajib diisi.");
  await expect(page.locator("#e-password")).toHaveText("Wajib diisi.");
  // Focus moved to the first invalid field. (Not `toBeFocused`: that also asks that the browser
  // window have focus, which a page in a parallel headless worker does not always get.)
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-email");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  await page.getByLabel("E-mail").fill(accounts.mentor);
  await page.getByLabel("Kata sandi").fill("demo-pamong-2026");
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await expect(page).toHaveURL("/mentor");
});
