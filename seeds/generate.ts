// generateDemoData(seed): the whole demo data set as plain objects, built from the hand-written
// templates in seeds/data. Pure and deterministic: the same seed and `now` give the same output,
// and each listing draws from its own random stream keyed by its stable key, so editing one topic
// does not change the text of the others.
//
// Keys: organizations use their definition key ("jxust"); listings are
// result-<field>-<topic slug>-<n> and need-<field>-<template slug>-<n> (n from 1). The first
// listing of every topic/template is always published, so the matching ground truth
// (DemoNeed.matchingResultKeys) is never empty.
import type { TransferMode } from "../app/domain/catalog.ts";
import { makeCreditCode } from "../app/domain/credit-code.ts";
import {
  ACCOUNTS,
  NEED_TEMPLATES,
  ORGANIZATIONS,
  PEOPLE,
  RESULT_TOPICS,
  type NeedTemplate,
  type ResultTopic,
} from "./data/index.ts";
import { Rng } from "./data/random.ts";
import { Filler } from "./data/text.ts";
import { type DemoData, type DemoNeed, type DemoOrganization, type DemoResult, type DemoUser } from "./demo-shapes.ts";
import {
  APPLICATION_SENTENCES,
  DAY,
  MATURITY_SENTENCES,
  NEED_REJECTIONS,
  RESULT_REJECTIONS,
  SERVICE_SENTENCES,
  SPREAD_DAYS,
  contactFor,
  dateOnly,
  demoId,
  ipFor,
  listingDates,
  listingStatus,
  orgCodeBody,
  roundWan,
  uniqueTitle,
  viewCount,
  workingTime,
} from "./demo-draws.ts";

export const DEMO_SEED = 20200101;
/** Bumped when the generated content changes in a way other code may care about. */
export const DEMO_DATA_VERSION = 1;

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
