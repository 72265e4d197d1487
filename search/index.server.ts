// The one search interface of the app (issue #3). Listing pages and GET /api/v1/results|needs call
// searchListings(), then load the rows by id in the returned order and serialise them.
import { Prisma } from "../app/generated/prisma/client.ts";
import { prisma } from "../app/db/db.server.ts";
import { highlightText, snippet } from "./highlight.ts";
import { queryTerms } from "./normalize.ts";

export type ListingKind = "result" | "need";
export type ListingStatusCode = "draft" | "pending_review" | "published" | "rejected" | "withdrawn";
export type SearchFilters = {
  field?: string[];
  maturity?: string[];
  regionCode?: string[];
  transferMode?: string[];
  priceMinFen?: number;
  priceMaxFen?: number;
  orgKind?: string[];
  organizationId?: string;
};
export type SearchSort = "relevance" | "newest" | "price_asc" | "price_desc";
export type SearchParams = {
  kind: ListingKind;
  q?: string;
  filters?: SearchFilters;
  /** default ["published"] */
  statuses?: ListingStatusCode[];
  sort?: SearchSort;
  page: number;
  pageSize: number;
  facets?: boolean;
};
export type SearchResponse = {
  ids: string[];
  total: number;
  /** HTML-safe: everything escaped, matched terms wrapped in <mark>…</mark> */
  highlights: Record<string, { title?: string; snippet?: string }>;
  facets?: Record<string, Record<string, number>>;
  tookMs: number;
};

// First implementation: substring matching (ILIKE) over title, keywords and body, every term
// required, title hits ranked first. Replaced by the indexed engine in search/pg-engine.server.ts.
export async function searchListings(params: SearchParams): Promise<SearchResponse> {
  const started = performance.now();
  const terms = queryTerms(params.q ?? "");
  const table = params.kind === "result" ? Prisma.raw(`"Result"`) : Prisma.raw(`"Need"`);
  const body = params.kind === "result" ? Prisma.raw(`l.summary`) : Prisma.raw(`(l.description || ' ' || l."targetIndicators")`);
  const where = whereClause(params, terms, body);
  const page = Math.max(1, Math.floor(params.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Math.floor(params.pageSize) || 20));
  const priceCol = params.kind === "result" ? Prisma.raw(`l."priceFen"`) : Prisma.raw(`l."budgetFen"`);
  const sort = params.sort ?? (terms.length ? "relevance" : "newest");
  const titleScore = terms.length
    ? Prisma.join(terms.map((t) => Prisma.sql`(CASE WHEN lower(l.title) LIKE ${likePattern(t)} THEN 2 ELSE 0 END)`), " + ")
    : Prisma.sql`0`;
  const order =
    sort === "price_asc"
      ? Prisma.sql`${priceCol} ASC NULLS LAST, l."publishedAt" DESC NULLS LAST, l."createdAt" DESC`
      : sort === "price_desc"
        ? Prisma.sql`${priceCol} DESC NULLS LAST, l."publishedAt" DESC NULLS LAST, l."createdAt" DESC`
        : sort === "relevance" && terms.length
          ? Prisma.sql`(${titleScore}) DESC, l."publishedAt" DESC NULLS LAST, l."createdAt" DESC`
          : Prisma.sql`l."publishedAt" DESC NULLS LAST, l."createdAt" DESC`;
  const rows = await prisma.$queryRaw<Array<{ id: string; title: string; body: string; total: bigint }>>`
    SELECT l.id, l.title, ${body} AS body, count(*) OVER () AS total
    FROM ${table} l JOIN "Organization" o ON o.id = l."organizationId"
    WHERE ${where}
    ORDER BY ${order}, l.id
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && page > 1) {
    const c = await prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM ${table} l JOIN "Organization" o ON o.id = l."organizationId" WHERE ${where}`;
    total = Number(c[0]?.n ?? 0);
  }
  const highlights: SearchResponse["highlights"] = {};
  if (terms.length) for (const r of rows) highlights[r.id] = { title: highlightText(r.title, terms), snippet: snippet(r.body, terms) };
  return { ids: rows.map((r) => r.id), total, highlights, tookMs: performance.now() - started };
}

function likePattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereClause(params: SearchParams, terms: string[], body: Prisma.Sql) {
  const f = params.filters ?? {};
  const parts: Prisma.Sql[] = [];
  const statuses = params.statuses?.length ? params.statuses : ["published"];
  parts.push(Prisma.sql`l.status::text IN (${Prisma.join(statuses)})`);
  for (const t of terms) {
    const p = likePattern(t);
    parts.push(Prisma.sql`(lower(normalize(l.title, NFKC)) LIKE ${p} OR lower(normalize(${body}, NFKC)) LIKE ${p} OR lower(normalize(array_to_string(l.keywords, ' '), NFKC)) LIKE ${p})`);
  }
  if (f.field?.length) parts.push(Prisma.sql`l.field IN (${Prisma.join(f.field)})`);
  if (f.regionCode?.length) parts.push(Prisma.sql`o."regionCode" IN (${Prisma.join(f.regionCode)})`);
  if (f.orgKind?.length) parts.push(Prisma.sql`o.kind::text IN (${Prisma.join(f.orgKind)})`);
  if (f.organizationId) parts.push(Prisma.sql`l."organizationId" = ${f.organizationId}`);
  if (params.kind === "result") {
    if (f.maturity?.length) parts.push(Prisma.sql`l.maturity IN (${Prisma.join(f.maturity)})`);
    if (f.transferMode?.length) parts.push(Prisma.sql`l."transferModes" && ${f.transferMode}::text[]`);
    if (f.priceMinFen !== undefined) parts.push(Prisma.sql`l."priceFen" >= ${BigInt(Math.floor(f.priceMinFen))}`);
    if (f.priceMaxFen !== undefined) parts.push(Prisma.sql`l."priceFen" <= ${BigInt(Math.floor(f.priceMaxFen))}`);
  } else {
    if (f.transferMode?.length) parts.push(Prisma.sql`l."cooperationMode" IN (${Prisma.join(f.transferMode)})`);
    if (f.priceMinFen !== undefined) parts.push(Prisma.sql`l."budgetFen" >= ${BigInt(Math.floor(f.priceMinFen))}`);
    if (f.priceMaxFen !== undefined) parts.push(Prisma.sql`l."budgetFen" <= ${BigInt(Math.floor(f.priceMaxFen))}`);
  }
  return Prisma.join(parts, " AND ");
}
