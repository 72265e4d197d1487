// Files and pictures on a result: the researcher uploads a photo (with GPS in its EXIF) and a PDF
// from the edit page, submits; the bureau approves; a visitor sees the gallery and the document
// list, and the picture served has no metadata. Phones: the page fits 390 px.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "./fixtures.ts";
import { pageAs, runId } from "./helpers.ts";

const RUN = runId();

test.setTimeout(240_000);

test("a researcher attaches a photo and a PDF, the bureau approves, a visitor sees them", async ({
  browser,
  researcher,
  bureau,
  consoleErrors,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-files-"));
  const photoPath = path.join(dir, "中试线.jpg");
  fs.writeFileSync(
    photoPath,
    await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "25/1 51/1 0/1" } })
      .toBuffer(),
  );
  const pdfPath = path.join(dir, "专利证书.pdf");
  fs.writeFileSync(pdfPath, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

  const title = `E2E附件成果${RUN}：稀土永磁电机油冷结构`;
  const page = researcher.page;
  await page.goto("/my/results/new");
  await page.getByLabel("名称").fill(title);
  await page.getByLabel("技术领域").selectOption("rare_earth");
  await page.getByLabel("成熟度").selectOption("pilot");
  await page.getByLabel("成果简介").fill("一种用于稀土永磁电机的油冷结构，温升降低 20%，已完成中试。");
  await page.getByRole("checkbox", { name: "许可" }).check();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.waitForURL(/\/my\/results\/[^/]+\/edit\?done=saved/);
  const resultId = new URL(page.url()).pathname.split("/")[3]!;

  // upload the photo with a caption, then the PDF (plain multipart forms)
  await page.locator("#files input[type=file]").setInputFiles(photoPath);
  await page.getByLabel("说明（选填）").fill("中试线现场照片");
  await page.getByRole("button", { name: "上传" }).click();
  await page.waitForURL(/file=added/);
  await expect(page.getByRole("status").filter({ hasText: "文件已上传。" })).toBeVisible();
  await page.locator("#files input[type=file]").setInputFiles(pdfPath);
  await page.getByRole("button", { name: "上传" }).click();
  await page.waitForURL(/file=added/);
  const files = page.locator("#files");
  await expect(files.getByRole("link", { name: "中试线.jpg" })).toBeVisible();
  await expect(files.getByRole("link", { name: "专利证书.pdf" })).toBeVisible();

  // a disguised file is refused (400), in the reader's language, under the file field
  consoleErrors.allow(/status of 400/);
  const fakePath = path.join(dir, "photo.png");
  fs.writeFileSync(fakePath, "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
  const fileInput = page.locator("#files input[type=file]");
  await fileInput.setInputFiles(fakePath);
  await page.getByRole("button", { name: "上传" }).click();
  await expect(fileInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#files .field-error")).toContainText("只接受 JPEG、PNG、WebP 图片");
  expect(new URL(page.url()).pathname).toBe(`/my/results/${resultId}/edit`);

  await page.getByRole("button", { name: "保存并提交审核" }).click();
  await page.waitForURL(/\/results\/[^/?]+\?done=submitted/);

  // pending: a visitor gets 404 for the page and the files
  const visitor = await pageAs(browser, null);
  expect((await visitor.goto(`/results/${resultId}`))?.status()).toBe(404);
  const pending = await visitor.request.get(`/api/v1/results/${resultId}/files`);
  expect(pending.status()).toBe(404);

  // the bureau approves
  await bureau.page.goto(`/review?q=${encodeURIComponent(title)}`);
  await bureau.page.locator("summary", { hasText: title }).first().click();
  await bureau.page.getByRole("button", { name: `通过并发布 ${title}` }).click();
  await expect(bureau.page.getByRole("status")).toContainText(`“${title}”已通过并发布。`);

  // the visitor sees the gallery (thumbnail, alt = caption) and the document list
  await visitor.setViewportSize({ width: 390, height: 844 });
  expect((await visitor.goto(`/results/${resultId}`))?.status()).toBe(200);
  const section = visitor.getByRole("region", { name: "图片和文件" });
  const img = section.getByRole("img", { name: "中试线现场照片" });
  await img.scrollIntoViewIfNeeded();
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeLessThanOrEqual(480);
  await expect(section.getByRole("link", { name: "下载 专利证书.pdf" })).toBeVisible();
  await expect(section.getByText(/PDF · \d+ B/)).toBeVisible();
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // the full picture: no EXIF, no GPS; the PDF downloads as an attachment
  const full = await visitor.request.get(
    await section
      .getByRole("link")
      .first()
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(full.headers()["content-type"]).toBe("image/jpeg");
  expect(full.headers()["x-content-type-options"]).toBe("nosniff");
  const body = await full.body();
  expect(body.includes(Buffer.from("Exif"))).toBe(false);
  expect(body.includes(Buffer.from("PhoneMaker"))).toBe(false);
  const pdfHref = await section.getByRole("link", { name: "下载 专利证书.pdf" }).getAttribute("href");
  const pdf = await visitor.request.get(pdfHref!);
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment;/);

  await visitor.context().close();
  fs.rmSync(dir, { recursive: true, force: true });
});
