// Request body limits, enforced while the body streams in (docs/decisions/0012-body-limits.md):
// a declared Content-Length over the limit is refused before anything is read; a chunked body is
// counted as it arrives and cut off at the limit. Either way the answer is an immediate 413 and the
// connection is closed, so the rest is never read. The first class whose `match` fits applies.
import type express from "express";
import { uploadBodyLimit } from "../files/limits.ts";
import { sendError } from "./error-pages.ts";

const FILE_UPLOAD_PATH = /^\/api\/v1\/(results|needs)\/[^/]+\/files\/?$/;
// the edit page takes the upload form's multipart POST (with JavaScript at its `.data` address)
const EDIT_PAGE_PATH = /^\/my\/(results|needs)\/[^/]+\/edit(\.data)?\/?$/;
const isMultipart = (req: express.Request) => (req.headers["content-type"] ?? "").startsWith("multipart/form-data");

const MB = 1024 * 1024;

export type BodyClass = { name: string; bytes: number; match: (path: string, req: express.Request) => boolean };

export const BODY_CLASSES: BodyClass[] = [
  // CSV/XLSX files of past years' contracts (the page takes a 20 MB file, plus the form around it)
  {
    name: "contract-import",
    bytes: 21 * MB,
    match: (p) => p === "/bureau/import" || p === "/bureau/import.data" || p === "/api/v1/contracts/import",
  },
  // a listing's file (FILE_MAX_BYTES, 10 MiB by default) in a multipart body, by the API or the edit page
  {
    name: "listing-file",
    get bytes() {
      return uploadBodyLimit();
    },
    match: (p, req) =>
      req.method === "POST" && (FILE_UPLOAD_PATH.test(p) || (EDIT_PAGE_PATH.test(p) && isMultipart(req))),
  },
  { name: "json-api", bytes: 1 * MB, match: (p) => p.startsWith("/api/") },
  { name: "page-form", bytes: 1 * MB, match: () => true },
];

export function bodyLimitFor(path: string, req: express.Request): BodyClass {
  return BODY_CLASSES.find((c) => c.match(path, req)) ?? BODY_CLASSES[BODY_CLASSES.length - 1]!;
}

/** How long a refused body is still read (and dropped) so the client sees the 413 before the close. */
const LINGER_MS = 500;

function refuse(req: express.Request, res: express.Response, limit: BodyClass) {
  res.setHeader("Connection", "close");
  res.once("finish", () => {
    // Closing with unread data makes the kernel reset the connection, and the client may lose the
    // answer: drop what arrives for a moment, then close whatever is left.
    req.removeAllListeners("data");
    req.resume();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
  sendError(req, res, 413, { bytes: limit.bytes });
}

export function bodyLimits(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const limit = bodyLimitFor(req.path, req);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit.bytes) return refuse(req, res, limit);
    if (declared !== undefined && !req.headers["transfer-encoding"]) return next(); // Node enforces the declared length
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit.bytes) {
        req.off("data", count);
        if (!res.headersSent) refuse(req, res, limit);
        else req.socket.destroy();
      }
    };
    // Counting beside the app's own reader: both get each chunk. Paused until the app starts
    // reading, so nothing flows before it listens.
    req.on("data", count);
    req.pause();
    next();
  };
}
