// The admin dashboards in the browser, with JavaScript on and off: the agency overview with its
// filters, the demo's completed cohort ("Angkatan Agustus 2026") and its program, each with plots
// drawn on the server as SVG (no chart script), their tables, and the exports. Screenshots at
// 360 px and 1280 px wide, in Indonesian.
import { expect, test } from "./fixtures";
import { accounts, open, shot, signInAndWait } from "./helpers";

async function plotsRendered(page: import("@playwright/test").Page, atLeast: number) {
  const plots = page.locator("svg.plot[role=img]");
  expect(await plots.count()).toBeGreaterThanOrEqual(atLeast);
  // Every plot has a title and a description, and bars with values.
  const first = plots.first();
  await expect(first.locator("title")).not.toBeEmpty();
  await expect(first.locator("desc")).not.toBeEmpty();
  expect(await page.locator("svg.plot rect.bar").count()).toBeGreaterThan(0);
  // No chart script came from anywhere.
  const scripts = await page.locator("script[src]").evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src));
  for (const src of scripts) expect(src).not.toMatch(/chart|plot|d3|https:\/\//i);
}

test("the agency overview, a program and a cohort dashboard draw their plots", async ({ page }, testInfo) => {
  await signInAndWait(page, testInfo, accounts.admin);
  await open(page, "/admin", testInfo);
  await page.getByRole("link", { name: "Buka dasbor" }).click();
  await expect(page).toHaveURL(/\/admin\/dasbor$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dasbor lembaga" })).toBeVisible();
  // The refresher counts the demo's cohorts within seconds of the start.
  await expect(async () => {
    await page.reload();
    await expect(page.locator("#dasbor-waktu")).toContainText("Angka dihitung");
  }).toPass({ timeout: 30_000 });
  await plotsRendered(page, 3);
  await expect(page.locator("#dasbor-ringkas")).toContainText("program sedang berjalan");
  await shot(page, testInfo, "dashboard-agency-360");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, testInfo, "dashboard-agency-1280");
  await page.setViewportSize({ width: 360, height: 740 });

  // The filter form is a GET form: it works the same without JavaScript.
  await page.getByLabel("Kode wilayah").fill("33");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/region=33/);
  await expect(page.getByLabel("Kode wilayah")).toHaveValue("33");
  // The export links carry the filter.
  const csv = page.locator("#plot-program a", { hasText: "Unduh CSV" });
  await expect(csv).toHaveAttribute("href", /\/admin\/dasbor\/ekspor\/program\.csv\?region=33/);

  // The completed demo cohort's dashboard.
  await open(page, "/admin/angkatan?q=Agustus", testInfo);
  await page.getByRole("link", { name: "Angkatan Agustus 2026", exact: true }).click();
  await page.getByRole("link", { name: "Dasbor", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/angkatan\/\d+\/dasbor$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Angkatan Agustus 2026");
  await plotsRendered(page, 8);
  // The funnel's table: four approved; peserta19 certified at the demo's start. The completion
  // journey (evaluation.spec.ts) certifies peserta17 and 18 in whichever project runs it first,
  // so later runs see two or three: the certified count lies between one and the approved four.
  const funnel = page.locator("#plot-corong table tbody");
  await expect(funnel.locator("tr", { hasText: "Disetujui" }).locator("td").nth(1)).toHaveText("4");
  const certified = Number(await funnel.locator("tr", { hasText: "Bersertifikat" }).locator("td").nth(1).textContent());
  expect(certified).toBeGreaterThanOrEqual(1);
  expect(certified).toBeLessThanOrEqual(4);
  await shot(page, testInfo, "dashboard-cohort-360");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, testInfo, "dashboard-cohort-1280");
  await page.setViewportSize({ width: 360, height: 740 });

  // Its program.
  await page.getByRole("link", { name: "Dasbor program" }).click();
  await expect(page).toHaveURL(/\/admin\/program\/\d+\/dasbor$/);
  await plotsRendered(page, 8);
  await shot(page, testInfo, "dashboard-program-360");
});
