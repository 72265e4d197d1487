// Pieces the sub-centre pages share: the kind label and the year's figures (its public page, the
// staff desk and the bureau's list show the same numbers from subcentreStats()).
import { useTranslation } from "react-i18next";
import { formatFen } from "../../domain/money.ts";

export type SubcentreFigures = {
  year: number;
  needsCollected: number;
  resultsPublished: number;
  matches: number;
  offers: number;
  deals: number;
  registeredContracts: number;
  registeredAmountFen: number | bigint;
  techTransactionAmountFen: number | bigint;
  paidFen: number | bigint;
  cityAmountFen: number | bigint;
  shareOfCityBp: number | null;
  target: { amountFen: number | bigint; progressBp: number | null } | null;
  bayArea: { amountFen: number | bigint; shareBp: number | null };
};

export function KindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation("network");
  return <>{t(`kinds.${kind}`, { defaultValue: kind })}</>;
}

const pct = (bp: number | null) => (bp === null ? "—" : `${(bp / 100).toFixed(1)}%`);

export function Figures({ stats }: { stats: SubcentreFigures }) {
  const { t, i18n } = useTranslation("network");
  const money = (fen: number | bigint) => formatFen(fen, i18n.language);
  // data-value: the raw figure (a count, or fen), so a test or a script reads it without parsing the formatted text
  const items: Array<[string, string, string, string]> = [
    ["needsCollected", t("figures.needsCollected"), String(stats.needsCollected), String(stats.needsCollected)],
    ["resultsPublished", t("figures.resultsPublished"), String(stats.resultsPublished), String(stats.resultsPublished)],
    ["matches", t("figures.matches"), String(stats.matches), String(stats.matches)],
    ["offers", t("figures.offers"), String(stats.offers), String(stats.offers)],
    ["deals", t("figures.deals"), String(stats.deals), String(stats.deals)],
    [
      "registeredContracts",
      t("figures.registeredContracts"),
      String(stats.registeredContracts),
      String(stats.registeredContracts),
    ],
    [
      "registeredAmount",
      t("figures.registeredAmount"),
      money(stats.registeredAmountFen),
      String(stats.registeredAmountFen),
    ],
    [
      "techAmount",
      t("figures.techAmount"),
      money(stats.techTransactionAmountFen),
      String(stats.techTransactionAmountFen),
    ],
    ["paid", t("figures.paid"), money(stats.paidFen), String(stats.paidFen)],
    ["shareOfCity", t("figures.shareOfCity"), pct(stats.shareOfCityBp), String(stats.shareOfCityBp ?? "")],
    [
      "bayArea",
      t("figures.bayArea"),
      `${money(stats.bayArea.amountFen)} (${pct(stats.bayArea.shareBp)})`,
      String(stats.bayArea.amountFen),
    ],
  ];
  const progress = stats.target?.progressBp ?? null;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-4">
        {items.map(([key, label, value, raw]) => (
          <div key={key} className="rounded-md bg-slate-50 p-2">
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-semibold" data-testid={`figure-${key}`} data-value={raw}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {stats.target ? (
        <div className="space-y-1 text-sm">
          <p>{t("figures.target", { amount: money(stats.target.amountFen), progress: pct(progress) })}</p>
          <progress
            className="h-3 w-full"
            max={10_000}
            value={Math.min(10_000, progress ?? 0)}
            aria-label={t("figures.targetProgress")}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-700">{t("figures.noTarget")}</p>
      )}
    </div>
  );
}
