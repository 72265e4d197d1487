// The list/search state of results and needs, read from URL search parameters. The API uses
// fen for money (`priceMinFen`), the pages use 万元 (`priceMin`), everything else is shared, so a
// page URL and an API URL for the same search look alike. Client-safe.
import {
  FIELDS,
  LISTING_STATUSES,
  MATURITIES,
  ORG_KINDS,
  TRANSFER_MODES,
  type ListingStatus,
} from "../domain/catalog.ts";
import { parseMoneyToFen } from "../domain/money.ts";
import { BAY_AREA_CITIES, GANZHOU_CITY_CODE, GANZHOU_COUNTIES, isKnownRegion } from "../domain/regions.ts";

export const SORTS = ["relevance", "newest", "price_asc", "price_desc"] as const;
export type Sort = (typeof SORTS)[number];

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longer queries are cut here (the engine bounds its own work too). */
export const MAX_QUERY_LENGTH = 200;

/** Region filter shortcuts: every Ganzhou code, every Bay Area city. */
export const REGION_GROUPS = {
  ganzhou: [GANZHOU_CITY_CODE, ...Object.keys(GANZHOU_COUNTIES)],
  bay_area: Object.keys(BAY_AREA_CITIES),
} as const;

export type ListingQuery = {
  q: string;
  field: string[];
  maturity: string[];
  regionCode: string[];
  transferMode: string[];
  orgKind: string[];
  priceMinFen?: number;
  priceMaxFen?: number;
  sort?: Sort;
  page: number;
  pageSize: number;
  mine: boolean;
  status: ListingStatus[];
  organizationId?: string;
};

export type ParsedQuery = { ok: true; query: ListingQuery } | { ok: false; fields: Record<string, string> };

function values(params: URLSearchParams, name: string) {
  return params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function checkEnum(
  params: URLSearchParams,
  name: string,
  allowed: readonly string[],
  fields: Record<string, string>,
  zh: string,
) {
  const list = [...new Set(values(params, name))];
  const bad = list.find((v) => !allowed.includes(v));
  if (bad) {
    fields[name] =
      `未知的${zh}“${bad.slice(0, 40)}”，可选值：${allowed.join(", ")} / Unknown ${name} "${bad.slice(0, 40)}"; allowed: ${allowed.join(", ")}`;
    return [];
  }
  return list;
}

function intParam(
  params: URLSearchParams,
  name: string,
  fields: Record<string, string>,
  opts: { min: number; max?: number },
) {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    fields[name] = `${name} 应为整数 / ${name} must be a whole number`;
    return undefined;
  }
  if (n < opts.min) {
    fields[name] = `${name} 不能小于 ${opts.min} / ${name} must be at least ${opts.min}`;
    return undefined;
  }
  if (opts.max !== undefined && n > opts.max) {
    fields[name] = `${name} 不能大于 ${opts.max} / ${name} must be at most ${opts.max}`;
    return undefined;
  }
  return n;
}

function wanParam(params: URLSearchParams, name: string, fields: Record<string, string>) {
  const raw = params.get(name)?.trim();
  if (!raw) return undefined;
  const parsed = parseMoneyToFen(raw, "wan");
  if (!parsed.ok) {
    fields[name] = `${name} 应为以万元为单位的数字 / ${name} must be a number in units of ¥10,000`;
    return undefined;
  }
  return parsed.fen;
}

/**
 * Reads and validates the list parameters. `money` says whether price bounds come in fen (API:
 * priceMinFen/priceMaxFen) or 万元 (pages: priceMin/priceMax).
 */
export function parseListingQuery(params: URLSearchParams, money: "fen" | "wan" = "fen"): ParsedQuery {
  const fields: Record<string, string> = {};
  const q = (params.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  const field = checkEnum(params, "field", FIELDS, fields, "技术领域");
  const maturity = checkEnum(params, "maturity", MATURITIES, fields, "成熟度");
  const transferMode = checkEnum(params, "transferMode", TRANSFER_MODES, fields, "转化/合作方式");
  const orgKind = checkEnum(params, "orgKind", ORG_KINDS, fields, "机构类型");
  const status = checkEnum(params, "status", LISTING_STATUSES, fields, "状态") as ListingStatus[];

  const regionCode: string[] = [];
  for (const code of values(params, "regionCode")) {
    if (code in REGION_GROUPS) regionCode.push(...REGION_GROUPS[code as keyof typeof REGION_GROUPS]);
    else if (/^\d{6}$/.test(code) && isKnownRegion(code)) regionCode.push(code);
    else {
      fields.regionCode = `未知的地区代码“${code.slice(0, 20)}” / Unknown regionCode "${code.slice(0, 20)}" (six-digit GB/T 2260 code, "ganzhou" or "bay_area")`;
    }
  }

  const priceMinFen =
    money === "fen" ? intParam(params, "priceMinFen", fields, { min: 0 }) : wanParam(params, "priceMin", fields);
  const priceMaxFen =
    money === "fen" ? intParam(params, "priceMaxFen", fields, { min: 0 }) : wanParam(params, "priceMax", fields);
  if (priceMinFen !== undefined && priceMaxFen !== undefined && priceMinFen > priceMaxFen) {
    fields[money === "fen" ? "priceMaxFen" : "priceMax"] =
      "最高价格不能低于最低价格 / The maximum must not be below the minimum";
  }

  const sortRaw = params.get("sort")?.trim();
  let sort: Sort | undefined;
  if (sortRaw) {
    if ((SORTS as readonly string[]).includes(sortRaw)) sort = sortRaw as Sort;
    else
      fields.sort = `未知的排序方式“${sortRaw.slice(0, 20)}”，可选值：${SORTS.join(", ")} / Unknown sort; allowed: ${SORTS.join(", ")}`;
  }

  const page = intParam(params, "page", fields, { min: 1 }) ?? 1;
  const pageSize = intParam(params, "pageSize", fields, { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
  const mineRaw = params.get("mine");
  const mine = mineRaw === "1" || mineRaw === "true";
  const organizationId = params.get("organizationId")?.trim() || undefined;
  if (organizationId && organizationId.length > 40)
    fields.organizationId = "organizationId 无效 / invalid organizationId";

  if (Object.keys(fields).length) return { ok: false, fields };
  return {
    ok: true,
    query: {
      q,
      field,
      maturity,
      regionCode: [...new Set(regionCode)],
      transferMode,
      orgKind,
      priceMinFen,
      priceMaxFen,
      sort,
      page,
      pageSize,
      mine,
      status,
      organizationId,
    },
  };
}
