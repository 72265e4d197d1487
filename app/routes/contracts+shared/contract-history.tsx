// The history of one contract: its status timeline (from the audit events), its versions, and the
// full audit trail with before/after values.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { contracts as contractsZh } from "../../i18n/locales/zh-CN/contracts.ts";
import { CONTRACT_STATUS_NAMES, IP_TYPE_NAMES, type ContractStatus } from "../../contracts/schemas.ts";
import {
  CONTRACT_TYPE_NAMES,
  FIELD_NAMES,
  localName,
  ORG_KIND_NAMES,
  type ContractType,
  type Field,
  type OrgKind,
} from "../../domain/catalog.ts";
import { regionName } from "../../domain/regions.ts";
import { formatFen } from "../../domain/money.ts";
import type { ContractDetail } from "./types.ts";
import { formatDateTime } from "../../domain/time.ts";
import { pickMessage } from "../../i18n/i18n.ts";
import { FigureHeads, ScrollRegion } from "../../components/scroll-region.tsx";

const STATUS_ACTIONS = new Set([
  "create",
  "confirm",
  "submit",
  "register",
  "return",
  "reject",
  "amend",
  "cancel",
  "import",
]);

const FIELD_LABELS = contractsZh.contract.auditFields;
type AuditKey = keyof typeof FIELD_LABELS;
const isLabelled = (key: string): key is AuditKey => key in FIELD_LABELS;

/** A recorded value as people read it: names for codes, yes/no, amounts and dates — never raw JSON. */
function show(key: string, value: unknown, lang: string, t: TFunction): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (key.endsWith("Fen") && (typeof value === "number" || typeof value === "string"))
    return formatFen(Number(value), lang);
  if (key === "commissionRateBp" && typeof value === "number") return `${value / 100}%`;
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
    const named =
      key === "status"
        ? CONTRACT_STATUS_NAMES[value as ContractStatus]
        : key === "type"
          ? CONTRACT_TYPE_NAMES[value as ContractType]
          : key === "field"
            ? FIELD_NAMES[value as Field]
            : key === "ipType"
              ? IP_TYPE_NAMES[value as keyof typeof IP_TYPE_NAMES]
              : key === "sellerKind" || key === "buyerKind"
                ? ORG_KIND_NAMES[value as OrgKind]
                : undefined;
    if (named) return localName(named, lang);
    if (key.endsWith("Region") || key === "sellerZone") return regionName(value, lang);
    return pickMessage(value, lang);
  }
  if (Array.isArray(value)) return value.map((v) => show(key, v, lang, t)).join(lang.startsWith("en") ? ", " : "、");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => isLabelled(k))
      .map(([k, v]) => `${t(`contract.auditFields.${k}`)}: ${show(k, v, lang, t)}`)
      .join("; ");
  }
  return String(value);
}

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation("contracts");
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  // A creation lists only the values that are set.
  const all = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => k in b || (a[k] !== null && a[k] !== undefined),
  );
  // fields people know by name; internal ones (ids, snapshots for statistics) are only counted
  const keys = all.filter(isLabelled);
  const internal = all.length - keys.length;
  if (!all.length) return <span>—</span>;
  const shown = keys.slice(0, 12);
  return (
    <ul className="space-y-0.5">
      {shown.map((k) => (
        <li key={k} className="break-words">
          <span className="text-xs text-slate-600">{t(`contract.auditFields.${k}`)}</span>{" "}
          {k in b ? (
            <>
              <span className="text-slate-600 line-through decoration-slate-400">
                {show(k, b[k], i18n.language, t)}
              </span>{" "}
              →{" "}
            </>
          ) : null}
          <span>{show(k, a[k], i18n.language, t)}</span>
        </li>
      ))}
      {keys.length > shown.length ? <li>…</li> : null}
      {internal > 0 ? (
        <li className="text-xs text-slate-600">{t("contract.auditOther", { count: internal })}</li>
      ) : null}
    </ul>
  );
}

export function ContractTimeline({ contract, actors }: { contract: ContractDetail; actors: Record<string, string> }) {
  const { t } = useTranslation("contracts");
  const events = contract.auditTrail.filter((e) => STATUS_ACTIONS.has(e.action));
  return (
    <section aria-labelledby="timeline-heading" className="card">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t("contract.timeline")}
      </h2>
      <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4">
        {events.map((e) => {
          const after = (e.after ?? {}) as Record<string, unknown>;
          const note = (after.reviewNote ?? after.reason ?? after.cancelReason) as string | undefined;
          return (
            <li key={e.seq} className="relative">
              <span
                aria-hidden="true"
                className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-600"
              />
              <p className="font-medium">{t(`contract.steps.${e.action}`, { defaultValue: e.action })}</p>
              <p className="text-sm text-slate-700">
                <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                {" · "}
                {e.actorId ? (actors[e.actorId] ?? e.actorId) : t("contract.auditSystem")}
              </p>
              {note ? <p className="mt-1 text-sm whitespace-pre-wrap">{note}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function ContractVersions({ contract }: { contract: ContractDetail }) {
  const { t, i18n } = useTranslation("contracts");
  return (
    <section aria-labelledby="versions-heading" className="card">
      <h2 id="versions-heading" className="text-lg font-semibold">
        {t("contract.versions")}
      </h2>
      <ScrollRegion label={t("contract.versions")} className="mt-3">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("contract.versions")}</caption>
          <FigureHeads
            columns={[
              t("contract.versionCol"),
              { label: t("contracts.colAmount"), numeric: true },
              { label: t("contracts.nonTechnicalCosts"), numeric: true },
              { label: t("contracts.colTech"), numeric: true },
              t("contract.versionReason"),
              t("contract.versionAt"),
            ]}
          />
          <tbody>
            {contract.versions.map((v) => (
              <tr
                key={v.version}
                className={`border-t border-slate-200 ${v.current ? "font-medium" : "text-slate-700"}`}
              >
                <th scope="row" className="p-2 text-left">
                  {t("contract.versionN", { n: v.version })}
                  {v.current ? (
                    <span className="badge ml-2 bg-green-100 text-green-900">{t("contract.versionCurrent")}</span>
                  ) : null}
                </th>
                <td className="p-2 text-right tabular-nums">{formatFen(v.contractAmountFen, i18n.language)}</td>
                <td className="p-2 text-right tabular-nums">{formatFen(v.nonTechnicalCostsFen, i18n.language)}</td>
                <td className="p-2 text-right tabular-nums">{formatFen(v.techTransactionAmountFen, i18n.language)}</td>
                <td className="p-2">{pickMessage(v.reason, i18n.language)}</td>
                <td className="p-2 whitespace-nowrap">
                  <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export function ContractAuditTrail({ contract, actors }: { contract: ContractDetail; actors: Record<string, string> }) {
  const { t } = useTranslation("contracts");
  return (
    <section aria-labelledby="audit-heading" className="card">
      <h2 id="audit-heading" className="text-lg font-semibold">
        {t("contract.audit")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("contract.auditIntro")}</p>
      <ScrollRegion label={t("contract.audit")} className="mt-3">
        <table className="w-full min-w-[44rem] text-sm">
          <caption className="sr-only">{t("contract.audit")}</caption>
          <FigureHeads
            columns={[
              t("contract.auditSeq"),
              t("contract.auditAt"),
              t("contract.auditAction"),
              t("contract.auditActor"),
              t("contract.auditChange"),
              t("contract.auditHash"),
            ]}
          />
          <tbody>
            {contract.auditTrail.map((e) => (
              <tr key={e.seq} className="border-t border-slate-200 align-top">
                <th scope="row" className="p-2 text-left font-normal tabular-nums">
                  {e.seq}
                </th>
                <td className="p-2 whitespace-nowrap">
                  <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                </td>
                <td className="p-2">{t(`contract.steps.${e.action}`, { defaultValue: e.action })}</td>
                <td className="p-2">{e.actorId ? (actors[e.actorId] ?? e.actorId) : t("contract.auditSystem")}</td>
                <td className="p-2">
                  <Changes before={e.before} after={e.after} />
                </td>
                <td className="p-2">
                  <code className="text-xs" title={e.hash}>
                    {e.hash.slice(0, 12)}…
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
