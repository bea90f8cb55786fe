// Every spec imports `test` from here: it fails any test during which a page reported a
// Content-Security-Policy violation (a script, style or picture the page policy refused), in the
// test's own browser context and in every context the test opens itself. Chromium reports a
// violation on the console, with JavaScript on and off.
import { BrowserContext, expect, test as base } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

/** Console messages by which Chromium reports a refused resource. */
export const cspViolation = /Content Security Policy/i;

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = (watched: BrowserContext) =>
        watched.on("console", (message) => {
          if (cspViolation.test(message.text())) {
            violations.push(`${message.location().url}: ${message.text()}`);
          }
        });
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
    },
    { auto: true },
  ],
});
