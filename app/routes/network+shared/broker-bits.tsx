// Pieces the broker pages share: the level badge, the verified record and a lead's status.
import { useTranslation } from "react-i18next";
import { formatFen } from "../../domain/money.ts";

export type BrokerRecordView = {
  leads: number;
  convertedLeads: number;
  conversionBp: number;
  deals: number;
  registeredContracts: number;
  registeredAmountFen: number;
  commissionAgreedFen: number;
};

export function LevelBadge({ level }: { level: string }) {
  const { t } = useTranslation("network");
  const colour = level === "senior" ? "bg-brand-100 text-brand-800" : "bg-slate-100 text-slate-800";
  return <span className={`badge ${colour}`}>{t(`levels.${level}`, { defaultValue: level })}</span>;
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation("network");
  return (
    <span className={`badge ${verified ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
      {verified ? t("brokers.verified") : t("brokers.unverified")}
    </span>
  );
}

/** The broker's record as a definition list: leads, conversion, deals, registered amounts, commission. */
export function BrokerRecord({ record, compact = false }: { record: BrokerRecordView; compact?: boolean }) {
  const { t, i18n } = useTranslation("network");
  const items: Array<[string, string]> = [
    [t("record.leads"), String(record.leads)],
    [t("record.conversion"), `${(record.conversionBp / 100).toFixed(1)}%`],
    [t("record.deals"), String(record.deals)],
    [t("record.registered"), String(record.registeredContracts)],
    [t("record.registeredAmount"), formatFen(record.registeredAmountFen, i18n.language)],
  ];
  if (!compact) items.push([t("record.commission"), formatFen(record.commissionAgreedFen, i18n.language)]);
  return (
    <dl className={`grid gap-2 text-sm ${compact ? "grid-cols-2" : "grid-cols-2 sm:grid-cols-3"}`}>
      {items.map(([label, value]) => (
        <div key={label} className="rounded-md bg-slate-50 p-2">
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LeadStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("network");
  const colour =
    status === "live"
      ? "bg-green-100 text-green-900"
      : status === "waived"
        ? "bg-slate-200 text-slate-800"
        : "bg-amber-100 text-amber-900";
  return <span className={`badge ${colour}`}>{t(`leadStatus.${status}`, { defaultValue: status })}</span>;
}
