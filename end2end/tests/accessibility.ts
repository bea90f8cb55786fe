// The accessibility check every spec runs (issue #23): each page a test visits is captured when it
// loads and again when the test ends (as the test left it: hydrated, filled in, with its
// messages), then checked by axe-core against the WCAG 2.1 A and AA rules.
//
// axe runs inside the page, which a page with JavaScript off does not allow. So every capture is
// checked in a separate browser context with JavaScript on, where the captured document is served
// at its own address and the page's own scripts and wasm are held back: a page seen with
// JavaScript off is checked exactly as it was served, a hydrated one as it stood, both with the
// site's real style sheets (colour contrast needs them).
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The rules applied: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Rules not applied anywhere, each with the reason. */
export const EXCEPTIONS: Record<string, string> = {};

/** Rules not applied on some pages (matched by address), each with the reason. */
export const PAGE_EXCEPTIONS: { rule: string; page: RegExp; reason: string }[] = [
  {
    rule: "meta-refresh",
    page: /\/sesi\/\d+\?layar=1$/,
    reason:
      "the screen view of a session's check-in code, put on a room's projector, shows nothing but " +
      "the code and reloads itself when the code changes (WCAG 2.2.1's real-time exception); the " +
      "host's own page, with the roster, never reloads itself",
  },
];

/** The rules to leave out on the page at `url`. */
function rulesLeftOut(url: string): string[] {
  const onPage = PAGE_EXCEPTIONS.filter((e) => e.page.test(url)).map((e) => e.rule);
  return [...Object.keys(EXCEPTIONS), ...onPage];
}

/**
 * Documents already checked in this run, by their shape: the HTML with what changes from one
 * visit to the next taken out (the page's CSP nonce, every number, the words between tags, and
 * the values of links, form values and island props), at the same width. axe judges the markup:
 * its elements, roles, labels, ids and classes, and whether a text or a name is there at all;
 * those stay in the shape. The same page in the same state is checked once, whichever test,
 * project or worker passes by it: the shapes are kept in a file of this run
 * (`PAMONG_A11Y_RUN`, set once by the config before the workers start).
 */
const SHAPES = join(tmpdir(), `pamong-a11y-${process.env.PAMONG_A11Y_RUN ?? process.pid}.shapes`);

function shapesChecked(): Set<string> {
  if (!existsSync(SHAPES)) return new Set();
  return new Set(readFileSync(SHAPES, "utf8").split("\n").filter(Boolean));
}

/** The shape of a captured document (see [`SHAPES`]). */
export function shape(html: string, width: number): string {
  const normalised = html
    .replace(/\snonce="[^"]*"/g, "")
    .replace(/\s(href|src|action|value|content|data-props|alt|title|aria-label)="[^"]+"/g, ' $1="v"')
    .replace(/>([^<]*\S[^<]*)</g, ">x<")
    .replace(/\d+/g, "0");
  return createHash("sha1").update(String(width)).update(normalised).digest("hex");
}

/** Where each capture's address is appended: `checked <url>`, or `same <url>` when a capture of
 * the same shape was checked before. */
const LOG = process.env.PAMONG_A11Y_LOG ?? ".e2e-a11y.log";

interface Capture {
  url: string;
  html: string;
  viewport: { width: number; height: number } | null;
}

/** Captures the pages of the contexts it watches. */
export class PageCaptures {
  private captures = new Map<string, Capture>();
  private pending: Promise<void>[] = [];
  private pages = new Set<Page>();
  /** The content type each page's document was served with. */
  private types = new WeakMap<Page, string>();

  watch(context: BrowserContext) {
    context.pages().forEach((page) => this.watchPage(page));
    context.on("page", (page) => this.watchPage(page));
  }

  private watchPage(page: Page) {
    if (this.pages.has(page)) return;
    this.pages.add(page);
    page.on("response", (response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
        this.types.set(page, response.headers()["content-type"] ?? "");
      }
    });
    page.on("load", () => {
      this.pending.push(this.capture(page));
    });
  }

  private async capture(page: Page) {
    try {
      // The document's address: a fragment names a place in it, never another document.
      const url = page.url().split("#")[0];
      if (!url.startsWith("http")) return;
      if (!(this.types.get(page) ?? "").startsWith("text/html")) return;
      const html = await page.content();
      const key = createHash("sha1").update(url).update(html).digest("hex");
      if (!this.captures.has(key)) {
        this.captures.set(key, { url, html, viewport: page.viewportSize() });
      }
    } catch {
      // The page navigated on, or closed, while it was read: its next load is captured.
    }
  }

  /** Captures every open page as the test left it, then returns all captures. */
  async finish(): Promise<Capture[]> {
    for (const page of this.pages) {
      if (!page.isClosed()) this.pending.push(this.capture(page));
    }
    await Promise.all(this.pending);
    return [...this.captures.values()];
  }
}

/** Checks `captures`; returns one line per violation (empty when every page passes). */
export async function check(browser: Browser, captures: Capture[]): Promise<string[]> {
  if (captures.length === 0) return [];
  const found: string[] = [];
  const context = await browser.newContext({
    javaScriptEnabled: true,
    bypassCSP: true,
    locale: "id-ID",
  });
  try {
    for (const capture of captures) {
      const key = shape(capture.html, capture.viewport?.width ?? 0);
      if (shapesChecked().has(key)) {
        appendFileSync(LOG, `same ${capture.url}\n`);
        continue;
      }
      appendFileSync(SHAPES, `${key}\n`);
      const page = await context.newPage();
      if (capture.viewport) await page.setViewportSize(capture.viewport);
      await page.route("**/*", (route) => {
        const request = route.request();
        if (request.isNavigationRequest() && request.url() === capture.url) {
          return route.fulfill({
            status: 200,
            contentType: "text/html; charset=utf-8",
            body: capture.html,
          });
        }
        const kind = request.resourceType();
        if (kind === "stylesheet" || kind === "font" || kind === "image") return route.continue();
        return route.abort();
      });
      await page.goto(capture.url, { waitUntil: "load" });
      const results = await new AxeBuilder({ page })
        .withTags(WCAG_TAGS)
        .disableRules(rulesLeftOut(capture.url))
        .analyze();
      for (const violation of results.violations) {
        const where = violation.nodes
          .slice(0, 3)
          .map((node) => `${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`)
          .join(" | ");
        found.push(`${violation.id} (${violation.impact}) on ${capture.url}: ${violation.help} — ${where}`);
      }
      appendFileSync(LOG, `checked ${capture.url}\n`);
      await page.close();
    }
  } finally {
    await context.close();
  }
  return found;
}
