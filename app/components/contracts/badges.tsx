import { useTranslation } from "react-i18next";
import { localName } from "../../domain/catalog.ts";
import { CONTRACT_STATUS_NAMES, type ContractStatus } from "../../contracts/statuses.ts";

// Text colours on light backgrounds, all above 4.5:1.
const OFFER_TONES: Record<string, string> = {
  open: "bg-amber-100 text-amber-900",
  accepted: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
  withdrawn: "bg-slate-200 text-slate-800",
};

const CONTRACT_TONES: Record<string, string> = {
  draft: "bg-slate-200 text-slate-800",
  submitted: "bg-amber-100 text-amber-900",
  returned: "bg-orange-100 text-orange-900",
  registered: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
  cancelled: "bg-slate-300 text-slate-900 line-through",
};

export function OfferStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("contracts");
  return (
    <span className={`badge whitespace-nowrap ${OFFER_TONES[status] ?? "bg-slate-200 text-slate-800"}`}>
      {t(`offers:status.${status}`, { defaultValue: status })}
    </span>
  );
}

export function ContractStatusBadge({ status }: { status: string }) {
  const { i18n } = useTranslation("contracts");
  const names = CONTRACT_STATUS_NAMES[status as ContractStatus];
  return (
    <span className={`badge whitespace-nowrap ${CONTRACT_TONES[status] ?? "bg-slate-200 text-slate-800"}`}>
      {names ? localName(names, i18n.language) : status}
    </span>
  );
}
