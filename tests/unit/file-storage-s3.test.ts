// The S3 storage adapter against a local double of the S3 API (docs/decisions/0022-listing-files.md),
// and the upload path end to end with FILE_STORAGE=s3.
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fileStorage, s3Storage } from "../../app/files/storage.server.ts";
import { drainStorageDeletions } from "../../app/files/storage-outbox.server.ts";
import { addFile, readFile, removeFile } from "../../app/files/files.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { startS3Double, type S3Double } from "../support/s3-double.ts";
import { makeCaller } from "../factories.ts";

const config = { bucket: "listing-files", region: "cn-south-1", accessKeyId: "AKTEST", secretAccessKey: "s3cr3t" };
let double: S3Double;
const saved = { ...process.env };

beforeAll(async () => {
  double = await startS3Double(config);
});
afterAll(async () => {
  process.env = saved;
  await double.close();
});

test("put, get and delete are signed requests to /<bucket>/<key>; a wrong secret is refused", async () => {
  const storage = s3Storage({ ...config, endpoint: double.endpoint });
  await storage.put("results/r1/f1.pdf", Buffer.from("%PDF-1.4 x"), "application/pdf");
  expect(double.objects.get("results/r1/f1.pdf")).toMatchObject({ contentType: "application/pdf" });
  expect((await storage.get("results/r1/f1.pdf"))?.toString()).toBe("%PDF-1.4 x");
  expect(await storage.get("results/r1/missing.pdf")).toBeNull();
  await storage.delete("results/r1/f1.pdf");
  await storage.delete("results/r1/f1.pdf"); // deleting what is not there is fine
  expect(double.objects.size).toBe(0);

  const wrong = s3Storage({ ...config, secretAccessKey: "nope", endpoint: double.endpoint });
  await expect(wrong.put("results/r1/f2.pdf", Buffer.from("x"), "application/pdf")).rejects.toThrow(/403/);
  await expect(storage.put("../etc/passwd", Buffer.from("x"), "text/plain")).rejects.toThrow(/bad storage key/);
});

test("with FILE_STORAGE=s3 an upload lands in the bucket, downloads come from it, removal empties it", async () => {
  Object.assign(process.env, {
    FILE_STORAGE: "s3",
    S3_ENDPOINT: double.endpoint,
    S3_BUCKET: config.bucket,
    S3_REGION: config.region,
    S3_ACCESS_KEY_ID: config.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.secretAccessKey,
  });
  const researcher = await makeCaller("researcher");
  const result = await prisma.result.create({
    data: {
      organizationId: researcher.org!.id,
      title: "t",
      summary: "s",
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
    },
  });
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
  const row = await addFile("result", result.id, researcher.user, { name: "p.png", bytes: photo });
  expect([...double.objects.keys()].sort()).toEqual([row.storageKey, row.thumbKey].sort());
  const read = await readFile(row.id, researcher.user, "thumb");
  expect((await sharp(read.bytes).metadata()).format).toBe("webp");

  await removeFile(row.id, researcher.user);
  expect(double.objects.size).toBe(0);
  expect(await drainStorageDeletions(fileStorage())).toBe(0);
});
