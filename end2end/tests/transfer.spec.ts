// Bytes a teacher's phone downloads for a cold visit to the sign-in page, measured in Chromium
// (headers + compressed bodies of every request). Written to end2end/measurements/ for
// docs/BENCHMARKS.md, and held to the page budget: ≤ 100 kB with hydration, ≤ 25 kB without.
import { expect, test } from "@playwright/test";
import * as fs from "fs";
import { jsOn, open } from "./helpers";

test("a cold sign-in page stays inside the data budget", async ({ page }, testInfo) => {
  const sizes: { url: string; bytes: number }[] = [];
  page.on("requestfinished", async (request) => {
    const s = await request.sizes();
    sizes.push({ url: new URL(request.url()).pathname, bytes: s.responseHeadersSize + s.responseBodySize });
  });
  await open(page, "/masuk", testInfo);
  await page.waitForLoadState("networkidle");
  const total = sizes.reduce((sum, r) => sum + r.bytes, 0);
  fs.mkdirSync("measurements", { recursive: true });
  fs.writeFileSync(
    `measurements/sign-in-${testInfo.project.name}.json`,
    JSON.stringify({ page: "/masuk", total, requests: sizes }, null, 2),
  );
  console.log(`sign-in page, ${testInfo.project.name}: ${total} bytes in ${sizes.length} requests`);
  expect(total).toBeLessThanOrEqual(jsOn(testInfo) ? 100_000 : 25_000);
  if (!jsOn(testInfo)) {
    expect(sizes.some((r) => r.url.endsWith(".wasm"))).toBe(false);
  }
});
