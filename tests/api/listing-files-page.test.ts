// The edit page's file upload (multipart POST to /my/{results,needs}/:id/edit, as the form sends it
// with or without JavaScript): an added file redirects with a notice; a refused one (none, the
// wrong content, too large, a long caption) is the upload form's conform reply, its message under
// the field, and nothing is stored. Another organization and anonymous callers are refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { getEnv } from "../../app/env.server.ts";
import { FILE_MESSAGES, fileTooLargeMessage } from "../../app/files/form-schemas.ts";
import * as results from "../../app/routes/api.v1.results.ts";
import * as needs from "../../app/routes/api.v1.needs.ts";
import * as editResult from "../../app/routes/my.results.$id.edit.tsx";
import * as editNeed from "../../app/routes/my.needs.$id.edit.tsx";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { cookieFor, pageStatus, replyErrors, runPage } from "../support/pages.ts";

let dataDir: string;
const saved = { ...process.env };
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "listing-files-page-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const RESULT = {
  title: "稀土永磁电机高效冷却结构",
  summary: "一种用于稀土永磁电机的油冷结构，温升降低 20%。",
  keywords: ["永磁电机"],
  field: "rare_earth",
  maturity: "pilot",
  transferModes: ["license"],
  priceFen: 10_000_000,
};

function uploadPost(
  kind: "results" | "needs",
  id: string,
  cookie: string | null,
  file: { bytes: Uint8Array; name: string; type?: string } | null,
  caption?: string,
) {
  const form = new FormData();
  form.set("intent", "upload");
  // an empty file input sends a nameless, empty part
  form.set(
    "file",
    file ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "" }) : new File([], ""),
  );
  if (caption !== undefined) form.set("caption", caption);
  return new Request(`http://localhost/my/${kind}/${id}/edit`, {
    method: "POST",
    headers: cookie ? { Cookie: cookie } : {},
    body: form,
  });
}

const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer()
    .then((b) => new Uint8Array(b));

const replyOf = (r: unknown) => (r as { data: { initialValue?: Record<string, unknown> } }).data;
const filesOf = (resultId: string) => prisma.listingFile.count({ where: { resultId } });

async function ownResult() {
  const owner = await makeCaller("researcher");
  const created = await call(
    results.action,
    apiRequest("POST", "/api/v1/results", { token: owner.token, body: RESULT }),
  );
  expect(created.status).toBe(201);
  return { owner, id: created.body.id as string, cookie: await cookieFor(owner.user.id) };
}

const send = (id: string, cookie: string | null, file: Parameters<typeof uploadPost>[3], caption?: string) =>
  runPage(editResult.action, uploadPost("results", id, cookie, file, caption), { id });

test("a refused file is the upload form's reply, its message under the field; nothing is stored", async () => {
  const { id, cookie } = await ownResult();

  const none = await send(id, cookie, null);
  expect(pageStatus(none)).toBe(400);
  expect(replyErrors(none)).toEqual({ file: [FILE_MESSAGES.missing] });
  // the reply names its form (the edit page's listing form takes no reply of the upload)
  expect(replyOf(none).initialValue).toMatchObject({ intent: "upload" });

  const svg = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
  const disguised = await send(id, cookie, { bytes: svg, name: "photo.png", type: "image/png" }, "现场照片");
  expect(pageStatus(disguised)).toBe(400);
  expect(replyErrors(disguised)).toEqual({ file: [FILE_MESSAGES.type] });
  // what was typed comes back; the file cannot
  expect(replyOf(disguised).initialValue).toEqual({ intent: "upload", caption: "现场照片" });

  const max = getEnv().FILE_MAX_BYTES;
  const big = await send(id, cookie, { bytes: new Uint8Array(max + 1), name: "report.pdf", type: "application/pdf" });
  expect(pageStatus(big)).toBe(413);
  expect(replyErrors(big)).toEqual({ file: [fileTooLargeMessage(max)] });

  const longCaption = await send(id, cookie, { bytes: await png(), name: "a.png" }, "说".repeat(201));
  expect(pageStatus(longCaption)).toBe(400);
  expect(replyErrors(longCaption)).toEqual({ caption: [FILE_MESSAGES.caption] });

  expect(await filesOf(id)).toBe(0);
});

test("an added file redirects to the edit page with its notice, for results and needs", async () => {
  const { id, cookie } = await ownResult();
  const added = await send(id, cookie, { bytes: await png(), name: "中试线.png", type: "image/png" }, "中试线");
  expect(pageStatus(added)).toBe(302);
  expect((added as Response).headers.get("Location")).toBe(`/my/results/${id}/edit?file=added#files`);
  const row = await prisma.listingFile.findFirstOrThrow({ where: { resultId: id } });
  expect(row).toMatchObject({ filename: "中试线.png", caption: "中试线", kind: "image" });
  expect(await prisma.auditEvent.count({ where: { entityId: id, action: "file_add" } })).toBe(1);

  const company = await makeCaller("company");
  const need = await call(
    needs.action,
    apiRequest("POST", "/api/v1/needs", {
      token: company.token,
      body: { title: "电机磁钢高温退磁", description: "电机在 150℃ 运行后磁力下降。", field: "rare_earth" },
    }),
  );
  expect(need.status).toBe(201);
  const needId = need.body.id as string;
  const pdf = new TextEncoder().encode(
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  );
  const addedToNeed = await runPage(
    editNeed.action,
    uploadPost("needs", needId, await cookieFor(company.user.id), { bytes: pdf, name: "图纸.pdf" }),
    { id: needId },
  );
  expect((addedToNeed as Response).headers.get("Location")).toBe(`/my/needs/${needId}/edit?file=added#files`);
  expect(await prisma.listingFile.count({ where: { needId } })).toBe(1);
});

test("another organization and anonymous callers are refused before the file is read", async () => {
  const { id } = await ownResult();
  const other = await makeCaller("researcher");
  const file = { bytes: await png(), name: "a.png" };
  expect([403, 404]).toContain(pageStatus(await send(id, await cookieFor(other.user.id), file)));
  const anonymous = await send(id, null, file);
  expect(pageStatus(anonymous)).toBe(302);
  expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);
  expect(await filesOf(id)).toBe(0);
});
