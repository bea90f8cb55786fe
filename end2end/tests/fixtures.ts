// Every spec imports `test` from here: it fails any test during which a page reported a
// Content-Security-Policy violation (a script, style or picture the page policy refused), in the
// test's own browser context and in every context the test opens itself. Chromium reports a
// violation on the console, with JavaScript on and off. It also fails any test that visited a page
// with an accessibility violation (WCAG 2.1 A and AA, checked by axe-core: accessibility.ts);
// PAMONG_A11Y=0 leaves that check out (to iterate faster on a spec; scripts/test never sets it).
import { BrowserContext, expect, test as base } from "@playwright/test";
import { check, PageCaptures } from "./accessibility";

export { expect };
export type { Page } from "@playwright/test";

/** Console messages by which Chromium reports a refused resource. */
export const cspViolation = /Content Security Policy/i;

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const captures = new PageCaptures();
      const watch = (watched: BrowserContext) => {
        watched.on("console", (message) => {
          if (cspViolation.test(message.text())) {
            violations.push(`${message.location().url}: ${message.text()}`);
          }
        });
        captures.watch(watched);
      };
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const opened = await newContext(options);
        watch(opened);
        return opened;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "no Content-Security-Policy violation on any page").toEqual([]);
      if (process.env.PAMONG_A11Y !== "0") {
        const inaccessible = await check(browser, await captures.finish());
        expect(inaccessible, "no accessibility violation (WCAG 2.1 A and AA) on any page").toEqual([]);
      }
    },
    // The check at the end takes about a second per page visited: its own time, not the test's.
    { auto: true, timeout: 300_000 },
  ],
});
