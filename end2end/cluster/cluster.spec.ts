// Pamong as a national rollout runs it: three processes on one PostgreSQL behind nginx
// (scripts/cluster). nginx names the process that answered each request in `X-Upstream`.
// - A sign-in made on one process holds on the others.
// - A mentor on one process comments on a teacher's post; the teacher, whose live stream is held by
//   another process, sees the comment arrive without reloading (PostgreSQL LISTEN/NOTIFY).
// - A quiz attempt through the proxy: answers saved and the attempt handed in, whichever process
//   answers each request.
import { expect, Page, test } from "../tests/fixtures";
import { accounts, answerPage, islandsHydrated, open, openQuiz, shot, signInAndWait } from "../tests/helpers";

const port = Number(process.env.PAMONG_CLUSTER_PORT ?? 3300);
/** nginx's address pinned to process `i` (1-based). */
const pinned = (i: number) => `http://127.0.0.1:${port + i}`;

/** The processes that answered `path` over `times` loads of it. */
async function upstreams(page: Page, path: string, times: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let n = 0; n < times; n++) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    seen.add(response?.headers()["x-upstream"] ?? "");
  }
  return seen;
}

test("a sign-in on one process holds on every process", async ({ page }, testInfo) => {
  await signInAndWait(page, testInfo, accounts.participant);
  // Pages one after another: nginx spreads them; each process knows the session.
  const seen = await upstreams(page, "/peserta", 9);
  expect(seen.size, [...seen].join(", ")).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/peserta$/);
  await shot(page, testInfo, "cluster-home");
});

test("a mentor's comment on one process reaches the teacher's live page on another", async ({ browser }, testInfo) => {
  const tag = `${Date.now() % 100000}`;
  const teacherContext = await browser.newContext({ ...testInfo.project.use, baseURL: pinned(1) });
  const mentorContext = await browser.newContext({ ...testInfo.project.use, baseURL: pinned(2) });
  const teacher = await teacherContext.newPage();
  const mentor = await mentorContext.newPage();
  await signInAndWait(teacher, testInfo, "peserta05@pamong.test");
  await signInAndWait(mentor, testInfo, "mentor1@pamong.test");

  // The teacher posts on the group's board and opens the post: its live stream is on process 1.
  await teacher.goto("/papan");
  const board = (await teacher.locator(".board-row a", { hasText: "Papan Kelompok" }).first().getAttribute("href"))?.split("/").pop() ?? "";
  const created = await teacher.request.post("/api/create_post", {
    form: { board_id: board, kind: "aksi_nyata", title: `Aksi nyata klaster ${tag}`, body: "Rencana literasi pagi." },
    headers: { Origin: pinned(1), Accept: "application/json" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const postPath = created.headers()["location"];
  const shown = await teacher.goto(postPath);
  await islandsHydrated(teacher);
  await expect(teacher.locator(".live-status")).toHaveAttribute("data-live", "on");
  await teacher.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // The mentor, on process 2, comments through the page.
  const mentorPage = await mentor.goto(postPath);
  expect(mentorPage?.headers()["x-upstream"]).not.toBe(shown?.headers()["x-upstream"]);
  await islandsHydrated(mentor);
  await mentor.locator("#tulis-komentar textarea").fill(`Bagus, lanjutkan ${tag}`);
  await mentor.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(teacher.locator(".thread .comment", { hasText: `lanjutkan ${tag}` })).toBeVisible({ timeout: 10_000 });
  expect(await teacher.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await shot(teacher, testInfo, "cluster-live-comment");
  await teacherContext.close();
  await mentorContext.close();
});

test("a quiz attempt through the proxy saves every answer and hands in", async ({ page }, testInfo) => {
  await signInAndWait(page, testInfo, "peserta06@pamong.test");
  await openQuiz(page, testInfo, /Pre-test/);
  await page.getByRole("button", { name: "Mulai mengerjakan" }).click();
  await expect(page).toHaveURL(/\/peserta\/upaya\/\d+$/);
  await islandsHydrated(page);
  let answered = 0;
  for (let guard = 0; guard < 20; guard++) {
    answered += await answerPage(page);
    await expect(page.locator("[data-save-state=saved]")).toBeVisible();
    const next = page.getByRole("button", { name: "Berikutnya ›" });
    if (await next.count()) {
      await next.click();
      await expect(page).toHaveURL(/hal=\d+/);
      await islandsHydrated(page);
    } else {
      await page.getByRole("button", { name: "Selesai, kumpulkan…" }).click();
      break;
    }
  }
  await expect(page).toHaveURL(/\/kumpulkan$/);
  await expect(page.getByText("Semua soal sudah dijawab.")).toBeVisible();
  await page.getByRole("button", { name: "Kumpulkan sekarang" }).click();
  await expect(page).toHaveURL(/\/hasil$/);
  await expect(page.getByText(`${answered} dari ${answered} soal terjawab`)).toBeVisible();
  await shot(page, testInfo, "cluster-quiz-result");
  // The result reads the same from every process.
  const result = new URL(page.url()).pathname;
  for (let n = 0; n < 3; n++) {
    await open(page, result, testInfo);
    await expect(page.getByText(`${answered} dari ${answered} soal terjawab`)).toBeVisible();
  }
});
