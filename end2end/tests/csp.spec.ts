// Pages carry a Content-Security-Policy with a fresh nonce and no `unsafe-inline` for scripts;
// the hydration scripts run under it (no violation: the fixture checks every spec), and a script
// injected into a page without the nonce is refused.
import { expect, test } from "./fixtures";
import { accounts, islandsHydrated, jsOn, signInAndWait } from "./helpers";

test("pages send a nonce policy, hydrate under it, and refuse a script without the nonce", async ({ page, cspViolations }, testInfo) => {
  const first = await page.goto("/masuk");
  const policy = first?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{20,}' 'wasm-unsafe-eval'/);
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).toContain("frame-ancestors 'none'");
  const again = await page.goto("/masuk");
  expect(again?.headers()["content-security-policy"], "a new nonce for every page").not.toEqual(policy);

  await signInAndWait(page, testInfo, accounts.participant);
  for (const path of ["/peserta", "/akun", "/papan", "/katalog"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-/);
    if (jsOn(testInfo)) await islandsHydrated(page);
  }
  if (jsOn(testInfo)) {
    // The page hydrated under the policy (open waited for it); now a script without the nonce.
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.appendChild(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran, "an inline script without the nonce does not run").toBe(false);
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    // That violation was the point of this test; any other would still fail it.
    expect(cspViolations.every((v) => v.includes("script"))).toBe(true);
    cspViolations.splice(0);
  }
});
