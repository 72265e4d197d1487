// 技术需求: the columns a need's content sets, its table and its own submit rule; the workflow
// (create, edit, submit, review, withdraw, read) is listing-store.server.ts, the rules
// workflow.server.ts.
import { ApiError } from "../api/api.server.ts";
import type { Prisma } from "../db/db.server.ts";
import { contactColumns, givenFields, listingWorkflow, type ListingStore } from "./listing-store.server.ts";
import type { NeedContent } from "./schemas.ts";
import { needInclude } from "./serialize.server.ts";

export type NeedRow = Prisma.NeedGetPayload<{ include: typeof needInclude }>;

/** A need sub-centre staff entered for a company, until a member of the company confirms it (docs/decisions/0028). */
export const AWAITING_COMPANY = "awaiting_company_confirmation";

/** 409 when such a need is submitted before the company confirmed it (confirming submits it). */
function assertNotAwaitingCompany(row: { confirmationStatus: string | null } | null) {
  if (row?.confirmationStatus === AWAITING_COMPANY) {
    throw new ApiError(
      409,
      AWAITING_COMPANY,
      "该需求由分中心代录，须先由企业确认 / A sub-centre entered this need: the company confirms it first",
    );
  }
}

/** "YYYY-MM-DD" → the Date a @db.Date column stores (midnight UTC of that calendar day). */
function dateColumn(value: string | null) {
  return value === null ? null : new Date(`${value}T00:00:00.000Z`);
}

/** Content fields → columns (fen as BigInt, deadline as a date column, contact flattened); only the fields given. */
export function needData(c: NeedContent) {
  return {
    ...givenFields(c, ["title", "description", "targetIndicators", "keywords", "field", "cooperationMode"] as const),
    ...(c.budgetFen !== undefined && { budgetFen: c.budgetFen === null ? null : BigInt(c.budgetFen) }),
    ...(c.deadline !== undefined && { deadline: dateColumn(c.deadline) }),
    ...contactColumns(c.contact),
  };
}

const needs: ListingStore<NeedContent, NeedRow> = {
  kind: "need",
  data: needData,
  createColumns: (c, data) => ({
    title: c.title,
    description: c.description,
    field: c.field,
    ...data,
    keywords: c.keywords ?? [],
    budgetFen: data.budgetFen ?? null,
  }),
  create: (tx, data) => tx.need.create({ data: data as Prisma.NeedUncheckedCreateInput, include: needInclude }),
  find: (tx, id) => tx.need.findUnique({ where: { id } }),
  update: (tx, id, data) => tx.need.update({ where: { id }, data }),
  read: (db, id) => db.need.findUnique({ where: { id }, include: needInclude }),
  assertSubmittable: async (tx, id) =>
    assertNotAwaitingCompany(await tx.need.findUnique({ where: { id }, select: { confirmationStatus: true } })),
};

/** The workflow for needs; `getNeedFor` answers a 404 when it does not exist or is not the viewer's to see. */
export const {
  create: createNeed,
  update: updateNeed,
  submit: submitNeed,
  withdraw: withdrawNeed,
  review: reviewNeed,
  getFor: getNeedFor,
} = listingWorkflow(needs);
