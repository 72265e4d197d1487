// A table of technology contracts (the contracts list, the dashboard's drill-down, the
// dashboard section). Row headers are the contract titles; amounts right-aligned.
import { useTranslation } from "react-i18next";
import { Link, useLocalizedHref } from "../link.tsx";
import { CONTRACT_TYPE_NAMES, localName, type ContractType } from "../../domain/catalog.ts";
import { formatFen } from "../../domain/money.ts";
import { ContractStatusBadge } from "./badges.tsx";
import { formatDateOnly, formatDateTime } from "../../domain/time.ts";
import { FigureHeads, ScrollRegion } from "../scroll-region.tsx";
import { UnverifiedBadge } from "../unverified-badge.tsx";

export type ContractRowData = {
  id: string;
  title: string;
  type: string;
  status: string;
  seller: { name: string; verified?: boolean };
  buyer: { name: string; verified?: boolean };
  contractAmountFen: number;
  techTransactionAmountFen: number;
  registrationNumber: string | null;
  registeredAt: string | null;
  signedAt: string | null;
};

export function ContractTable({
  items,
  caption,
  compact,
}: {
  items: ContractRowData[];
  caption: string;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  return (
    <ScrollRegion label={caption}>
      <table className={`w-full border-collapse bg-white text-sm ${compact ? "" : "min-w-[60rem]"}`}>
        <caption className="sr-only">{caption}</caption>
        <FigureHeads
          nowrap
          columns={[
            t("contracts.colTitle"),
            t("contracts.colType"),
            compact ? null : t("contracts.colSeller"),
            compact ? null : t("contracts.colBuyer"),
            { label: t("contracts.colAmount"), numeric: true },
            { label: t("contracts.colTech"), numeric: true },
            t("contracts.colStatus"),
            compact ? null : t("contracts.colRegNo"),
            compact ? t("contracts.colSignedAt") : t("contracts.colRegisteredAt"),
          ]}
        />
        <tbody>
          {items.map((c) => (
            <tr key={c.id} className="border-t border-slate-200 align-top">
              <th scope="row" className="p-2 text-left font-normal">
                <Link to={`/contracts/${c.id}`}>{c.title}</Link>
              </th>
              <td className="p-2 whitespace-nowrap">
                {localName(CONTRACT_TYPE_NAMES[c.type as ContractType], lang) || c.type}
              </td>
              {compact ? null : (
                <td className="p-2">
                  {c.seller.name}
                  <UnverifiedBadge verified={c.seller.verified} />
                </td>
              )}
              {compact ? null : (
                <td className="p-2">
                  {c.buyer.name}
                  <UnverifiedBadge verified={c.buyer.verified} />
                </td>
              )}
              <td className="p-2 text-right tabular-nums whitespace-nowrap">{formatFen(c.contractAmountFen, lang)}</td>
              <td className="p-2 text-right tabular-nums whitespace-nowrap">
                {formatFen(c.techTransactionAmountFen, lang)}
              </td>
              <td className="p-2">
                <ContractStatusBadge status={c.status} />
              </td>
              {compact ? null : <td className="p-2 font-mono text-xs">{c.registrationNumber ?? "—"}</td>}
              <td className="p-2 whitespace-nowrap">
                {compact ? formatDateOnly(c.signedAt) : c.registeredAt ? formatDateTime(c.registeredAt) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** CSV and XLSX download links for the same query. */
export function ExportLinks({ csv, xlsx, what }: { csv: string; xlsx: string; what: string }) {
  const { t, i18n } = useTranslation("contracts");
  // the files in the page's language when its URL names one (docs/decisions/0024)
  const localized = useLocalizedHref();
  const colon = i18n.language.startsWith("en") ? ": " : "：";
  return (
    <span className="inline-flex flex-wrap gap-2">
      <a
        href={localized(csv)}
        download
        className="btn-secondary px-3 py-1 text-xs"
        aria-label={`${t("common.exportCsv")}${colon}${what}`}
      >
        {t("common.exportCsv")}
      </a>
      <a
        href={localized(xlsx)}
        download
        className="btn-secondary px-3 py-1 text-xs"
        aria-label={`${t("common.exportXlsx")}${colon}${what}`}
      >
        {t("common.exportXlsx")}
      </a>
    </span>
  );
}
