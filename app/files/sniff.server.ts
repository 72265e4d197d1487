// What an uploaded file is, judged by its first bytes only: the name's extension and the client's
// Content-Type are never trusted (docs/decisions/0022-listing-files.md). The allow-list is short on
// purpose: pictures a browser shows safely once re-encoded (JPEG, PNG, WebP), PDF, and the Office
// Open XML documents people send as specifications (DOCX, XLSX) without macros. Everything else —
// SVG and HTML (script in the site's origin), legacy .doc/.xls (macros), executables — is refused.

export type FileKind = "image" | "document";

export type Sniffed = { kind: FileKind; mimeType: string; ext: string };

export const ALLOWED_TYPES: Sniffed[] = [
  { kind: "image", mimeType: "image/jpeg", ext: "jpg" },
  { kind: "image", mimeType: "image/png", ext: "png" },
  { kind: "image", mimeType: "image/webp", ext: "webp" },
  { kind: "document", mimeType: "application/pdf", ext: "pdf" },
  {
    kind: "document",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext: "docx",
  },
  { kind: "document", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" },
];

const byExt = (ext: string) => ALLOWED_TYPES.find((t) => t.ext === ext)!;

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The names of the entries of a ZIP file, read from its local file headers. */
function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 30 <= bytes.length && names.length < 2000;) {
    if (view.getUint32(i, true) !== 0x04034b50) break;
    const flags = view.getUint16(i + 6, true);
    const compressed = view.getUint32(i + 18, true);
    const nameLength = view.getUint16(i + 26, true);
    const extraLength = view.getUint16(i + 28, true);
    names.push(new TextDecoder().decode(bytes.subarray(i + 30, i + 30 + nameLength)));
    // sizes come after the data (bit 3): scan on for the next local header instead
    if (flags & 0x08) {
      let next = i + 30 + nameLength + extraLength;
      while (next + 4 <= bytes.length && view.getUint32(next, true) !== 0x04034b50) next++;
      i = next;
    } else {
      i += 30 + nameLength + extraLength + compressed;
    }
  }
  return names;
}

function officeType(bytes: Uint8Array): Sniffed | null {
  const names = zipEntryNames(bytes);
  if (!names.includes("[Content_Types].xml")) return null;
  // macro-enabled documents (.docm/.xlsm renamed) carry a VBA project: refused
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) return null;
  if (names.some((n) => n.startsWith("word/"))) return byExt("docx");
  if (names.some((n) => n.startsWith("xl/"))) return byExt("xlsx");
  return null;
}

/** The allowed type these bytes are, or null (refused). */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return byExt("jpg");
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return byExt("png");
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return byExt("webp");
  if (startsWith(bytes, ascii("%PDF-"))) return byExt("pdf");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeType(bytes);
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment, no
 * control or quoting characters, at most 120 characters, ending in the extension of what the
 * content really is (a "photo.jpg" that is a PNG is sent as "photo.png").
 */
export function safeFilename(name: string, ext: string) {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?;]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,8}$/, "").replace(/^\.+/, "");
  const cut = Array.from(stem).slice(0, 110).join("").trim();
  return `${cut || "file"}.${ext}`;
}
