// Planning in a browser, with JavaScript on and off: the demo admin creates a program (one
// validation error first), publishes it, and an anonymous visitor finds it in the catalog.
import { expect, test } from "./fixtures";
import { accounts, open, shot, signIn } from "./helpers";

test("an admin creates and publishes a program that the public catalog then shows", async ({ page, browser }, testInfo) => {
  const title = `Diklat HOTS ${testInfo.project.name} ${Date.now()}`;
  await signIn(page, testInfo, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);

  await open(page, "/admin/program", testInfo);
  await page.getByLabel("Judul program").fill(title);
  await page.getByLabel("Deskripsi").fill("Merancang pembelajaran berpikir tingkat tinggi untuk guru SMP.");
  await page.getByLabel("Desain pembelajaran HOTS").check();
  await page.getByLabel("Jumlah JP").fill("32");
  await page.getByLabel("Sumber dana").selectOption("fee");
  await page.getByRole("button", { name: "Simpan sebagai draf" }).click();

  // The fee is missing: the message stands next to its field, and what was typed is kept.
  await expect(page.locator("#e-fee_amount")).toHaveText("Wajib diisi.");
  await expect(page.getByLabel("Judul program")).toHaveValue(title);
  await expect(page.getByLabel("Desain pembelajaran HOTS")).toBeChecked();
  await page.getByLabel("Kontribusi peserta (Rp)").fill("150.000");
  await page.getByRole("button", { name: "Simpan sebagai draf" }).click();

  await expect(page).toHaveURL(/\/admin\/program\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Draf", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Terbitkan" }).click();
  await expect(page.getByText("Program sudah terbit dan tampil di katalog.")).toBeVisible();
  await shot(page, testInfo, "planning-program");

  await open(page, "/admin/usulan", testInfo);
  await expect(page.getByRole("heading", { name: "Usulan kebutuhan diklat" })).toBeVisible();
  await shot(page, testInfo, "planning-needs");

  // An anonymous visitor sees it in the catalog and is asked to sign in to apply.
  const visitor = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false, viewport: { width: 360, height: 740 }, locale: "id-ID" });
  const anon = await visitor.newPage();
  await open(anon, `/katalog?q=${encodeURIComponent(title)}`, testInfo);
  const link = anon.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  await expect(anon.getByText("Rp150.000", { exact: false })).toBeVisible();
  await open(anon, "/katalog", testInfo);
  await shot(anon, testInfo, "planning-catalog");
  await open(anon, `/katalog?q=${encodeURIComponent(title)}`, testInfo);
  await anon.getByRole("link", { name: title }).click();
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText(title);
  await shot(anon, testInfo, "planning-catalog-program");
  await visitor.close();
});
