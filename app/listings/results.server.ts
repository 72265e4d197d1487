// 科技成果: the columns a result's content sets and its table; the workflow (create, edit, submit,
// review, withdraw, read) is listing-store.server.ts, the rules workflow.server.ts.
import type { Prisma } from "../db/db.server.ts";
import { contactColumns, givenFields, listingWorkflow, type ListingStore } from "./listing-store.server.ts";
import type { ResultContent } from "./schemas.ts";
import { resultInclude } from "./serialize.server.ts";

export type ResultRow = Prisma.ResultGetPayload<{ include: typeof resultInclude }>;

/** Content fields → columns (fen as BigInt, contact flattened); only the fields given. */
export function resultData(c: ResultContent) {
  const plain = [
    "title",
    "summary",
    "keywords",
    "field",
    "maturity",
    "transferModes",
    "ipDescription",
    "patentNumbers",
  ] as const;
  return {
    ...givenFields(c, plain),
    ...(c.priceFen !== undefined && { priceFen: c.priceFen === null ? null : BigInt(c.priceFen) }),
    ...contactColumns(c.contact),
  };
}

const results: ListingStore<ResultContent, ResultRow> = {
  kind: "result",
  data: resultData,
  createColumns: (c, data) => ({
    title: c.title,
    summary: c.summary,
    field: c.field,
    maturity: c.maturity,
    transferModes: c.transferModes,
    ...data,
    keywords: c.keywords ?? [],
    patentNumbers: c.patentNumbers ?? [],
    priceFen: data.priceFen ?? null,
  }),
  create: (tx, data) => tx.result.create({ data: data as Prisma.ResultUncheckedCreateInput, include: resultInclude }),
  find: (tx, id) => tx.result.findUnique({ where: { id } }),
  update: (tx, id, data) => tx.result.update({ where: { id }, data }),
  read: (db, id) => db.result.findUnique({ where: { id }, include: resultInclude }),
};

/** The workflow for results; `getResultFor` answers a 404 when it does not exist or is not the viewer's to see. */
export const {
  create: createResult,
  update: updateResult,
  submit: submitResult,
  withdraw: withdrawResult,
  review: reviewResult,
  getFor: getResultFor,
} = listingWorkflow(results);
