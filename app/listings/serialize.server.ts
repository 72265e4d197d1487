// The API's Result and Need shapes. Every endpoint that returns a listing uses these,
// so the contract is written once.
import type { Prisma } from "../db/db.server.ts";

export const listingOrganizationSelect = { select: { id: true, name: true, regionCode: true, kind: true } } as const;

export const resultInclude = { organization: listingOrganizationSelect } satisfies Prisma.ResultInclude;
export const needInclude = { organization: listingOrganizationSelect } satisfies Prisma.NeedInclude;

type FullResultRow = Prisma.ResultGetPayload<{ include: typeof resultInclude }>;
type FullNeedRow = Prisma.NeedGetPayload<{ include: typeof needInclude }>;

/** The columns the API shape and the list cards read (list pages load exactly these: list.server.ts). */
export const RESULT_LISTED_COLUMNS = [
  "id",
  "title",
  "summary",
  "keywords",
  "field",
  "maturity",
  "transferModes",
  "priceFen",
  "ipDescription",
  "patentNumbers",
  "contactName",
  "contactPhone",
  "contactEmail",
  "status",
  "rejectionReason",
  "publishedAt",
  "createdAt",
  "updatedAt",
  "subcentreId",
] as const satisfies ReadonlyArray<keyof FullResultRow>;
export const NEED_LISTED_COLUMNS = [
  "id",
  "title",
  "description",
  "targetIndicators",
  "keywords",
  "field",
  "budgetFen",
  "deadline",
  "cooperationMode",
  "contactName",
  "contactPhone",
  "contactEmail",
  "status",
  "rejectionReason",
  "publishedAt",
  "createdAt",
  "updatedAt",
  "subcentreId",
  "confirmationStatus",
  "confirmedAt",
] as const satisfies ReadonlyArray<keyof FullNeedRow>;

export type ResultRow = Pick<FullResultRow, (typeof RESULT_LISTED_COLUMNS)[number] | "organization">;
export type NeedRow = Pick<FullNeedRow, (typeof NEED_LISTED_COLUMNS)[number] | "organization">;

function organizationJson(org: ResultRow["organization"]) {
  return { id: org.id, name: org.name, regionCode: org.regionCode, kind: org.kind };
}

export function resultJson(r: ResultRow) {
  return {
    id: r.id,
    // the sub-centre (分中心) it came through
    subcentreId: r.subcentreId,
    title: r.title,
    summary: r.summary,
    keywords: r.keywords ?? [],
    field: r.field,
    maturity: r.maturity,
    transferModes: r.transferModes ?? [],
    priceFen: r.priceFen === null ? null : Number(r.priceFen),
    ipDescription: r.ipDescription,
    // arrays written outside Prisma (raw SQL, imports) may be NULL in the column: the API says []
    patentNumbers: r.patentNumbers ?? [],
    contact: { name: r.contactName, phone: r.contactPhone, email: r.contactEmail },
    status: r.status,
    rejectionReason: r.rejectionReason,
    organization: organizationJson(r.organization),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function dateOnly(d: Date | null) {
  return d ? d.toISOString().slice(0, 10) : null;
}

export function needJson(n: NeedRow) {
  return {
    id: n.id,
    subcentreId: n.subcentreId,
    title: n.title,
    description: n.description,
    targetIndicators: n.targetIndicators,
    keywords: n.keywords ?? [],
    field: n.field,
    budgetFen: n.budgetFen === null ? null : Number(n.budgetFen),
    deadline: dateOnly(n.deadline),
    cooperationMode: n.cooperationMode,
    contact: { name: n.contactName, phone: n.contactPhone, email: n.contactEmail },
    status: n.status,
    // entered by sub-centre staff: awaiting_company_confirmation until the company confirms it
    confirmationStatus: n.confirmationStatus,
    confirmedAt: n.confirmedAt?.toISOString() ?? null,
    rejectionReason: n.rejectionReason,
    organization: organizationJson(n.organization),
    publishedAt: n.publishedAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

export type ResultJson = ReturnType<typeof resultJson>;
export type NeedJson = ReturnType<typeof needJson>;
