// Keyboard and large text (issue #23): a teacher tabs through a quiz attempt and a mentor through
// a board post page; every control on them is reached and shows where the focus is; at 320 px
// wide, and with the text at 200 %, the pages never need scrolling sideways. Hydrated only: the checks read
// computed styles, which a page with JavaScript off does not let a test read (the focus styles
// are the same style sheet either way).
import { expect, Page, test } from "./fixtures";
import { openQuiz, shot, signInAndWait } from "./helpers";

/** The controls a keyboard user must reach: visible, enabled, in the tab order. Radio buttons
 * are left out: a radio group is one tab stop, and the arrow keys move within it. */
const CONTROLS =
  "a[href], button:not([disabled]), input:not([type=hidden]):not([type=radio]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary";

/**
 * Tabs from the top of the page until the focus leaves it or comes back round. Every control the
 * page shows must be one of the stops, and every stop must be visible with a focus ring.
 */
async function expectKeyboardReachable(page: Page, what: string) {
  const wanted: string[] = await page.evaluate((selector) => {
    const names: string[] = [];
    document.querySelectorAll<HTMLElement>(selector).forEach((el, n) => {
      const box = el.getBoundingClientRect();
      // Inside a closed <details> only its summary is in the tab order (it opens the rest).
      const closed = el.closest("details:not([open])");
      const folded = closed !== null && !(el.tagName === "SUMMARY" && el.parentElement === closed);
      if (box.width > 0 && box.height > 0 && el.tabIndex >= 0 && !folded) {
        el.dataset.kbd = String(n);
        names.push(`${n}: ${el.outerHTML.slice(0, 120)}`);
      }
    });
    return names;
  }, CONTROLS);
  await page.locator("body").focus();
  const reached = new Set<string>();
  const problems: string[] = [];
  let first: string | null = null;
  for (let n = 0; n < 400; n++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        key: el.dataset.kbd ?? el.outerHTML.slice(0, 120),
        visible: box.width > 0 && box.height > 0,
        ring:
          (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) ||
          (style.boxShadow !== "none" && style.boxShadow !== ""),
      };
    });
    if (stop === null || stop.key === first) break;
    first ??= stop.key;
    reached.add(stop.key);
    if (!stop.visible) problems.push(`focus on something hidden: ${stop.key}`);
    if (!stop.ring) problems.push(`focus without a visible ring: ${stop.key}`);
  }
  const missed = wanted.filter((name) => !reached.has(name.split(":")[0]));
  expect(missed, `${what}: controls the Tab key never reaches`).toEqual([]);
  expect(problems, `${what}: tab stops`).toEqual([]);
}

/**
 * Reflow (WCAG 1.4.10) and resized text (1.4.4): at 320 px wide (a 1280 px screen at 400 % zoom,
 * or a 640 px one at 200 %) and, on a wide screen, with the text at 200 %, the page's width fits
 * its window: nothing but a wide table (in its own scrolling box) scrolls sideways.
 */
async function expectReflow(page: Page, testInfo: import("@playwright/test").TestInfo, name: string) {
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.setViewportSize({ width: 320, height: 640 });
  await shot(page, testInfo, `${name}-320px`);
  expect(await sideways(), `${name}: sideways scroll at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
  });
  await shot(page, testInfo, `${name}-text-200pct`);
  const wide = await sideways();
  await page.evaluate(() => {
    document.documentElement.style.fontSize = "";
  });
  await page.setViewportSize({ width: 360, height: 740 });
  expect(wide, `${name}: sideways scroll with text at 200 %`).toBeLessThanOrEqual(0);
}

test("a quiz attempt can be done by keyboard and reflows at 320 px and with 200 % text", async ({ page }, testInfo) => {
  await signInAndWait(page, testInfo, "peserta09@pamong.test");
  await openQuiz(page, testInfo, /Pre-test/);
  await page.getByRole("button", { name: /Mulai mengerjakan|Lanjutkan mengerjakan/ }).click();
  await expect(page).toHaveURL(/\/peserta\/upaya\/\d+$/);
  await expect(page.locator("fieldset.question").first()).toBeVisible();
  await expectKeyboardReachable(page, "quiz attempt");

  // Answering with the keyboard alone: focus a choice, pick it with the space bar.
  const first = page.locator("fieldset.question input[type=radio], fieldset.question input[type=checkbox]").first();
  await first.focus();
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
  await expectReflow(page, testInfo, "quiz-attempt");
});

test("a board post page can be used by keyboard and reflows at 320 px and with 200 % text", async ({ page }, testInfo) => {
  await signInAndWait(page, testInfo, "mentor1@pamong.test");
  await page.goto("/papan");
  await page.getByRole("link", { name: "Papan Kelompok Melati" }).click();
  await page.locator(".post-list a").first().click();
  await expect(page).toHaveURL(/\/papan\/pos\/\d+$/);
  await expectKeyboardReachable(page, "board post");
  await expectReflow(page, testInfo, "board-post");
  // The mentor's home, whose report buttons carry long program names.
  await page.goto("/mentor");
  await expectReflow(page, testInfo, "mentor-home");
});
