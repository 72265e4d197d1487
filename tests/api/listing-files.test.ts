// Files and pictures of results and needs: checked by content, pictures cleaned of metadata with
// a thumbnail, private until published, removed from storage with the file or the listing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as results from "../../app/routes/api.v1.results.ts";
import * as resultItem from "../../app/routes/api.v1.results.$id.ts";
import * as resultFiles from "../../app/routes/api.v1.results.$id.files.ts";
import * as needs from "../../app/routes/api.v1.needs.ts";
import * as needFiles from "../../app/routes/api.v1.needs.$id.files.ts";
import * as fileItem from "../../app/routes/api.v1.files.$id.ts";
import * as review from "../../app/routes/api.v1.results.$id.review.ts";
import * as withdraw from "../../app/routes/api.v1.results.$id.withdraw.ts";
import * as download from "../../app/routes/files.$id.ts";
import * as thumb from "../../app/routes/files.$id_.thumb.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";

let dataDir: string;
const saved = { ...process.env };
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "listing-files-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const stored = (key: string) => path.join(dataDir, "files", ...key.split("/"));

const result = {
  title: "稀土永磁电机高效冷却结构",
  summary: "一种用于稀土永磁电机的油冷结构，温升降低 20%。",
  keywords: ["永磁电机"],
  field: "rare_earth",
  maturity: "pilot",
  transferModes: ["license"],
  priceFen: 10_000_000,
};

async function newResult(token: string) {
  const created = await call(results.action, apiRequest("POST", "/api/v1/results", { token, body: result }));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function publish(id: string, ownerToken: string) {
  const bureau = await makeCaller("bureau");
  await call(
    resultItem.action,
    apiRequest("PATCH", `/api/v1/results/${id}`, { token: ownerToken, body: { submit: true } }),
    { id },
  );
  const approved = await call(
    review.action,
    apiRequest("POST", `/api/v1/results/${id}/review`, { token: bureau.token, body: { decision: "approve" } }),
    { id },
  );
  expect(approved.body.status).toBe("published");
}

function uploadRequest(
  kind: "results" | "needs",
  id: string,
  file: { bytes: Uint8Array; name: string; type?: string } | null,
  opts: { token?: string; caption?: string; extra?: Record<string, string> } = {},
) {
  const form = new FormData();
  if (file) form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "" }));
  if (opts.caption !== undefined) form.set("caption", opts.caption);
  for (const [k, v] of Object.entries(opts.extra ?? {})) form.set(k, v);
  return new Request(`http://localhost/api/v1/${kind}/${id}/files`, {
    method: "POST",
    headers: opts.token ? { Authorization: `Bearer ${opts.token}` } : {},
    body: form,
  });
}

const upload = (
  id: string,
  file: Parameters<typeof uploadRequest>[2],
  opts: Parameters<typeof uploadRequest>[3] = {},
) => call(resultFiles.action, uploadRequest("results", id, file, opts), { id });
const listFiles = (id: string, token?: string) =>
  call(resultFiles.loader, apiRequest("GET", `/api/v1/results/${id}/files`, { token }), { id });
const removeFile = (id: string, token?: string) =>
  call(fileItem.action, apiRequest("DELETE", `/api/v1/files/${id}`, { token }), { id });
const fetchFile = async (id: string, token?: string, variant: "file" | "thumb" = "file") => {
  const request = apiRequest("GET", variant === "thumb" ? `/files/${id}/thumb` : `/files/${id}`, { token });
  const response = (await (variant === "thumb" ? thumb : download).loader({
    request,
    params: { id },
    context: {},
  } as never)) as Response;
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
};

/** A phone photo: a JPEG carrying EXIF with a GPS position and a camera model. */
async function photoWithGps() {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Phone 12" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "25/1 51/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "114/1 56/1 0/1" },
    })
    .toBuffer();
}

/** Whether an EXIF block's first IFD has the GPSInfo tag (0x8825), read from its TIFF header. */
function hasGpsTag(exif: Buffer | undefined) {
  if (!exif) return false;
  const tiff = exif.subarray(exif.indexOf("Exif\0\0") >= 0 ? exif.indexOf("Exif\0\0") + 6 : 0);
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) if (u16(ifd + 2 + i * 12) === 0x8825) return true;
  return false;
}

const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

test("a researcher's photo is stored without EXIF/GPS, with a thumbnail, and is private while a draft", async () => {
  const researcher = await makeCaller("researcher");
  const id = await newResult(researcher.token);
  const photo = await photoWithGps();
  const original = await sharp(photo).metadata();
  expect(hasGpsTag(original.exif)).toBe(true);
  expect(photo.includes(Buffer.from("PhoneMaker"))).toBe(true);

  const added = await upload(
    id,
    { bytes: photo, name: "现场照片.JPG", type: "image/jpeg" },
    {
      token: researcher.token,
      caption: "中试线现场",
    },
  );
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({
    listingKind: "result",
    listingId: id,
    kind: "image",
    mimeType: "image/jpeg",
    filename: "现场照片.jpg",
    caption: "中试线现场",
    width: 800,
    height: 600,
  });
  expect(added.body.thumbUrl).toBe(`/files/${added.body.id}/thumb`);

  // what is stored and served has no metadata at all: no EXIF block, no GPS, no camera
  const row = await prisma.listingFile.findUniqueOrThrow({ where: { id: added.body.id } });
  const onDisk = fs.readFileSync(stored(row.storageKey));
  const cleaned = await sharp(onDisk).metadata();
  expect(cleaned.exif).toBeUndefined();
  expect(hasGpsTag(cleaned.exif)).toBe(false);
  expect(onDisk.includes(Buffer.from("Exif\0\0"))).toBe(false);
  expect(onDisk.includes(Buffer.from("PhoneMaker"))).toBe(false);

  const served = await fetchFile(row.id, researcher.token);
  expect(served.status).toBe(200);
  expect(served.headers.get("Content-Type")).toBe("image/jpeg");
  expect(served.headers.get("Content-Disposition")).toMatch(/^inline; filename="____\.jpg"; filename\*=UTF-8''/);
  expect(served.headers.get("Cache-Control")).toBe("private, no-store");
  expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();

  const small = await fetchFile(row.id, researcher.token, "thumb");
  expect(small.status).toBe(200);
  expect(small.headers.get("Content-Type")).toBe("image/webp");
  const thumbMeta = await sharp(small.bytes).metadata();
  expect(thumbMeta.format).toBe("webp");
  expect(thumbMeta.width).toBeLessThanOrEqual(480);
  expect(thumbMeta.height).toBeLessThanOrEqual(360);

  // a draft's files: 404 for visitors and other organizations, visible to reviewers
  const other = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  expect((await fetchFile(row.id)).status).toBe(404);
  expect((await fetchFile(row.id, other.token)).status).toBe(404);
  expect((await fetchFile(row.id, other.token, "thumb")).status).toBe(404);
  expect((await listFiles(id)).status).toBe(404);
  expect((await listFiles(id, other.token)).status).toBe(404);
  expect((await fetchFile(row.id, bureau.token)).status).toBe(200);
  const listed = await listFiles(id, researcher.token);
  expect(listed.body.items.map((f: { id: string }) => f.id)).toEqual([row.id]);
});

test("content decides: disguised, SVG, HTML and damaged files are refused, naming the field", async () => {
  const researcher = await makeCaller("researcher");
  const id = await newResult(researcher.token);
  const token = researcher.token;
  const cases = [
    { bytes: Buffer.from("just some text pretending"), name: "photo.jpg", type: "image/jpeg" },
    {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      name: "diagram.svg",
      type: "image/svg+xml",
    },
    { bytes: Buffer.from("<!doctype html><script>alert(document.cookie)</script>"), name: "a.png", type: "image/png" },
    { bytes: Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), name: "report.pdf", type: "application/pdf" },
  ];
  for (const file of cases) {
    const refused = await upload(id, file, { token });
    expect(refused.status, file.name).toBe(400);
    expect(refused.body.error.code).toBe("invalid_input");
    expect(refused.body.error.fields.file).toMatch(/JPEG.*PNG.*WebP.*PDF/);
    expect(refused.body.error.fields.file).toMatch(/只接受/);
  }
  // PNG magic bytes on a damaged body: the picture cannot be decoded
  const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const damaged = await upload(id, { bytes: broken, name: "x.png" }, { token });
  expect(damaged.status).toBe(400);
  expect(damaged.body.error.fields.file).toMatch(/damaged/);

  const missing = await upload(id, null, { token });
  expect(missing.status).toBe(400);
  expect(missing.body.error.fields.file).toMatch(/Choose a file/);
  const unknown = await upload(id, { bytes: pdf, name: "a.pdf" }, { token, extra: { owner: "x" } });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.fields.owner).toBeTruthy();
  const longCaption = await upload(id, { bytes: pdf, name: "a.pdf" }, { token, caption: "长".repeat(201) });
  expect(longCaption.status).toBe(400);
  expect(longCaption.body.error.fields.caption).toMatch(/200/);

  // nothing of the refused uploads was kept
  expect(await prisma.listingFile.count({ where: { resultId: id } })).toBe(0);
  const dir = path.join(dataDir, "files", "results", id);
  expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
});

test("too large is a 413, the per-listing count a 409; names are made safe", async () => {
  const researcher = await makeCaller("researcher");
  const id = await newResult(researcher.token);
  process.env.FILE_MAX_BYTES = "1000";
  process.env.FILE_MAX_PER_LISTING = "2";
  try {
    const big = Buffer.concat([pdf, Buffer.alloc(1000, 32)]);
    const tooBig = await upload(id, { bytes: big, name: "big.pdf" }, { token: researcher.token });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe("payload_too_large");
    expect(tooBig.body.error.fields.file).toMatch(/MB/);

    const first = await upload(id, { bytes: pdf, name: '../../etc/专利"证书"\u0000.exe' }, { token: researcher.token });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: "document", mimeType: "application/pdf", filename: "专利证书.pdf" });
    const served = await fetchFile(first.body.id, researcher.token);
    expect(served.headers.get("Content-Disposition")).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent("专利证书.pdf")}`,
    );
    expect(served.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(served.bytes.equals(pdf)).toBe(true);

    expect((await upload(id, { bytes: pdf, name: "b.pdf" }, { token: researcher.token })).status).toBe(201);
    const third = await upload(id, { bytes: pdf, name: "c.pdf" }, { token: researcher.token });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe("too_many_files");
    expect(await prisma.listingFile.count({ where: { resultId: id } })).toBe(2);
    // the refused third file's objects were written first, then removed again
    expect(fs.readdirSync(path.join(dataDir, "files", "results", id))).toHaveLength(2);
  } finally {
    delete process.env.FILE_MAX_BYTES;
    delete process.env.FILE_MAX_PER_LISTING;
  }
});

test("refusals: another organization, another role, anonymous", async () => {
  const researcher = await makeCaller("researcher");
  const id = await newResult(researcher.token);
  const own = await upload(id, { bytes: pdf, name: "a.pdf" }, { token: researcher.token });
  const otherOrg = await makeCaller("researcher");
  const company = await makeCaller("company");
  const bureau = await makeCaller("bureau");
  // a draft: invisible to other organizations (404), a reviewer may see but not change it (403)
  expect((await upload(id, { bytes: pdf, name: "x.pdf" }, { token: otherOrg.token })).status).toBe(404);
  expect((await upload(id, { bytes: pdf, name: "x.pdf" }, { token: company.token })).status).toBe(404);
  expect((await upload(id, { bytes: pdf, name: "x.pdf" }, { token: bureau.token })).status).toBe(403);
  expect((await upload(id, { bytes: pdf, name: "x.pdf" })).status).toBe(401);
  expect((await removeFile(own.body.id, otherOrg.token)).status).toBe(404);
  expect((await removeFile(own.body.id, bureau.token)).status).toBe(403);
  expect((await removeFile(own.body.id)).status).toBe(401);

  // published: everyone sees it, other organizations still cannot change it (403)
  await publish(id, researcher.token);
  expect((await upload(id, { bytes: pdf, name: "x.pdf" }, { token: otherOrg.token })).status).toBe(403);
  expect((await upload(id, { bytes: pdf, name: "x.pdf" }, { token: company.token })).status).toBe(403);
  expect((await removeFile(own.body.id, company.token)).status).toBe(403);
  expect(await prisma.listingFile.count({ where: { resultId: id } })).toBe(1);

  // a colleague of another role in the same organization (a company user) may not edit results
  const colleague = await makeCaller("company", { org: researcher.org });
  expect((await upload(id, { bytes: pdf, name: "x.pdf" }, { token: colleague.token })).status).toBe(403);
});

test("files follow review and withdrawal: public once published, back to review when changed, hidden when withdrawn", async () => {
  const researcher = await makeCaller("researcher");
  const id = await newResult(researcher.token);
  const photo = await upload(id, { bytes: await photoWithGps(), name: "p.jpg" }, { token: researcher.token });
  await publish(id, researcher.token);

  const visitor = await listFiles(id);
  expect(visitor.status).toBe(200);
  expect(visitor.body.items).toHaveLength(1);
  const served = await fetchFile(photo.body.id);
  expect(served.status).toBe(200);
  expect(served.headers.get("Cache-Control")).toBe("public, no-cache");
  expect((await fetchFile(photo.body.id, undefined, "thumb")).status).toBe(200);

  // adding a file to a published result is an edit: it goes back to review, with its history
  const added = await upload(id, { bytes: pdf, name: "report.pdf" }, { token: researcher.token });
  expect(added.status).toBe(201);
  const after = await prisma.result.findUniqueOrThrow({ where: { id } });
  expect(after.status).toBe("pending_review");
  const actions = (await prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: "asc" } })).map(
    (e) => e.action,
  );
  expect(actions).toEqual(["create", "file_add", "submit", "approve", "file_add", "submit"]);
  expect((await fetchFile(photo.body.id)).status).toBe(404);

  await publish(id, researcher.token);
  expect((await fetchFile(photo.body.id)).status).toBe(200);
  const withdrawn = await call(
    withdraw.action,
    apiRequest("POST", `/api/v1/results/${id}/withdraw`, { token: researcher.token }),
    { id },
  );
  expect(withdrawn.body.status).toBe("withdrawn");
  expect((await fetchFile(photo.body.id)).status).toBe(404);
  expect((await listFiles(id)).status).toBe(404);
  expect((await fetchFile(photo.body.id, researcher.token)).status).toBe(200);
});

test("removing a file, or deleting its listing, removes the stored objects after the commit", async () => {
  const researcher = await makeCaller("researcher");
  const id = await newResult(researcher.token);
  const photo = await upload(id, { bytes: await photoWithGps(), name: "p.jpg" }, { token: researcher.token });
  const doc = await upload(id, { bytes: pdf, name: "r.pdf" }, { token: researcher.token });
  const rows = await prisma.listingFile.findMany({ where: { resultId: id } });
  const keys = rows.flatMap((r) => [r.storageKey, r.thumbKey].filter((k): k is string => !!k));
  expect(keys).toHaveLength(3);
  for (const key of keys) expect(fs.existsSync(stored(key))).toBe(true);

  const removed = await removeFile(doc.body.id, researcher.token);
  expect(removed.status).toBe(200);
  expect(removed.body).toEqual({ id: doc.body.id, listingKind: "result", listingId: id, deleted: true });
  expect(fs.existsSync(stored(rows.find((r) => r.id === doc.body.id)!.storageKey))).toBe(false);
  expect((await removeFile(doc.body.id, researcher.token)).status).toBe(404); // a second click

  // a published listing is withdrawn before it can be deleted
  await publish(id, researcher.token);
  const refused = await call(
    resultItem.action,
    apiRequest("DELETE", `/api/v1/results/${id}`, { token: researcher.token }),
    { id },
  );
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("listing_not_deletable");
  await call(withdraw.action, apiRequest("POST", `/api/v1/results/${id}/withdraw`, { token: researcher.token }), {
    id,
  });

  const other = await makeCaller("researcher");
  const del = (token?: string) =>
    call(resultItem.action, apiRequest("DELETE", `/api/v1/results/${id}`, { token }), { id });
  expect((await del(other.token)).status).toBe(404);
  expect((await del()).status).toBe(401);
  const deleted = await del(researcher.token);
  expect(deleted.status).toBe(200);
  expect(deleted.body).toEqual({ id, deleted: true });
  expect(await prisma.result.findUnique({ where: { id } })).toBeNull();
  expect(await prisma.listingFile.count({ where: { resultId: id } })).toBe(0);
  for (const key of keys) expect(fs.existsSync(stored(key))).toBe(false);
  expect(await prisma.storageDeletion.count()).toBe(0);
  expect((await fetchFile(photo.body.id, researcher.token)).status).toBe(404);
  const audit = await prisma.auditEvent.findFirst({ where: { entityId: id, action: "delete" } });
  expect(audit?.before).toMatchObject({ status: "withdrawn", files: 1 });
});

test("a company attaches a drawing (PNG) to its need; needs have the same rules", async () => {
  const company = await makeCaller("company");
  const created = await call(
    needs.action,
    apiRequest("POST", "/api/v1/needs", {
      token: company.token,
      body: { title: "电机磁钢高温退磁", description: "电机在 150℃ 运行后磁力下降。", field: "rare_earth" },
    }),
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const drawing = await sharp({ create: { width: 300, height: 200, channels: 4, background: "#ffffff" } })
    .png()
    .toBuffer();
  const added = await call(
    needFiles.action,
    uploadRequest("needs", id, { bytes: drawing, name: "图纸.png" }, { token: company.token }),
    { id },
  );
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ listingKind: "need", kind: "image", mimeType: "image/png", width: 300 });
  const researcher = await makeCaller("researcher");
  expect(
    (
      await call(
        needFiles.action,
        uploadRequest("needs", id, { bytes: drawing, name: "x.png" }, { token: researcher.token }),
        { id },
      )
    ).status,
  ).toBe(404);
  const listed = await call(
    needFiles.loader,
    apiRequest("GET", `/api/v1/needs/${id}/files`, { token: company.token }),
    {
      id,
    },
  );
  expect(listed.body.items).toHaveLength(1);
});
