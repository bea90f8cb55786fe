// The whole quiz journey that Moodle was measured on (the shared PERFORMANCE.md), cold, at
// 360 px: sign in, the cohort, the quiz, every page of questions, hand in, the result. Counted
// with Chromium's own network events: every request the pages make, those answered from the
// browser's cache (nothing on the wire), and the bytes that crossed the network (headers and
// compressed bodies). The assets live under a content-addressed path with a year's immutable
// lifetime, so after the first page a page costs only its HTML (and, with JavaScript, its own
// answer saves). Held here: no asset is revalidated or fetched twice; with JavaScript off the
// journey stays under 1/100 of Moodle's (42 KiB). The goal with JavaScript on (at most 40
// requests over the network and 105 KiB) is NOT met yet: measured 62 requests (20 of them answer
// saves, 22 wasm chunks on the first page) and 146 KiB (docs/BENCHMARKS.md); the limits below only
// guard that figure against growth. Each project uses its own teacher: peserta03 with JavaScript,
// peserta04 without.
import { expect, test } from "./fixtures";
import * as fs from "fs";
import { answerPage, islandsHydrated, jsOn, open, signIn } from "./helpers";

test("the whole quiz journey fits the teacher's data plan", async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "id-ID",
    javaScriptEnabled: jsOn(testInfo),
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  type Seen = { url: string; cached: boolean; bytes: number; status?: number };
  const seen = new Map<string, Seen>();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!e.request.url.startsWith("http")) return;
    seen.set(e.requestId, { url: new URL(e.request.url).pathname, cached: false, bytes: 0 });
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    const s = seen.get(e.requestId);
    if (s) s.cached = true;
  });
  cdp.on("Network.responseReceived", (e) => {
    const s = seen.get(e.requestId);
    if (!s) return;
    s.status = e.response.status;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) s.cached = true;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const s = seen.get(e.requestId);
    if (s) s.bytes = e.encodedDataLength;
  });

  const participant = jsOn(testInfo) ? "peserta03@pamong.test" : "peserta04@pamong.test";
  await signIn(page, testInfo, participant);
  await page.waitForURL((url) => url.pathname === "/peserta");
  if (jsOn(testInfo)) await islandsHydrated(page);
  const cohortRow = page.locator("li.row-item").filter({ hasText: "Angkatan 1" });
  await cohortRow.getByRole("link", { name: "Buka angkatan" }).click();
  await expect(page).toHaveURL(/\/peserta\/angkatan\/\d+$/);
  if (jsOn(testInfo)) await islandsHydrated(page);
  await page.locator("li.row-item").filter({ hasText: /Pre-test/ }).getByRole("link").click();
  await expect(page).toHaveURL(/\/peserta\/kuis\/\d+$/);
  await page.getByRole("button", { name: "Mulai mengerjakan" }).click();
  await expect(page).toHaveURL(/\/peserta\/upaya\/\d+$/);
  let pages = 0;
  for (let guard = 0; guard < 20; guard++) {
    if (jsOn(testInfo)) await islandsHydrated(page);
    await answerPage(page);
    pages += 1;
    if (jsOn(testInfo)) await expect(page.locator("[data-save-state=saved]")).toBeVisible();
    const next = page.getByRole("button", { name: "Berikutnya ›" });
    if (await next.count()) {
      await next.click();
      await expect(page).toHaveURL(/hal=\d+/);
    } else {
      await page.getByRole("button", { name: "Selesai, kumpulkan…" }).click();
      break;
    }
  }
  await expect(page).toHaveURL(/\/kumpulkan$/);
  await page.getByRole("button", { name: "Kumpulkan sekarang" }).click();
  await expect(page).toHaveURL(/\/hasil$/);
  await expect(page.locator(".score-big")).toContainText("Nilai:");
  await page.waitForTimeout(1000);

  const all = [...seen.values()];
  // A request with no response never crossed the network (with JavaScript off, Chromium starts the
  // module preload of the script and drops it).
  const network = all.filter((r) => !r.cached && r.status !== undefined);
  const bytes = network.reduce((sum, r) => sum + r.bytes, 0);
  const revalidated = all.filter((r) => r.status === 304).length;
  fs.mkdirSync("measurements", { recursive: true });
  fs.writeFileSync(
    `measurements/quiz-journey-${testInfo.project.name}.json`,
    JSON.stringify({ pages, requests: all.length, network: network.length, revalidated, bytes, all }, null, 2),
  );
  console.log(
    `quiz journey, ${testInfo.project.name}: ${pages} question pages, ${all.length} requests, ` +
      `${network.length} over the network (${revalidated} revalidations), ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`,
  );
  await context.close();
  expect(revalidated, "no asset is revalidated").toBe(0);
  const assets = network.filter((r) => r.url.startsWith("/v/")).map((r) => r.url);
  expect(assets.length, "each asset crosses the network once").toBe(new Set(assets).size);
  expect(all.filter((r) => r.url.startsWith("/pkg/")).length, "nothing from the unversioned path").toBe(0);
  if (jsOn(testInfo)) {
    expect(network.length).toBeLessThanOrEqual(65);
    expect(bytes).toBeLessThanOrEqual(152 * 1024);
  } else {
    expect(all.some((r) => r.url.endsWith(".wasm"))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(42 * 1024);
  }
});
