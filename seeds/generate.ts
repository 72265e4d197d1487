// generateDemoData(seed): the whole demo data set as plain objects, built from the hand-written
// templates in seeds/data. Pure and deterministic: the same seed and `now` give the same output,
// and each listing draws from its own random stream keyed by its stable key, so editing one topic
// does not change the text of the others.
//
// Keys: organizations use their definition key ("jxust"); listings are
// result-<field>-<topic slug>-<n> and need-<field>-<template slug>-<n> (n from 1). The first
// listing of every topic/template is always published, so the matching ground truth
// (DemoNeed.matchingResultKeys) is never empty.
import { createHash } from "node:crypto";
import type { Maturity, Role, TransferMode } from "../app/domain/catalog.ts";
import { makeCreditCode } from "../app/domain/credit-code.ts";
import type { ListingStatus } from "../app/domain/catalog.ts";
import {
  ACCOUNTS,
  NEED_TEMPLATES,
  ORGANIZATIONS,
  PEOPLE,
  RESULT_TOPICS,
  type IpKind,
  type NeedTemplate,
  type OrganizationDef,
  type ResultTopic,
} from "./data/index.ts";
import { Rng } from "./data/random.ts";
import { Filler } from "./data/text.ts";

export const DEMO_SEED = 20200101;
/** Bumped when the generated content changes in a way other code may care about. */
export const DEMO_DATA_VERSION = 1;

const DAY = 86_400_000;
/** Listings are spread over the last 18 months. */
const SPREAD_DAYS = 540;

export interface DemoContact {
  name: string;
  phone: string;
  email: string;
}

export interface DemoOrganization {
  key: string;
  id: string;
  name: string;
  kind: OrganizationDef["kind"];
  creditCode: string;
  regionCode: string;
  zone: string | null;
  description: string;
  website: string | null;
  createdAt: Date;
  verifiedAt: Date;
  contacts: DemoContact[];
}

export interface DemoUser {
  key: string; // the e-mail address
  id: string;
  email: string;
  name: string;
  role: Role;
  orgKey: string | null;
  createdAt: Date;
}

interface ListingBase {
  key: string;
  id: string;
  orgKey: string;
  createdByKey: string | null;
  industry: string;
  field: string;
  title: string;
  keywords: string[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  status: ListingStatus;
  rejectionReason: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  updatedAt: Date;
  viewCount: number;
}

export interface DemoResult extends ListingBase {
  topic: string;
  summary: string;
  maturity: Maturity;
  ipDescription: string;
  patentNumbers: string[];
  transferModes: TransferMode[];
  priceFen: number | null;
}

export interface DemoNeed extends ListingBase {
  template: string;
  description: string;
  targetIndicators: string;
  budgetFen: number | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  cooperationMode: TransferMode;
  /** result topics that answer this need */
  matchingTopics: string[];
  /** published results of those topics: the labelled matches */
  matchingResultKeys: string[];
}

export interface DemoData {
  seed: number;
  version: number;
  now: Date;
  organizations: DemoOrganization[];
  users: DemoUser[];
  results: DemoResult[];
  needs: DemoNeed[];
}

/**
 * The labelled matching set: each need with the published results that answer it (same problem,
 * company words vs academic words). Stable across runs and seeding dates.
 */
export function demoMatches(data: DemoData) {
  const results = new Map(data.results.map((r) => [r.key, r]));
  return data.needs
    .filter((n) => n.status === "published")
    .map((n) => ({
      needKey: n.key,
      needId: n.id,
      needTitle: n.title,
      topics: n.matchingTopics,
      results: n.matchingResultKeys.map((key) => ({ key, id: results.get(key)!.id, title: results.get(key)!.title })),
    }));
}

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

function orgCodeBody(def: OrganizationDef, attempt: number) {
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
function workingTime(now: Date, daysAgo: number, rng: Rng) {
  const midnightShanghai = Math.floor((now.getTime() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
  const minutes = rng.int(9 * 60, 17 * 60 + 30);
  const t = midnightShanghai - daysAgo * DAY + minutes * 60_000 + rng.int(0, 59_999);
  return new Date(Math.min(t, now.getTime() - 60_000));
}

function dateOnly(d: Date) {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function maxDate(...dates: Array<Date | null>) {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
}

function roundWan(wan: number) {
  if (wan >= 100) return Math.round(wan / 10) * 10;
  if (wan >= 20) return Math.round(wan / 5) * 5;
  return Math.max(1, Math.round(wan));
}

/** Most listings are published; the rest are spread over the other states in fixed proportions. */
function listingStatus(rng: Rng, first: boolean, published = 0.83): ListingStatus {
  if (first) return "published";
  const r = rng.next();
  if (r < published) return "published";
  const rest = (r - published) / (1 - published);
  if (rest < 0.35) return "pending_review";
  if (rest < 0.6) return "draft";
  if (rest < 0.85) return "rejected";
  return "withdrawn";
}

const RESULT_REJECTIONS = [
  "成果简介未说明主要技术指标与现有技术的对比，请补充后重新提交。",
  "知识产权信息不完整：请填写已授权专利的专利号，或说明以技术秘密形式保护。",
  "成熟度填写为“产业化”，但未提供应用企业或产业化情况说明，请核实。",
  "联系方式缺失或无法核实，请补充成果联系人及联系电话。",
  "成果名称过于笼统，无法体现技术内容，请修改后重新提交。",
];
const NEED_REJECTIONS = [
  "需求描述过于简单，请补充目前遇到的具体问题和期望达到的技术指标。",
  "需求内容属于产品采购而非技术需求，请修改为需要解决的技术问题。",
  "预算和合作方式未填写完整，请补充后重新提交。",
  "截止日期早于提交日期，请修改。",
];

/** Per-listing dates consistent with its status. */
function listingDates(rng: Rng, now: Date, status: ListingStatus) {
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

function viewCount(rng: Rng, publishedAt: Date | null, now: Date) {
  if (!publishedAt) return 0;
  const days = Math.max(1, (now.getTime() - publishedAt.getTime()) / DAY);
  return Math.round(days * (0.3 + 2.5 * Math.pow(rng.next(), 2)));
}

const MATURITY_SENTENCES: Record<Maturity, string[]> = {
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

const APPLICATION_SENTENCES = ["可应用于{apps}等领域。", "成果适用于{apps}。", "主要面向{apps}等应用场景。"];

const SERVICE_SENTENCES = [
  "团队可提供工艺包、设备选型建议和现场技术指导。",
  "可根据企业现有条件开展适配性试验，并提供技术培训。",
  "",
  "",
];

function ipFor(kind: IpKind, rng: Rng, field: string) {
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

function contactFor(org: DemoOrganization, rng: Rng): DemoContact {
  return rng.pick(org.contacts);
}

/**
 * Unique titles: re-draws (deterministically) until the title is new. Returns the filler that
 * produced it, so the body reuses the title's slot values.
 */
function uniqueTitle(seen: Set<string>, draw: (attempt: number) => { title: string; filler: Filler }, key: string) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const drawn = draw(attempt);
    if (!seen.has(drawn.title)) {
      seen.add(drawn.title);
      return drawn;
    }
  }
  throw new Error(`demo data: cannot find a unique title for ${key}; add title variants to its template`);
}

// ------------------------------------------------------------------ the generator

/** Contact persons, minus the demo accounts' names so those stay unique to their accounts. */
const CONTACT_POOL = PEOPLE.filter((p) => !ACCOUNTS.some((a) => a.name === p.name));

export function generateDemoData(
  seed: number = DEMO_SEED,
  // extraResultTopics: the matching benchmark's corpus adds its own topics (tests/matching/extra-results.ts)
  options: { now?: Date; extraResultTopics?: ResultTopic[] } = {},
): DemoData {
  const now = options.now ?? new Date();

  // organizations
  const usedCodes = new Set<string>();
  const organizations: DemoOrganization[] = ORGANIZATIONS.map((def) => {
    let code = "";
    for (let attempt = 0; ; attempt++) {
      code = makeCreditCode(def.creditPrefix, def.creditRegion ?? def.regionCode, orgCodeBody(def, attempt));
      if (!usedCodes.has(code)) break;
    }
    usedCodes.add(code);
    const rng = new Rng(`${seed}:org:${def.key}`);
    const contacts = rng.sample(CONTACT_POOL, 3).map((p) => ({
      name: p.name,
      phone: `${def.phoneArea}-${def.phoneArea === "0797" ? "8" + rng.int(100_000, 999_999) : rng.pick(["8", "2", "3"]) + rng.int(1_000_000, 9_999_999)}`,
      email: `${p.pinyin}@${def.mailDomain}`,
    }));
    const createdAt = workingTime(now, SPREAD_DAYS + rng.int(20, 60), rng);
    return {
      key: def.key,
      id: demoId(seed, `org:${def.key}`),
      name: def.name,
      kind: def.kind,
      creditCode: code,
      regionCode: def.regionCode,
      zone: def.zone ?? null,
      description: def.description,
      website: def.website ?? null,
      createdAt,
      verifiedAt: new Date(createdAt.getTime() + rng.int(1, 3) * DAY),
      contacts,
    };
  });
  const orgByKey = new Map(organizations.map((o) => [o.key, o]));
  const orgOf = (key: string, where: string) => {
    const org = orgByKey.get(key);
    if (!org) throw new Error(`demo data: ${where} names unknown organization "${key}"`);
    return org;
  };

  // users
  const users: DemoUser[] = ACCOUNTS.map((a, i) => {
    if (a.org) orgOf(a.org, `account ${a.email}`);
    return {
      key: a.email,
      id: demoId(seed, `user:${a.email}`),
      email: a.email,
      name: a.name,
      role: a.role,
      orgKey: a.org,
      createdAt: workingTime(now, SPREAD_DAYS + 15 - i, new Rng(`${seed}:user:${a.email}`)),
    };
  });
  const usersByOrg = new Map<string, DemoUser[]>();
  for (const u of users) if (u.orgKey) usersByOrg.set(u.orgKey, [...(usersByOrg.get(u.orgKey) ?? []), u]);
  const creatorFor = (orgKey: string, n: number) => {
    const list = usersByOrg.get(orgKey);
    return list ? list[n % list.length]! : null;
  };

  // results
  const results: DemoResult[] = [];
  const resultTitles = new Set<string>();
  const topicSlugs = new Set<string>();
  for (const topic of [...RESULT_TOPICS, ...(options.extraResultTopics ?? [])]) {
    if (topicSlugs.has(topic.slug)) throw new Error(`demo data: duplicate result topic slug ${topic.slug}`);
    topicSlugs.add(topic.slug);
    for (let n = 1; n <= topic.count; n++) results.push(makeResult(topic, n));
  }

  function makeResult(topic: ResultTopic, n: number): DemoResult {
    const key = `result-${topic.field}-${topic.slug}-${n}`;
    const rng = new Rng(`${seed}:${key}`);
    const org = orgOf(topic.orgs[(n - 1) % topic.orgs.length]!, `result topic ${topic.slug}`);
    const creator = creatorFor(org.key, n);
    const { title, filler: f } = uniqueTitle(
      resultTitles,
      (attempt) => {
        const titleRng = new Rng(`${seed}:${key}:title:${attempt}`);
        const filler = new Filler(rng, topic.slots);
        return { title: filler.fill(titleRng.pick(topic.titles)), filler };
      },
      key,
    );
    const maturity = rng.pick(topic.maturities);
    const apps = rng.sample(topic.applications, rng.int(1, Math.min(3, topic.applications.length)));
    const metrics = rng.sample(topic.metrics, rng.int(2, Math.min(3, topic.metrics.length)));
    const summary = [
      f.fill(rng.pick(topic.background)),
      f.fill(rng.pick(topic.method)),
      `主要技术指标：${metrics.map((m) => f.fill(m)).join("；")}。`,
      f.fill(rng.pick(APPLICATION_SENTENCES).replace("{apps}", apps.join("、"))),
      f.fill(rng.pick(MATURITY_SENTENCES[maturity])),
      rng.pick(SERVICE_SENTENCES),
    ].join("");
    const keywords = [
      ...new Set(
        [...topic.keywords.slice(0, 3), ...rng.sample(topic.keywords.slice(3), rng.int(2, 4))].map((k) => f.fill(k)),
      ),
    ];
    const modes = new Set<TransferMode>([rng.chance(0.7) ? topic.modes[0]! : rng.pick(topic.modes)]);
    for (const extra of rng.sample(topic.modes, rng.int(0, 2))) modes.add(extra);
    const maturityFactor = { lab: 0.5, pilot: 0.8, small_batch: 1, industrial: 1.2 }[maturity];
    const [lo, hi] = topic.priceWan;
    const priceFen = rng.chance(0.22) ? null : roundWan((lo + (hi - lo) * rng.next()) * maturityFactor) * 1_000_000;
    const { ipDescription, patentNumbers } = ipFor(topic.ip, rng, topic.field);
    const status = listingStatus(rng, n === 1);
    const dates = listingDates(rng, now, status);
    const contact =
      creator && rng.chance(0.7)
        ? { name: creator.name, phone: contactFor(org, rng).phone, email: creator.email }
        : contactFor(org, rng);
    return {
      key,
      id: demoId(seed, key),
      topic: topic.slug,
      orgKey: org.key,
      createdByKey: creator?.key ?? null,
      industry: topic.industry,
      field: topic.field,
      title,
      summary,
      keywords,
      maturity,
      ipDescription,
      patentNumbers,
      transferModes: [...modes],
      priceFen,
      contactName: contact.name,
      contactPhone: contact.phone,
      contactEmail: contact.email,
      status,
      rejectionReason: status === "rejected" ? rng.pick(RESULT_REJECTIONS) : null,
      ...dates,
      viewCount: viewCount(rng, dates.publishedAt, now),
    };
  }

  // needs
  const needs: DemoNeed[] = [];
  const needTitles = new Set<string>();
  const needSlugs = new Set<string>();
  for (const template of NEED_TEMPLATES) {
    if (needSlugs.has(template.slug)) throw new Error(`demo data: duplicate need template slug ${template.slug}`);
    needSlugs.add(template.slug);
    for (const m of template.matches) {
      if (!topicSlugs.has(m)) throw new Error(`demo data: need template ${template.slug} matches unknown topic ${m}`);
    }
    for (let n = 1; n <= template.count; n++) needs.push(makeNeed(template, n));
  }

  function makeNeed(template: NeedTemplate, n: number): DemoNeed {
    const key = `need-${template.field}-${template.slug}-${n}`;
    const rng = new Rng(`${seed}:${key}`);
    const org = orgOf(template.companies[(n - 1) % template.companies.length]!, `need template ${template.slug}`);
    const creator = creatorFor(org.key, n);
    const own = template.byCompany?.[org.key] ?? {};
    const text = {
      titles: own.titles ?? template.titles,
      situation: own.situation ?? template.situation,
      problem: own.problem ?? template.problem,
      ask: own.ask ?? template.ask,
      targets: own.targets ?? template.targets,
    };
    const { title, filler: f } = uniqueTitle(
      needTitles,
      (attempt) => {
        const filler = new Filler(rng, template.slots);
        return { title: filler.fill(text.titles[(n - 1 + attempt) % text.titles.length]!), filler };
      },
      key,
    );
    const description = [rng.pick(text.situation), rng.pick(text.problem), rng.pick(text.ask)]
      .map((s) => f.fill(s))
      .join("");
    const targets = rng.sample(text.targets, rng.int(2, Math.min(3, text.targets.length)));
    const targetIndicators = targets.map((t, i) => `${i + 1}. ${f.fill(t)}`).join("\n");
    const keywords = [
      ...new Set(
        [...template.keywords.slice(0, 3), ...rng.sample(template.keywords.slice(3), rng.int(1, 3))].map((k) =>
          f.fill(k),
        ),
      ),
    ];
    const [lo, hi] = template.budgetWan;
    const budgetFen = rng.chance(0.2) ? null : roundWan(lo + (hi - lo) * rng.next()) * 1_000_000;
    const status = listingStatus(rng, n === 1, 0.7);
    const dates = listingDates(rng, now, status);
    const base = dates.publishedAt ?? dates.submittedAt ?? dates.createdAt;
    const deadline = rng.chance(0.12)
      ? null
      : dateOnly(new Date(Math.max(base.getTime() + rng.int(90, 365) * DAY, now.getTime() + rng.int(20, 300) * DAY)));
    const contact = creator
      ? { name: creator.name, phone: contactFor(org, rng).phone, email: creator.email }
      : contactFor(org, rng);
    return {
      key,
      id: demoId(seed, key),
      template: template.slug,
      orgKey: org.key,
      createdByKey: creator?.key ?? null,
      industry: template.industry,
      field: template.field,
      title,
      description,
      targetIndicators,
      keywords,
      budgetFen,
      deadline,
      cooperationMode: rng.chance(0.7) ? template.modes[0]! : rng.pick(template.modes),
      contactName: contact.name,
      contactPhone: contact.phone,
      contactEmail: contact.email,
      status,
      rejectionReason: status === "rejected" ? rng.pick(NEED_REJECTIONS) : null,
      ...dates,
      viewCount: viewCount(rng, dates.publishedAt, now),
      matchingTopics: [...template.matches],
      matchingResultKeys: [],
    };
  }

  ensureStatusVariety(results, "jxust");
  ensureStatusVariety(needs, "jinci");

  for (const need of needs) {
    need.matchingResultKeys = results
      .filter((r) => r.status === "published" && need.matchingTopics.includes(r.topic))
      .map((r) => r.key);
  }

  return { seed, version: DEMO_DATA_VERSION, now, organizations, users, results, needs };

  /**
   * The demo accounts' organizations get at least one draft, one pending and one rejected
   * listing, so "my listings" and the review queue show every state. Never touches the first
   * listing of a topic (the published anchor of the matching set).
   */
  function ensureStatusVariety(listings: Array<DemoResult | DemoNeed>, orgKey: string) {
    const own = listings.filter((l) => l.orgKey === orgKey);
    for (const wanted of ["pending_review", "draft", "rejected"] as const) {
      if (own.some((l) => l.status === wanted)) continue;
      const victim = own.find((l) => l.status === "published" && !l.key.endsWith("-1"));
      if (!victim) continue;
      const rng = new Rng(`${seed}:${victim.key}:${wanted}`);
      Object.assign(victim, listingDates(rng, now, wanted), {
        status: wanted,
        rejectionReason:
          wanted === "rejected" ? rng.pick("summary" in victim ? RESULT_REJECTIONS : NEED_REJECTIONS) : null,
        viewCount: 0,
      });
    }
  }
}
