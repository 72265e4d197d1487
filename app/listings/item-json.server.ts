// The list API's items as JSON text made by PostgreSQL, in the shapes of serialize.server.ts key for
// key and byte for byte (tests/api/listings-list-rows.test.ts). Written once for the two readers:
// the list API's rows statement (list-json.server.ts) and the in-process search index, which keeps
// every published listing's item beside its postings (search/memory-sync.server.ts,
// docs/decisions/0026 "Eighth"). No imports: the index's module loads this without the list code.

// stored as UTC without a zone (Prisma's DateTime): formatted as Date.toISOString() does
const iso = (column: string) => `to_char(l."${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const CONTACT = `(SELECT row_to_json(c) FROM (SELECT l."contactName" AS name, l."contactPhone" AS phone, l."contactEmail" AS email) c)`;
const ORGANIZATION = `(SELECT row_to_json(g) FROM (SELECT o.id, o.name, o."regionCode", o.kind::text AS kind) g)`;

const RESULT_SHAPE = `(SELECT l.id, l."subcentreId", l.title, l.summary, coalesce(l.keywords, '{}') AS keywords, l.field,
    l.maturity, coalesce(l."transferModes", '{}') AS "transferModes", l."priceFen", l."ipDescription",
    coalesce(l."patentNumbers", '{}') AS "patentNumbers", ${CONTACT} AS contact, l.status::text AS status,
    l."rejectionReason", ${ORGANIZATION} AS organization, ${iso("publishedAt")} AS "publishedAt",
    ${iso("createdAt")} AS "createdAt", ${iso("updatedAt")} AS "updatedAt")`;

const NEED_SHAPE = `(SELECT l.id, l."subcentreId", l.title, l.description, l."targetIndicators",
    coalesce(l.keywords, '{}') AS keywords, l.field, l."budgetFen", to_char(l.deadline, 'YYYY-MM-DD') AS deadline,
    l."cooperationMode", ${CONTACT} AS contact, l.status::text AS status, l."confirmationStatus",
    ${iso("confirmedAt")} AS "confirmedAt", l."rejectionReason", ${ORGANIZATION} AS organization,
    ${iso("publishedAt")} AS "publishedAt", ${iso("createdAt")} AS "createdAt", ${iso("updatedAt")} AS "updatedAt")`;

/**
 * `SELECT <select>, row_to_json(x)::text AS json FROM <the listing l and its organization o> … WHERE <where>`.
 * `l.title`, and the text highlights are made from: a result's summary, a need's description and
 * target indicators on two lines.
 */
export function itemJsonSql(kind: "result" | "need", select: string, where: string) {
  const table = kind === "result" ? `"Result"` : `"Need"`;
  const shape = kind === "result" ? RESULT_SHAPE : NEED_SHAPE;
  return `SELECT ${select}, row_to_json(x)::text AS json
  FROM ${table} l JOIN "Organization" o ON o.id = l."organizationId"
  CROSS JOIN LATERAL ${shape} x
  WHERE ${where}`;
}
