// A listing file as the API and the pages show it (client-safe: no server imports).
export type FileJson = {
  id: string;
  listingKind: "result" | "need";
  listingId: string;
  kind: "image" | "document";
  mimeType: string;
  filename: string;
  caption: string;
  bytes: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
  createdAt: string;
};

type Row = {
  id: string;
  resultId: string | null;
  needId: string | null;
  kind: string;
  mimeType: string;
  filename: string;
  caption: string;
  bytes: number;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
  createdAt: Date;
};

export function fileJson(row: Row): FileJson {
  return {
    id: row.id,
    listingKind: row.resultId ? "result" : "need",
    listingId: (row.resultId ?? row.needId)!,
    kind: row.kind === "image" ? "image" : "document",
    mimeType: row.mimeType,
    filename: row.filename,
    caption: row.caption,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    url: `/files/${row.id}`,
    thumbUrl: row.thumbKey ? `/files/${row.id}/thumb` : null,
    createdAt: row.createdAt.toISOString(),
  };
}
