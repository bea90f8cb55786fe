// Mentor groups: the demo admin creates groups in "Angkatan 1" of "Literasi Digital dalam
// Pembelajaran", assigns participants automatically, moves one; mentor1 sees their group.
import { expect, test } from "./fixtures";
import { accounts, open, shot, signIn } from "./helpers";

test("admin builds groups, mentor sees theirs", async ({ page }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now() % 100000}`;
  const groupA = `Melati ${tag}`;
  const groupB = `Mawar ${tag}`;

  await signIn(page, testInfo, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await open(page, "/admin/angkatan", testInfo);
  const item = page
    .locator(".cohort-item")
    .filter({ hasText: "Literasi Digital dalam Pembelajaran" })
    .filter({ hasText: "Angkatan 1" })
    .first();
  const href = await item.locator("a").first().getAttribute("href");
  const cohort = href?.match(/\/admin\/angkatan\/(\d+)/)?.[1];
  expect(cohort, `cohort link: ${href}`).toBeTruthy();
  const groupsPath = `/admin/angkatan/${cohort}/kelompok`;

  await open(page, groupsPath, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Kelompok bimbingan" })).toBeVisible();

  // A bad capacity is refused next to the field, and nothing is created.
  await page.locator("#f-name").fill(groupA);
  await page.locator("#f-capacity").fill("0");
  await page.locator('form[action="/api/create_group"] button[type=submit]').click();
  await expect(page.locator("#e-capacity")).toContainText("Kapasitas harus bilangan bulat");

  for (const [name, mentor] of [[groupA, "mentor1@pamong.test"], [groupB, "mentor2@pamong.test"]]) {
    await open(page, groupsPath, testInfo);
    await page.locator("#f-name").fill(name);
    const option = page.locator("#f-mentor_id option", { hasText: mentor });
    await page.locator("#f-mentor_id").selectOption((await option.getAttribute("value")) ?? "");
    await page.locator("#f-capacity").fill("8");
    await page.locator('form[action="/api/create_group"] button[type=submit]').click();
    await expect(page.locator(".notice")).toContainText(`Kelompok ${name} sudah dibuat.`);
  }

  await page.locator('form[action="/api/assign_groups"] button[type=submit]').click();
  await expect(page.locator(".notice")).toContainText(/sudah dibagi ke kelompok|sudah punya kelompok/);

  // Move two participants by e-mail: one into each new group.
  for (const [who, group] of [["peserta01@pamong.test", groupB], ["peserta02@pamong.test", groupA]]) {
    await page.locator("#f-participant").fill(who);
    const target = page.locator("#f-group_id option", { hasText: group });
    await page.locator("#f-group_id").selectOption((await target.getAttribute("value")) ?? "");
    await page.locator('form[action="/api/move_participant"] button[type=submit]').click();
    await expect(page.locator(".notice")).toContainText(`dipindahkan ke ${group}`);
  }
  await expect(page.locator(".group", { hasText: groupA }).locator(".group-mentor")).toHaveText("Dr. Hadi Purnomo, M.Pd.");
  await shot(page, testInfo, "groups-page");

  await open(page, `/admin/angkatan/${cohort}/peserta?q=peserta02`, testInfo);
  await expect(page.locator(".roster-row", { hasText: "peserta02@pamong.test" })).toContainText(groupA);
  await open(page, `/admin/angkatan/${cohort}/peserta`, testInfo);
  await expect(page.locator(".roster-row").first()).toBeVisible();
  await shot(page, testInfo, "roster-page");

  await page.context().clearCookies();
  await signIn(page, testInfo, accounts.mentor);
  await expect(page).toHaveURL(/\/mentor$/);
  const card = page.locator(".group-card", { hasText: groupA });
  await expect(card).toBeVisible();
  await expect(page.locator(".group-card", { hasText: groupB })).toHaveCount(0);
  await shot(page, testInfo, "mentor-home");
  await card.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(groupA);
  await expect(page.locator(".roster-row", { hasText: "peserta02@pamong.test" })).toBeVisible();
  await shot(page, testInfo, "mentor-group");
});
