// GB/T 2260 region codes. Every code of the national table is valid (app/domain/gbt2260.server.ts);
// the market's own labels (with English names) are Ganzhou's 18 county-level divisions, the
// Greater Bay Area cities and the provinces below. Statistics keep county detail for Jiangxi and
// the Bay Area and roll everywhere else up to its province (statRegion).
//
// Client-safe: the national table stays on the server (decision 0030). `#region-table` is the
// table on the server and a shape check in the browser (package.json "imports"); the names of
// other codes come from app/domain/regions.server.ts, through loaders (regionNamesOf).
import { isNationalRegionCode } from "#region-table";

export const GANZHOU_CITY_CODE = "360700";

export const GANZHOU_COUNTIES: Record<string, { zh: string; en: string }> = {
  "360702": { zh: "章贡区", en: "Zhanggong" },
  "360703": { zh: "南康区", en: "Nankang" },
  "360704": { zh: "赣县区", en: "Ganxian" },
  "360722": { zh: "信丰县", en: "Xinfeng" },
  "360723": { zh: "大余县", en: "Dayu" },
  "360724": { zh: "上犹县", en: "Shangyou" },
  "360725": { zh: "崇义县", en: "Chongyi" },
  "360726": { zh: "安远县", en: "Anyuan" },
  "360728": { zh: "定南县", en: "Dingnan" },
  "360729": { zh: "全南县", en: "Quannan" },
  "360730": { zh: "宁都县", en: "Ningdu" },
  "360731": { zh: "于都县", en: "Yudu" },
  "360732": { zh: "兴国县", en: "Xingguo" },
  "360733": { zh: "会昌县", en: "Huichang" },
  "360734": { zh: "寻乌县", en: "Xunwu" },
  "360735": { zh: "石城县", en: "Shicheng" },
  "360781": { zh: "瑞金市", en: "Ruijin" },
  "360783": { zh: "龙南市", en: "Longnan" },
};

export const BAY_AREA_CITIES: Record<string, { zh: string; en: string }> = {
  "440100": { zh: "广州市", en: "Guangzhou" },
  "440300": { zh: "深圳市", en: "Shenzhen" },
  "440400": { zh: "珠海市", en: "Zhuhai" },
  "440600": { zh: "佛山市", en: "Foshan" },
  "440700": { zh: "江门市", en: "Jiangmen" },
  "441200": { zh: "肇庆市", en: "Zhaoqing" },
  "441300": { zh: "惠州市", en: "Huizhou" },
  "441900": { zh: "东莞市", en: "Dongguan" },
  "442000": { zh: "中山市", en: "Zhongshan" },
  "810000": { zh: "香港特别行政区", en: "Hong Kong" },
  "820000": { zh: "澳门特别行政区", en: "Macao" },
};

export const OTHER_REGIONS: Record<string, { zh: string; en: string }> = {
  "360700": { zh: "赣州市（市本级）", en: "Ganzhou (city)" },
  "360100": { zh: "南昌市", en: "Nanchang" },
  "360000": { zh: "江西省（其他）", en: "Jiangxi (other)" },
  "110000": { zh: "北京市", en: "Beijing" },
  "310000": { zh: "上海市", en: "Shanghai" },
  "320000": { zh: "江苏省", en: "Jiangsu" },
  "330000": { zh: "浙江省", en: "Zhejiang" },
  "350000": { zh: "福建省", en: "Fujian" },
  "420000": { zh: "湖北省", en: "Hubei" },
  "430000": { zh: "湖南省", en: "Hunan" },
  "440000": { zh: "广东省（其他）", en: "Guangdong (other)" },
  "510000": { zh: "四川省", en: "Sichuan" },
  "610000": { zh: "陕西省", en: "Shaanxi" },
};

/**
 * English names of every province-level division (the national table has Chinese names only), so
 * the first level of the region picker reads in English; lower levels stay in their official
 * Chinese names.
 */
export const PROVINCE_NAMES_EN: Record<string, string> = {
  "110000": "Beijing",
  "120000": "Tianjin",
  "130000": "Hebei",
  "140000": "Shanxi",
  "150000": "Inner Mongolia",
  "210000": "Liaoning",
  "220000": "Jilin",
  "230000": "Heilongjiang",
  "310000": "Shanghai",
  "320000": "Jiangsu",
  "330000": "Zhejiang",
  "340000": "Anhui",
  "350000": "Fujian",
  "360000": "Jiangxi",
  "370000": "Shandong",
  "410000": "Henan",
  "420000": "Hubei",
  "430000": "Hunan",
  "440000": "Guangdong",
  "450000": "Guangxi",
  "460000": "Hainan",
  "500000": "Chongqing",
  "510000": "Sichuan",
  "520000": "Guizhou",
  "530000": "Yunnan",
  "540000": "Tibet",
  "610000": "Shaanxi",
  "620000": "Gansu",
  "630000": "Qinghai",
  "640000": "Ningxia",
  "650000": "Xinjiang",
  "710000": "Taiwan",
  "810000": "Hong Kong",
  "820000": "Macao",
};

/**
 * A region's English name, if it has one: the market's own label, else the province's; null for
 * the national table's cities and counties, which are named in Chinese only.
 */
export function regionNameEn(code: string): string | null {
  return REGIONS[code]?.en ?? PROVINCE_NAMES_EN[code] ?? null;
}

export const REGIONS: Record<string, { zh: string; en: string }> = {
  ...GANZHOU_COUNTIES,
  ...BAY_AREA_CITIES,
  ...OTHER_REGIONS,
};

// Functional zones have no code of their own; an organization in one still has its county code.
export const ZONES = ["gz_etdz", "gz_htdz", "rongjiang", "longnan_etdz"] as const;
export type Zone = (typeof ZONES)[number];
export const ZONE_NAMES: Record<Zone, { zh: string; en: string }> = {
  gz_etdz: { zh: "赣州经济技术开发区", en: "Ganzhou ETDZ" },
  gz_htdz: { zh: "赣州高新技术产业开发区", en: "Ganzhou High-tech Zone" },
  rongjiang: { zh: "蓉江新区", en: "Rongjiang New Area" },
  longnan_etdz: { zh: "龙南经济技术开发区", en: "Longnan ETDZ" },
};

export function isGanzhou(code: string) {
  return code === GANZHOU_CITY_CODE || code in GANZHOU_COUNTIES;
}

// The nine Guangdong cities of the Greater Bay Area (with their districts), Hong Kong and Macao.
export const BAY_AREA_PREFIXES = ["4401", "4403", "4404", "4406", "4407", "4412", "4413", "4419", "4420", "81", "82"];
export function isBayArea(code: string) {
  return /^\d{6}$/.test(code) && BAY_AREA_PREFIXES.some((p) => code.startsWith(p));
}

/** A valid six-digit GB/T 2260 code: the market's own list or the national table. */
export function isKnownRegion(code: string) {
  return code in REGIONS || isNationalRegionCode(code);
}

/** The province-level code of a region: 110108 → 110000. */
export function provinceOf(code: string) {
  return `${code.slice(0, 2)}0000`;
}

/**
 * The key a region is counted under in the statistics: its own code in Jiangxi and the Bay Area
 * (county detail), its province elsewhere. The same rule is the SQL function stat_region() that
 * the statistics rollup uses (prisma/migrations/…_national_regions).
 */
export function statRegion(code: string) {
  return code.startsWith("36") || isBayArea(code) ? code : provinceOf(code);
}

/** true when a statistics key stands for several codes (a province rolled up), not one region. */
export function isRolledUpRegion(key: string) {
  return /^\d{2}0000$/.test(key) && statRegion(key) === key && !key.startsWith("36") && !isBayArea(key);
}

/** Names of codes outside the market's own list, as a loader gives them (regionNamesOf). */
export type RegionNames = Record<string, string>;

/**
 * A region's name for display: the market's own label in the reader's language (provinces have
 * an English name too), else the name the loader sent (national names are Chinese only), else the
 * code. The same on the server and
 * in the browser, so hydration never sees two different texts.
 */
export function regionName(code: string, locale = "zh-CN", names?: RegionNames) {
  const r = REGIONS[code];
  if (r) return locale.startsWith("en") ? r.en : r.zh;
  if (locale.startsWith("en") && PROVINCE_NAMES_EN[code]) return PROVINCE_NAMES_EN[code];
  return names?.[code] ?? code;
}
