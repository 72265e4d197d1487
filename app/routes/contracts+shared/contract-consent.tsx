// The parties' consent on the contract page: who confirmed the current terms for the seller and the
// buyer, and when (shown to the parties, the broker and the bureau's review), and the confirm
// button for a party member who has not (docs/decisions/0018-contract-consent.md).
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "../../components/confirm-step.tsx";
import { useNavigation } from "react-router";
import { formatDateTime } from "../../domain/time.ts";
import { UnverifiedBadge } from "../../components/unverified-badge.tsx";
import type { ContractDetail } from "./types.ts";

const PARTIES = ["seller", "buyer"] as const;

export function ContractConsent({ contract, actors }: { contract: ContractDetail; actors: Record<string, string> }) {
  const { t } = useTranslation("contracts");
  const busy = useNavigation().state === "submitting";
  const { consent } = contract;
  if (!consent.required) {
    // nothing to confirm: consent came with the accepted offer or the won lot
    return contract.offerId ? <p className="text-sm text-slate-600">{t("consent.exemptOffer")}</p> : null;
  }
  const byParty = new Map(contract.confirmations.map((k) => [k.party, k]));
  const open = contract.status === "draft" || contract.status === "returned";
  return (
    <section className="card space-y-3" aria-labelledby="consent-h" data-testid="contract-consent">
      <h2 id="consent-h" className="text-lg font-semibold">
        {t("consent.title")}
      </h2>
      <ul className="space-y-1 text-sm">
        {PARTIES.map((party) => {
          const k = byParty.get(party);
          const org = party === "seller" ? contract.seller : contract.buyer;
          return (
            <li key={party} data-testid={`consent-${party}`}>
              <span className="font-medium">{t(`consent.${party}`)}</span> {org.name}
              <UnverifiedBadge verified={org.verified} /> ·{" "}
              {k ? (
                <span className="text-emerald-700">
                  {k.userId
                    ? t("consent.confirmedBy", {
                        name: actors[k.userId] ?? k.userId,
                        at: formatDateTime(k.confirmedAt),
                      })
                    : t("consent.confirmedOnRecord", { at: formatDateTime(k.confirmedAt) })}
                </span>
              ) : (
                <span className="text-amber-700">{t("consent.waiting")}</span>
              )}
            </li>
          );
        })}
      </ul>
      {open && consent.missing.length ? <p className="text-sm text-slate-600">{t("consent.hint")}</p> : null}
      {consent.canConfirm ? (
        <ConfirmStep
          label={t("consent.confirm")}
          message={t("consent.prompt")}
          confirmLabel={t("consent.confirmYes")}
          fields={{ intent: "confirm" }}
          tone="primary"
          busy={busy}
        />
      ) : null}
    </section>
  );
}
