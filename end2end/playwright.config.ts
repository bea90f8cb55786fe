// Playwright runs every spec twice, in Debian's Chromium: hydrated, and with JavaScript off.
// Specs named *.hydrate.spec.ts are about live behaviour and run hydrated only.
// The server is the release build (a bad wasm optimiser only shows in a browser), started on a
// fresh data directory with demo data and a known demo password.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.PAMONG_E2E_PORT ?? 3100);
// One id per run, set here in the main process before the workers start (they inherit it): the
// accessibility check keeps the shapes of the documents it checked under it (tests/accessibility.ts).
process.env.PAMONG_A11Y_RUN ??= `${Date.now()}-${process.pid}`;
const baseURL = `http://127.0.0.1:${port}`;
const smtpPort = Number(process.env.PAMONG_E2E_SMTP_PORT ?? 3125);
export const demoPassword = "demo-pamong-2026";

const chromium = {
  browserName: "chromium" as const,
  viewport: { width: 360, height: 740 },
  locale: "id-ID",
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: { baseURL, trace: "off" },
  projects: [
    { name: "js-on", use: { ...chromium, javaScriptEnabled: true } },
    { name: "js-off", use: { ...chromium, javaScriptEnabled: false }, testIgnore: /\.hydrate\.spec\.ts$/ },
  ],
  webServer: [{
    // The SMTP server the Pamong server sends to; specs read what it received (tests/mail.ts).
    command: "rm -rf .e2e-mail && node smtp-sink.mjs",
    port: smtpPort,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PAMONG_E2E_SMTP_PORT: String(smtpPort) },
  }, {
    command: `rm -rf .e2e-data && ${process.env.PAMONG_SERVER_BIN ?? "../target/release/server"}`,
    url: `${baseURL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PAMONG_LISTEN: `127.0.0.1:${port}`,
      PAMONG_DATA_DIR: ".e2e-data",
      PAMONG_DEMO_DATA: "true",
      PAMONG_DEMO_PASSWORD: demoPassword,
      // The specs write as a few demo users, faster than a person would, in both projects at
      // once; rate limits are tested over HTTP (tests/tests/board_bounds_http.rs), not here.
      PAMONG_BOARD_POSTS_PER_MINUTE: "0",
      PAMONG_BOARD_POSTS_PER_HOUR: "0",
      PAMONG_BOARD_COMMENTS_PER_MINUTE: "0",
      PAMONG_BOARD_COMMENTS_PER_HOUR: "0",
      PAMONG_BOARD_UPLOADS_PER_MINUTE: "0",
      PAMONG_BOARD_UPLOADS_PER_HOUR: "0",
      LEPTOS_SITE_ROOT: "../target/site",
      RUST_LOG: "warn",
      PAMONG_PUBLIC_URL: baseURL,
      PAMONG_SMTP_HOST: "127.0.0.1",
      PAMONG_SMTP_PORT: String(smtpPort),
      PAMONG_SMTP_TLS: "none",
      PAMONG_MAIL_FROM: "pamong@pamong.test",
    },
  }],
});
