// Subsidy programmes (奖补项目) as data: versions per year, created and edited by the bureau, and
// the two programmes of the notes seeded for the current and previous year. Why this shape:
// docs/decisions/0021-subsidies.md.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { dateFromDay, dayFromDate, currentShanghaiYear } from "../domain/time.ts";
import type { Prisma, SubsidyProgramme, SubsidyRule } from "../generated/prisma/client.ts";
import type { ProgrammeCreateInput, ProgrammePatchInput, RuleInput } from "./schemas.ts";

export type ProgrammeWithRules = SubsidyProgramme & { rules: SubsidyRule[] };

const ROLE_ORDER = ["buyer", "seller", "agency", "broker"];
const byRole = (a: SubsidyRule, b: SubsidyRule) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role);
const n = (v: bigint | null) => (v === null ? null : Number(v));

export function ruleJson(r: SubsidyRule) {
  return {
    role: r.role,
    rateBp: r.rateBp,
    capPerContractFen: n(r.capPerContractFen),
    capPerOrgYearFen: n(r.capPerOrgYearFen),
    minContractFen: Number(r.minContractFen),
    contractTypes: r.contractTypes,
    buyerRegionPrefix: r.buyerRegionPrefix,
    sellerRegionPrefix: r.sellerRegionPrefix,
    sellerOutsidePrefix: r.sellerOutsidePrefix,
    basis: r.basis,
  };
}

export function programmeJson(p: ProgrammeWithRules) {
  return {
    id: p.id,
    code: p.code,
    year: p.year,
    name: { zh: p.nameZh, en: p.nameEn },
    validFrom: dayFromDate(p.validFrom)!,
    validUntil: dayFromDate(p.validUntil)!,
    budgetFen: Number(p.budgetFen),
    mode: p.mode,
    stacking: p.stacking,
    stacksWith: p.stacksWith,
    rules: [...p.rules].sort(byRole).map(ruleJson),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function ruleData(r: RuleInput) {
  return {
    role: r.role,
    rateBp: r.rateBp,
    capPerContractFen: r.capPerContractFen === null ? null : BigInt(r.capPerContractFen),
    capPerOrgYearFen: r.capPerOrgYearFen === null ? null : BigInt(r.capPerOrgYearFen),
    minContractFen: BigInt(r.minContractFen),
    contractTypes: r.contractTypes,
    buyerRegionPrefix: r.buyerRegionPrefix,
    sellerRegionPrefix: r.sellerRegionPrefix,
    sellerOutsidePrefix: r.sellerOutsidePrefix,
    basis: r.basis,
  };
}

export async function listProgrammes(query: { year?: number; code?: string }) {
  const rows = await prisma.subsidyProgramme.findMany({
    where: { ...(query.year ? { year: query.year } : {}), ...(query.code ? { code: query.code } : {}) },
    include: { rules: true },
    orderBy: [{ year: "desc" }, { code: "asc" }, { validFrom: "asc" }],
  });
  return { items: rows.map(programmeJson) };
}

/**
 * Versions of one code must not overlap in time: the code then names exactly one version for any
 * registration day. Checked under a transaction-scoped advisory lock on the code, so two staff
 * saving at once cannot both pass the check.
 */
async function assertNoOverlap(tx: Tx, code: string, from: Date, until: Date, exceptId?: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subsidy_programme:${code}`}))`;
  const clash = await tx.subsidyProgramme.findFirst({
    where: {
      code,
      validFrom: { lte: until },
      validUntil: { gte: from },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
  });
  if (clash)
    throw errors.invalid(
      `项目 ${code} 在 ${dayFromDate(clash.validFrom)}–${dayFromDate(clash.validUntil)} 已有版本，有效期不能重叠 / Programme ${code} already has a version for ${dayFromDate(clash.validFrom)}–${dayFromDate(clash.validUntil)}: versions cannot overlap`,
      { validFrom: "与已有版本的有效期重叠 / overlaps an existing version" },
    );
}

export async function createProgramme(input: ProgrammeCreateInput, user: SessionUser | null, db?: Tx) {
  const run = async (tx: Tx) => {
    const from = dateFromDay(input.validFrom);
    const until = dateFromDay(input.validUntil);
    await assertNoOverlap(tx, input.code, from, until);
    const created = await tx.subsidyProgramme.create({
      data: {
        code: input.code,
        year: input.year,
        nameZh: input.name.zh,
        nameEn: input.name.en,
        validFrom: from,
        validUntil: until,
        budgetFen: BigInt(input.budgetFen),
        mode: input.mode,
        stacking: input.stacking,
        stacksWith: input.stacksWith,
        createdById: user?.id ?? null,
        rules: { create: input.rules.map(ruleData) },
      },
      include: { rules: true },
    });
    await recordAudit(tx, {
      entityType: "subsidy_programme",
      entityId: created.id,
      action: "create",
      actorId: user?.id ?? null,
      after: programmeJson(created),
    });
    return programmeJson(created);
  };
  return db ? run(db) : prisma.$transaction(run);
}

export async function updateProgramme(id: string, input: ProgrammePatchInput, user: SessionUser) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.subsidyProgramme.findUnique({ where: { id }, include: { rules: true } });
    if (!before) throw errors.notFound("奖补项目");
    const from = input.validFrom ? dateFromDay(input.validFrom) : before.validFrom;
    const until = input.validUntil ? dateFromDay(input.validUntil) : before.validUntil;
    const problems: Record<string, string> = {};
    if (from > until) problems.validUntil = "有效期截止日不能早于开始日 / validUntil cannot be before validFrom";
    for (const [key, d] of [
      ["validFrom", from],
      ["validUntil", until],
    ] as const)
      if (d.getUTCFullYear() !== before.year)
        problems[key] = `有效期须在 ${before.year} 年内 / must fall within ${before.year}`;
    if (Object.keys(problems).length) throw errors.invalid(Object.values(problems)[0]!, problems);
    await assertNoOverlap(tx, before.code, from, until, id);
    const data: Prisma.SubsidyProgrammeUpdateInput = {
      ...(input.name ? { nameZh: input.name.zh, nameEn: input.name.en } : {}),
      validFrom: from,
      validUntil: until,
      ...(input.budgetFen !== undefined ? { budgetFen: BigInt(input.budgetFen) } : {}),
      ...(input.mode ? { mode: input.mode } : {}),
      ...(input.stacking ? { stacking: input.stacking } : {}),
      ...(input.stacksWith ? { stacksWith: input.stacksWith } : {}),
    };
    if (input.rules) {
      await tx.subsidyRule.deleteMany({ where: { programmeId: id } });
      data.rules = { create: input.rules.map(ruleData) };
    }
    const after = await tx.subsidyProgramme.update({ where: { id }, data, include: { rules: true } });
    await recordAudit(tx, {
      entityType: "subsidy_programme",
      entityId: id,
      action: "update",
      actorId: user.id,
      before: programmeJson(before),
      after: programmeJson(after),
    });
    return programmeJson(after);
  });
}

// ——— the two programmes of the notes (shared/notes/market-rules.md, ## Subsidies) ———

const WAN = 1_000_000; // ¥1万 in fen
const TECH_TYPES = ["development", "transfer", "license", "consulting", "service"] as const;

/** 江西省网上常设技术市场技术交易专项补助 (2020): paid on the platform, ≥ ¥50万. */
export function jiangxiProgramme(year: number): ProgrammeCreateInput {
  const common = { minContractFen: 50 * WAN, contractTypes: [...TECH_TYPES], basis: "paid" as const };
  return {
    code: "jx-online-market",
    year,
    name: {
      zh: "江西省网上常设技术市场技术交易专项补助",
      en: "Jiangxi online technology market transaction subsidy",
    },
    validFrom: `${year}-01-01`,
    validUntil: `${year}-12-31`,
    budgetFen: 2_000 * WAN,
    mode: "apply",
    stacking: "stackable",
    stacksWith: [],
    rules: [
      {
        ...common,
        role: "buyer",
        rateBp: 250,
        capPerContractFen: 15 * WAN,
        capPerOrgYearFen: 100 * WAN,
        buyerRegionPrefix: "36",
        sellerRegionPrefix: null,
        sellerOutsidePrefix: null,
      },
      {
        ...common,
        role: "seller",
        rateBp: 150,
        capPerContractFen: 10 * WAN,
        capPerOrgYearFen: 50 * WAN,
        buyerRegionPrefix: "36",
        sellerRegionPrefix: null,
        sellerOutsidePrefix: null,
      },
      {
        // a transfer organisation bringing a result from outside into Jiangxi
        ...common,
        role: "agency",
        rateBp: 100,
        capPerContractFen: 10 * WAN,
        capPerOrgYearFen: 30 * WAN,
        buyerRegionPrefix: "36",
        sellerRegionPrefix: null,
        sellerOutsidePrefix: "36",
      },
    ],
  };
}

/** 赣州 measures on money actually received; 免申即享 (nothing to apply for once paid). */
export function ganzhouProgramme(year: number): ProgrammeCreateInput {
  const common = {
    minContractFen: 0,
    contractTypes: [...TECH_TYPES],
    basis: "paid" as const,
    sellerRegionPrefix: null,
    sellerOutsidePrefix: null,
  };
  return {
    code: "gz-tech-transfer",
    year,
    name: { zh: "赣州市促进科技成果转移转化奖补", en: "Ganzhou technology transfer incentive" },
    validFrom: `${year}-01-01`,
    validUntil: `${year}-12-31`,
    budgetFen: 5_000 * WAN,
    mode: "auto",
    stacking: "stackable",
    stacksWith: [],
    rules: [
      {
        ...common,
        role: "buyer",
        rateBp: 2_000,
        capPerContractFen: 100 * WAN,
        capPerOrgYearFen: 100 * WAN,
        buyerRegionPrefix: "3607",
      },
      {
        ...common,
        role: "seller",
        rateBp: 500,
        capPerContractFen: 100 * WAN,
        capPerOrgYearFen: 100 * WAN,
        buyerRegionPrefix: "3607",
      },
      {
        ...common,
        role: "agency",
        rateBp: 500,
        capPerContractFen: 30 * WAN,
        capPerOrgYearFen: 30 * WAN,
        buyerRegionPrefix: "3607",
      },
      {
        ...common,
        role: "broker",
        rateBp: 100,
        capPerContractFen: 30 * WAN,
        capPerOrgYearFen: 30 * WAN,
        buyerRegionPrefix: "3607",
      },
    ],
  };
}

/**
 * Seeds the two programmes for the current and previous year where a code has no version in that
 * year yet; a programme the bureau edited or replaced is left alone. Safe to run on every start.
 */
export async function ensureSubsidyProgrammes(now = new Date()) {
  const year = currentShanghaiYear(now);
  let created = 0;
  for (const y of [year - 1, year]) {
    for (const input of [jiangxiProgramme(y), ganzhouProgramme(y)]) {
      const done = await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subsidy_programme:${input.code}`}))`;
        if (await tx.subsidyProgramme.findFirst({ where: { code: input.code, year: y } })) return false;
        await createProgramme(input, null, tx);
        return true;
      });
      if (done) created += 1;
    }
  }
  return created;
}
