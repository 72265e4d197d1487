// How generateDemoData (generate.ts) draws each part of a record: stable ids, patent numbers,
// credit codes, dates and statuses, rejection notes, sentences, IP, contacts and unique titles.
import { createHash } from "node:crypto";
import type { Maturity } from "../app/domain/catalog.ts";
import type { ListingStatus } from "../app/domain/catalog.ts";
import { type IpKind, type OrganizationDef } from "./data/index.ts";
import { Rng } from "./data/random.ts";
import { type Filler } from "./data/text.ts";
import { type DemoContact, type DemoOrganization } from "./demo-shapes.ts";

export const DAY = 86_400_000;
/** Listings are spread over the last 18 months. */
export const SPREAD_DAYS = 540;

// ------------------------------------------------------------------ small helpers

/** A cuid-shaped id (c + 24 base-36 characters) derived from the key, so ids are stable too. */
export function demoId(seed: number, key: string) {
  const hex = createHash("sha256").update(`gz-demo:${seed}:${key}`).digest("hex");
  return (
    "c" +
    BigInt("0x" + hex.slice(0, 32))
      .toString(36)
      .padStart(25, "0")
      .slice(0, 24)
  );
}

/** Chinese patent application number check character (GB/T 18909 style, weights 2–9). */
export function patentCheckChar(digits12: string) {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits12].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const c = sum % 11;
  return c === 10 ? "X" : String(c);
}

function patentNumber(rng: Rng, type: 1 | 2, minYear = 2016, maxYear = 2024) {
  const year = rng.int(minYear, maxYear);
  const serial = String(type === 1 ? rng.int(10_000, 1_500_000) : rng.int(200_000, 3_500_000)).padStart(7, "0");
  const digits = `${year}${type}${serial}`;
  return `ZL${digits}.${patentCheckChar(digits)}`;
}

const ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export function orgCodeBody(def: OrganizationDef, attempt: number) {
  const rng = new Rng(`orgcode:${def.key}:${attempt}`);
  if (def.creditPrefix === "91" || def.creditPrefix === "93") {
    // post-2015 registrations: MA + region-assigned character + 5 more
    let body = "MA3" + rng.pick(["5", "7", "8", "9"]);
    for (let i = 0; i < 4; i++) body += rng.pick([...ORG_CODE_CHARS]);
    return body;
  }
  const lead = { "11": "0", "12": "4", "52": "5" }[def.creditPrefix];
  let body = lead;
  for (let i = 0; i < 7; i++) body += String(rng.int(0, 9));
  return body;
}

/** A moment `daysAgo` before now, during working hours in Asia/Shanghai (UTC+8). */
export function workingTime(now: Date, daysAgo: number, rng: Rng) {
  const midnightShanghai = Math.floor((now.getTime() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
  const minutes = rng.int(9 * 60, 17 * 60 + 30);
  const t = midnightShanghai - daysAgo * DAY + minutes * 60_000 + rng.int(0, 59_999);
  return new Date(Math.min(t, now.getTime() - 60_000));
}

export function dateOnly(d: Date) {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function maxDate(...dates: Array<Date | null>) {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
}

export function roundWan(wan: number) {
  if (wan >= 100) return Math.round(wan / 10) * 10;
  if (wan >= 20) return Math.round(wan / 5) * 5;
  return Math.max(1, Math.round(wan));
}

/** Most listings are published; the rest are spread over the other states in fixed proportions. */
export function listingStatus(rng: Rng, first: boolean, published = 0.83): ListingStatus {
  if (first) return "published";
  const r = rng.next();
  if (r < published) return "published";
  const rest = (r - published) / (1 - published);
  if (rest < 0.35) return "pending_review";
  if (rest < 0.6) return "draft";
  if (rest < 0.85) return "rejected";
  return "withdrawn";
}

export const RESULT_REJECTIONS = [
  "成果简介未说明主要技术指标与现有技术的对比，请补充后重新提交。",
  "知识产权信息不完整：请填写已授权专利的专利号，或说明以技术秘密形式保护。",
  "成熟度填写为“产业化”，但未提供应用企业或产业化情况说明，请核实。",
  "联系方式缺失或无法核实，请补充成果联系人及联系电话。",
  "成果名称过于笼统，无法体现技术内容，请修改后重新提交。",
];
export const NEED_REJECTIONS = [
  "需求描述过于简单，请补充目前遇到的具体问题和期望达到的技术指标。",
  "需求内容属于产品采购而非技术需求，请修改为需要解决的技术问题。",
  "预算和合作方式未填写完整，请补充后重新提交。",
  "截止日期早于提交日期，请修改。",
];

/** Per-listing dates consistent with its status. */
export function listingDates(rng: Rng, now: Date, status: ListingStatus) {
  let createdAt: Date;
  let submittedAt: Date | null = null;
  let publishedAt: Date | null = null;
  let withdrawnAt: Date | null = null;
  if (status === "draft") {
    createdAt = workingTime(now, rng.int(1, 60), rng);
  } else if (status === "pending_review") {
    const sub = rng.int(0, 20);
    submittedAt = workingTime(now, sub, rng);
    createdAt = workingTime(now, sub + rng.int(0, 10), rng);
  } else if (status === "rejected") {
    const sub = rng.int(5, 200);
    submittedAt = workingTime(now, sub, rng);
    createdAt = workingTime(now, sub + rng.int(0, 7), rng);
  } else {
    // recent months a little denser, as a growing market would be
    const pub = Math.floor(SPREAD_DAYS * Math.pow(rng.next(), 1.25));
    publishedAt = workingTime(now, pub, rng);
    const sub = pub + rng.int(1, 6);
    submittedAt = workingTime(now, sub, rng);
    createdAt = workingTime(now, sub + rng.int(0, 14), rng);
    if (status === "withdrawn") withdrawnAt = workingTime(now, Math.max(0, pub - rng.int(20, Math.max(21, pub))), rng);
  }
  // keep the order created ≤ submitted ≤ published ≤ withdrawn even within one day
  if (submittedAt && submittedAt < createdAt) submittedAt = new Date(createdAt.getTime() + rng.int(10, 240) * 60_000);
  if (publishedAt && submittedAt && publishedAt < submittedAt)
    publishedAt = new Date(submittedAt.getTime() + rng.int(30, 600) * 60_000);
  if (withdrawnAt && publishedAt && withdrawnAt <= publishedAt)
    withdrawnAt = new Date(publishedAt.getTime() + rng.int(1, 30) * DAY);
  for (const d of [submittedAt, publishedAt, withdrawnAt]) {
    if (d && d.getTime() > now.getTime()) d.setTime(now.getTime() - 60_000);
  }
  const reviewedAt =
    status === "rejected" && submittedAt ? new Date(submittedAt.getTime() + rng.int(1, 3) * DAY) : null;
  if (reviewedAt && reviewedAt.getTime() > now.getTime()) reviewedAt.setTime(now.getTime() - 60_000);
  return {
    createdAt,
    submittedAt,
    publishedAt,
    withdrawnAt,
    updatedAt: maxDate(createdAt, submittedAt, publishedAt, withdrawnAt, reviewedAt),
  };
}

export function viewCount(rng: Rng, publishedAt: Date | null, now: Date) {
  if (!publishedAt) return 0;
  const days = Math.max(1, (now.getTime() - publishedAt.getTime()) / DAY);
  return Math.round(days * (0.3 + 2.5 * Math.pow(rng.next(), 2)));
}

export const MATURITY_SENTENCES: Record<Maturity, string[]> = {
  lab: [
    "目前已完成实验室小试验证，正在寻找合作企业开展中试放大。",
    "已完成实验室阶段的工艺验证和样品测试，欢迎企业合作推进工程化。",
  ],
  pilot: ["已在合作企业完成中试，具备工程化放大条件。", "已建成中试线并完成{3-12}批次连续试验，工艺稳定、重复性好。"],
  small_batch: ["已在{1-3}家企业实现小批量试产，用户试用反馈良好。", "已完成小批量生产验证，可提供样品供企业测试。"],
  industrial: [
    "已在{2-6}家企业推广应用，累计新增产值约{0.3|0.5|0.8|1.2|2.6}亿元。",
    "技术已实现产业化，相关产品已批量供货。",
  ],
};

export const APPLICATION_SENTENCES = ["可应用于{apps}等领域。", "成果适用于{apps}。", "主要面向{apps}等应用场景。"];

export const SERVICE_SENTENCES = [
  "团队可提供工艺包、设备选型建议和现场技术指导。",
  "可根据企业现有条件开展适配性试验，并提供技术培训。",
  "",
  "",
];

export function ipFor(kind: IpKind, rng: Rng, field: string) {
  const patents: string[] = [];
  const parts: string[] = [];
  const invention = () => patentNumber(rng, 1);
  const utility = () => patentNumber(rng, 2, 2018, 2024);
  if (kind === "patent") {
    const inv = Array.from({ length: rng.int(1, 3) }, invention);
    patents.push(...inv);
    parts.push(`已获授权发明专利${inv.length}项（${inv.join("、")}）`);
    if (rng.chance(0.4)) {
      const um = Array.from({ length: rng.int(1, 2) }, utility);
      patents.push(...um);
      parts.push(`实用新型专利${um.length}项（${um.join("、")}）`);
    }
    if (rng.chance(0.35)) parts.push(`另有${rng.int(1, 3)}项发明专利申请处于实质审查阶段`);
  } else if (kind === "software") {
    const regs = Array.from(
      { length: rng.int(1, 3) },
      () => `${rng.int(2019, 2024)}SR${String(rng.int(100_000, 1_999_999)).padStart(7, "0")}`,
    );
    parts.push(`已登记计算机软件著作权${regs.length}项（登记号${regs.join("、")}）`);
    if (rng.chance(0.4)) {
      const p = invention();
      patents.push(p);
      parts.push(`授权发明专利1项（${p}）`);
    }
  } else if (kind === "variety") {
    const year = rng.int(2016, 2023);
    parts.push(
      rng.chance(0.5)
        ? `相关品种已通过江西省林木良种审定（良种编号 赣S-SV-${field === "agriculture" ? "CO" : "XX"}-${String(rng.int(1, 40)).padStart(3, "0")}-${year}）`
        : `已获植物新品种权1项（品种权号 CNA${year}${String(rng.int(1000, 9999))}.${rng.int(0, 9)}）`,
    );
    if (rng.chance(0.6)) {
      const p = invention();
      patents.push(p);
      parts.push(`配套栽培技术获授权发明专利1项（${p}）`);
    }
  } else if (kind === "knowhow") {
    parts.push("核心工艺以技术秘密形式保护，可提供工艺包、操作规程和人员培训");
    if (rng.chance(0.5)) {
      const p = invention();
      patents.push(p);
      parts.push(`关键设备获授权发明专利1项（${p}）`);
    }
  } else {
    parts.push(`主持制定江西省地方标准DB36/T ${rng.int(1100, 1990)}—${rng.int(2019, 2024)}`);
    if (rng.chance(0.6)) {
      const inv = Array.from({ length: rng.int(1, 2) }, invention);
      patents.push(...inv);
      parts.push(`获授权发明专利${inv.length}项（${inv.join("、")}）`);
    }
  }
  let text = parts.join("，") + "。";
  if (rng.chance(0.45)) {
    text += `成果经第三方科技成果评价，整体技术达到${rng.pick(["国内领先", "国内先进", "国际先进"])}水平。`;
  }
  return { ipDescription: text, patentNumbers: [...new Set(patents)] };
}

export function contactFor(org: DemoOrganization, rng: Rng): DemoContact {
  return rng.pick(org.contacts);
}

/**
 * Unique titles: re-draws (deterministically) until the title is new. Returns the filler that
 * produced it, so the body reuses the title's slot values.
 */
export function uniqueTitle(
  seen: Set<string>,
  draw: (attempt: number) => { title: string; filler: Filler },
  key: string,
) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const drawn = draw(attempt);
    if (!seen.has(drawn.title)) {
      seen.add(drawn.title);
      return drawn;
    }
  }
  throw new Error(`demo data: cannot find a unique title for ${key}; add title variants to its template`);
}
