// The cluster stage: three Pamong processes on one PostgreSQL behind nginx (scripts/cluster), the
// release build, JavaScript on. Specs in ./cluster sign in, comment live between a mentor and a
// teacher on two different processes, and take a quiz through the proxy.
import { defineConfig } from "@playwright/test";
import { demoPassword } from "./playwright.config";

const port = Number(process.env.PAMONG_CLUSTER_PORT ?? 3300);
const database = process.env.PAMONG_CLUSTER_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pamong_e2e_cluster";

export default defineConfig({
  testDir: "./cluster",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${port}`, trace: "off" },
  projects: [{
    name: "cluster",
    use: {
      browserName: "chromium",
      viewport: { width: 360, height: 740 },
      locale: "id-ID",
      javaScriptEnabled: true,
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      },
    },
  }],
  webServer: [{
    command: `../scripts/cluster 3 ${port} ${database}`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      // scripts/cluster runs from the repository's root: its defaults are target/release/server
      // and target/site there.
      PAMONG_DEMO_DATA: "true",
      PAMONG_DEMO_PASSWORD: demoPassword,
      PAMONG_BOARD_POSTS_PER_MINUTE: "0",
      PAMONG_BOARD_COMMENTS_PER_MINUTE: "0",
      RUST_LOG: "warn",
    },
  }],
});
