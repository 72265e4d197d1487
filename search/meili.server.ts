// The Meilisearch engine, used when MEILI_HOST (and MEILI_API_KEY) are set. Same
// contract as the embedded engine (search/index.server.ts); no Meilisearch server can run on the
// development machines, so this is exercised by the behaviour tests only where one is reachable
// (search/meili.test.ts says so when skipped).
//
// - Settings: searchable title > keywords > body, filterable/sortable attributes, Chinese
//   segmentation (localizedAttributes cmn), the thesaurus as synonyms and as a dictionary.
// - Sync: the triggers on Result/Need/Organization write listing ids to SearchOutbox in the
//   listing's own transaction while the engine is enabled (AppSetting 'search.meili' = true);
//   drainSearchOutbox() (a background job) pushes them with retries and exponential backoff, so
//   changes survive restarts and Meilisearch being down. Enabling the engine on a database that
//   was not synced runs a full reindex first.
// - Reads fall back to the embedded engine when Meilisearch cannot be reached.
import { Meilisearch, type Settings } from "meilisearch";
import { prisma } from "../app/db/db.server.ts";
import type { SearchParams, SearchResponse, Suggestion } from "./types.ts";
import { escapeHtml } from "./highlight.ts";
import { normalizeText } from "./normalize.ts";
import { pgSearch, pgSuggest } from "./pg-engine.server.ts";
import { thesaurus } from "./thesaurus.ts";
import { getEnv } from "../app/env.server.ts";

export type MeiliDocument = {
  id: string;
  kind: "result" | "need";
  status: string;
  title: string;
  keywords: string[];
  body: string;
  field: string;
  maturity: string | null;
  regionCode: string;
  /** "36", "3607", "360702": a city or province code filter covers its subdivisions */
  regionPrefixes: string[];
  orgKind: string;
  organizationId: string;
  modes: string[];
  priceFen: number | null;
  publishedAt: number | null;
  createdAt: number;
  /** publishedAt, or createdAt for listings never published: the "newest" order */
  recency: number;
};

export function meiliConfigured() {
  return Boolean(getEnv().MEILI_HOST);
}

const prefix = () => getEnv().MEILI_INDEX_PREFIX;
export const indexUid = (kind: "result" | "need", suffix = "") =>
  `${prefix()}${kind === "result" ? "results" : "needs"}${suffix}`;

let client: Meilisearch | undefined;
export function meiliClient(): Meilisearch {
  const host = getEnv().MEILI_HOST;
  if (!host) throw new Error("MEILI_HOST is not set");
  client ??= new Meilisearch({
    host,
    apiKey: getEnv().MEILI_API_KEY,
    timeout: getEnv().MEILI_TIMEOUT_MS,
    // settings and large document batches take longer than the client's 5 s default
    defaultWaitOptions: { timeout: 120_000, interval: 100 },
  });
  return client;
}

export function meiliSettings(): Settings {
  const th = thesaurus();
  return {
    searchableAttributes: ["title", "keywords", "body"],
    filterableAttributes: [
      "status",
      "field",
      "maturity",
      "regionCode",
      "regionPrefixes",
      "orgKind",
      "organizationId",
      "modes",
      "priceFen",
    ],
    sortableAttributes: ["recency", "publishedAt", "createdAt", "priceFen"],
    displayedAttributes: ["id", "title", "body"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "recency:desc"],
    localizedAttributes: [{ attributePatterns: ["title", "keywords", "body"], locales: ["cmn"] }],
    synonyms: th.synonymMap(),
    dictionary: th.dictionaryWords(),
    typoTolerance: { enabled: true, disableOnNumbers: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 1_000_000 },
    faceting: { maxValuesPerFacet: 200 },
  };
}

/** Creates both indexes if needed and applies the settings (waits for the tasks). */
export async function ensureMeiliIndexes(suffix = "") {
  const c = meiliClient();
  for (const kind of ["result", "need"] as const) {
    const uid = indexUid(kind, suffix);
    try {
      await c.getRawIndex(uid);
    } catch {
      await c.createIndex(uid, { primaryKey: "id" }).waitTask();
    }
    await c.index(uid).updateSettings(meiliSettings()).waitTask({ timeout: 300_000 });
  }
}

function toEpoch(d: Date | null) {
  return d ? d.getTime() : null;
}

export function regionPrefixes(code: string) {
  return code ? [code.slice(0, 2), code.slice(0, 4), code] : [];
}

/** The current documents of these listings; ids without a row are returned as `missing`. */
export async function loadMeiliDocuments(kind: "result" | "need", ids: string[]) {
  const docs: MeiliDocument[] = [];
  if (kind === "result") {
    const rows = await prisma.result.findMany({
      where: { id: { in: ids } },
      include: { organization: { select: { regionCode: true, kind: true } } },
    });
    for (const r of rows) {
      docs.push({
        id: r.id,
        kind,
        status: r.status,
        title: r.title,
        keywords: r.keywords ?? [],
        body: [r.summary, r.ipDescription, (r.patentNumbers ?? []).join(" ")].filter(Boolean).join("\n"),
        field: r.field,
        maturity: r.maturity,
        regionCode: r.organization.regionCode,
        regionPrefixes: regionPrefixes(r.organization.regionCode),
        orgKind: r.organization.kind,
        organizationId: r.organizationId,
        modes: r.transferModes ?? [],
        priceFen: r.priceFen === null ? null : Number(r.priceFen),
        publishedAt: toEpoch(r.publishedAt),
        createdAt: r.createdAt.getTime(),
        recency: (r.publishedAt ?? r.createdAt).getTime(),
      });
    }
  } else {
    const rows = await prisma.need.findMany({
      where: { id: { in: ids } },
      include: { organization: { select: { regionCode: true, kind: true } } },
    });
    for (const n of rows) {
      docs.push({
        id: n.id,
        kind,
        status: n.status,
        title: n.title,
        keywords: n.keywords ?? [],
        body: [n.description, n.targetIndicators].filter(Boolean).join("\n"),
        field: n.field,
        maturity: null,
        regionCode: n.organization.regionCode,
        regionPrefixes: regionPrefixes(n.organization.regionCode),
        orgKind: n.organization.kind,
        organizationId: n.organizationId,
        modes: n.cooperationMode ? [n.cooperationMode] : [],
        priceFen: n.budgetFen === null ? null : Number(n.budgetFen),
        publishedAt: toEpoch(n.publishedAt),
        createdAt: n.createdAt.getTime(),
        recency: (n.publishedAt ?? n.createdAt).getTime(),
      });
    }
  }
  const found = new Set(docs.map((d) => d.id));
  return { docs, missing: ids.filter((id) => !found.has(id)) };
}

// ---------------------------------------------------------------- search

/** A Meilisearch filter string value: always quoted, quotes and backslashes escaped. */
export function quote(v: string) {
  return `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
const inList = (attr: string, values: string[]) => `${attr} IN [${values.slice(0, 50).map(quote).join(", ")}]`;

type Dim = "field" | "maturity" | "regionCode" | "orgKind" | "transferMode";

export function meiliFilters(params: SearchParams) {
  const f = params.filters ?? {};
  const statuses = params.statuses?.length ? params.statuses : ["published"];
  const base: string[] = [inList("status", statuses)];
  const dims: Partial<Record<Dim, string>> = {};
  if (f.field?.length) dims.field = inList("field", f.field);
  if (f.maturity?.length && params.kind === "result") dims.maturity = inList("maturity", f.maturity);
  if (f.regionCode?.length) {
    const prefixes = f.regionCode.map((c) =>
      /^\d{2}0000$/.test(c) ? c.slice(0, 2) : /^\d{4}00$/.test(c) ? c.slice(0, 4) : c,
    );
    dims.regionCode = inList("regionPrefixes", prefixes);
  }
  if (f.orgKind?.length) dims.orgKind = inList("orgKind", f.orgKind);
  if (f.transferMode?.length) dims.transferMode = inList("modes", f.transferMode);
  if (typeof f.priceMinFen === "number" && Number.isFinite(f.priceMinFen))
    base.push(`priceFen >= ${Math.trunc(f.priceMinFen)}`);
  if (typeof f.priceMaxFen === "number" && Number.isFinite(f.priceMaxFen))
    base.push(`priceFen <= ${Math.trunc(f.priceMaxFen)}`);
  if (f.organizationId) base.push(`organizationId = ${quote(f.organizationId)}`);
  return { base, dims };
}

const PRE = "\uE000";
const POST = "\uE001";
/** Meilisearch's formatted text with our sentinels → escaped HTML with <mark>. */
export function formattedToHtml(text: string | undefined) {
  if (!text) return "";
  return escapeHtml(text).replaceAll(PRE, "<mark>").replaceAll(POST, "</mark>");
}

function sortOf(params: SearchParams, hasQuery: boolean) {
  const sort = params.sort && params.sort !== "relevance" ? params.sort : hasQuery ? "relevance" : "newest";
  if (sort === "newest") return ["recency:desc", "createdAt:desc"];
  if (sort === "price_asc") return ["priceFen:asc", "recency:desc"];
  if (sort === "price_desc") return ["priceFen:desc", "recency:desc"];
  return undefined;
}

const FACET_ATTR: Record<Dim, string> = {
  field: "field",
  maturity: "maturity",
  regionCode: "regionCode",
  orgKind: "orgKind",
  transferMode: "modes",
};

let lastFallbackLog = 0;
function fallback(error: unknown) {
  if (Date.now() - lastFallbackLog > 60_000) {
    lastFallbackLog = Date.now();
    console.error(`Meilisearch unreachable, serving from the embedded engine: ${String(error)}`);
  }
}

export async function meiliSearch(params: SearchParams): Promise<SearchResponse> {
  const started = performance.now();
  const q = normalizeText(String(params.q ?? "").slice(0, 2_000))
    .replace(/\s+/g, " ")
    .trim();
  const hasQuery = /[\p{L}\p{N}]/u.test(q);
  if (q && !hasQuery) {
    return {
      ids: [],
      total: 0,
      highlights: {},
      ...(params.facets ? { facets: {} } : {}),
      tookMs: performance.now() - started,
    };
  }
  const pageSize = Math.min(100, Math.max(1, Math.floor(Number(params.pageSize)) || 20));
  const page = Math.min(1_000_000, Math.max(1, Math.floor(Number(params.page)) || 1));
  const { base, dims } = meiliFilters(params);
  const uid = indexUid(params.kind);
  const dimNames = (Object.keys(FACET_ATTR) as Dim[]).filter((d) => params.kind === "result" || d !== "maturity");
  const queries = [
    {
      indexUid: uid,
      q: hasQuery ? q : "",
      filter: [...base, ...Object.values(dims)],
      sort: sortOf(params, hasQuery),
      page,
      hitsPerPage: pageSize,
      attributesToRetrieve: ["id"],
      attributesToHighlight: hasQuery ? ["title"] : [],
      attributesToCrop: hasQuery ? ["body"] : [],
      cropLength: 40,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      facets: params.facets ? dimNames.filter((d) => !dims[d]).map((d) => FACET_ATTR[d]) : undefined,
      locales: ["cmn"],
    },
    // disjunctive facets: a dimension with a filter is counted without its own filter
    ...(params.facets
      ? dimNames
          .filter((d) => dims[d])
          .map((d) => ({
            indexUid: uid,
            q: hasQuery ? q : "",
            filter: [
              ...base,
              ...Object.entries(dims)
                .filter(([k]) => k !== d)
                .map(([, v]) => v),
            ],
            hitsPerPage: 0,
            facets: [FACET_ATTR[d]],
            locales: ["cmn"],
          }))
      : []),
  ];
  try {
    const res = (await meiliClient().multiSearch({ queries } as never)) as unknown as {
      results: Array<{
        hits: Array<{ id: string; _formatted?: { title?: string; body?: string } }>;
        totalHits?: number;
        facetDistribution?: Record<string, Record<string, number>>;
      }>;
    };
    const main = res.results[0]!;
    const highlights: SearchResponse["highlights"] = {};
    if (hasQuery) {
      for (const h of main.hits) {
        highlights[h.id] = {
          title: formattedToHtml(h._formatted?.title),
          snippet: formattedToHtml(h._formatted?.body),
        };
      }
    }
    let facets: SearchResponse["facets"];
    if (params.facets) {
      facets = {};
      const back = Object.fromEntries(Object.entries(FACET_ATTR).map(([k, v]) => [v, k]));
      for (const r of res.results) {
        for (const [attr, counts] of Object.entries(r.facetDistribution ?? {})) facets[back[attr] ?? attr] = counts;
      }
      for (const d of dimNames) facets[d] ??= {};
    }
    return {
      ids: main.hits.map((h) => h.id),
      total: main.totalHits ?? 0,
      highlights,
      ...(facets ? { facets } : {}),
      tookMs: performance.now() - started,
    };
  } catch (error) {
    fallback(error);
    return pgSearch(params);
  }
}

export async function meiliSuggest(q: string, limit = 8): Promise<Suggestion[]> {
  const text = normalizeText(q).trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  try {
    const th = thesaurus();
    const compact = text.replace(/\s+/g, "");
    const terms: Suggestion[] = [];
    for (const [form, hits] of th.forms)
      if (form.startsWith(compact) && form !== compact)
        terms.push({ text: th.display(hits[0]!.conceptId, form), kind: "term" });
    terms.sort((a, b) => a.text.length - b.text.length);
    const termPart = terms.slice(0, Math.min(3, limit));
    const per = Math.max(1, Math.ceil((limit - termPart.length) / 2));
    const res = (await meiliClient().multiSearch({
      queries: (["result", "need"] as const).map((kind) => ({
        indexUid: indexUid(kind),
        q: text,
        filter: ['status = "published"'],
        limit: per,
        attributesToRetrieve: ["id", "title", "kind"],
        locales: ["cmn"],
      })),
    } as never)) as unknown as {
      results: Array<{ hits: Array<{ id: string; title: string; kind: "result" | "need" }> }>;
    };
    const listings = res.results.flatMap((r) => r.hits.map((h) => ({ text: h.title, kind: h.kind, id: h.id })));
    return [...termPart, ...listings].slice(0, limit);
  } catch (error) {
    fallback(error);
    return pgSuggest(q, limit);
  }
}

/** True when a Meilisearch server answers at MEILI_HOST. */
export async function meiliReachable() {
  if (!meiliConfigured()) return false;
  try {
    return await meiliClient().isHealthy();
  } catch {
    return false;
  }
}
