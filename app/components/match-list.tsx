// The matches of a listing: the results that could solve a need, or the needs a result
// could answer, each with its score (a meter) and the reasons it matched. Items are the
// /api/v1/{needs|results}/:id/matches shapes, or what search/api.server.ts matchItemsFor*() returns.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "./link.tsx";
import { FIELD_NAMES, localName, type Field } from "../domain/catalog.ts";

type Listing = { id: string; title: string; field: string; organization: { id: string; name: string } };
export type MatchListItem = { score: number; reasons: string[]; result?: Listing; need?: Listing };

const PREFIXES = [
  ["共同关键词：", "sharedKeywords"],
  ["概念：", "concept"],
  ["相关概念：", "relatedConcept"],
  ["上位概念：", "broader"],
  ["下位概念：", "narrower"],
  ["同一领域：", "sameField"],
] as const;

/**
 * Reasons are written in Chinese by the matcher; their label is shown in the reader's language.
 * The terms after it are words of the listings and of the Chinese matching vocabulary
 * (docs/decisions/0017): marked as Chinese, so English pages say what they are.
 */
export function useReason() {
  const { t, i18n } = useTranslation("search");
  const en = i18n.language.startsWith("en");
  return function reasonText(reason: string) {
    // longest prefix first (相关概念： before 概念：)
    const hit = [...PREFIXES].sort((a, b) => b[0].length - a[0].length).find(([p]) => reason.startsWith(p));
    if (!hit || !en) return reason;
    const rest = reason.slice(hit[0].length);
    if (hit[1] === "sameField") {
      const code = (Object.keys(FIELD_NAMES) as Field[]).find((f) => FIELD_NAMES[f].zh === rest);
      if (code) return `${t(`reasonPrefixes.${hit[1]}`)}${localName(FIELD_NAMES[code], "en")}`;
    }
    return (
      <>
        {t(`reasonPrefixes.${hit[1]}`)}
        <span lang="zh-CN">{rest.replaceAll("、", ", ")}</span>
      </>
    );
  };
}

/**
 * @param kind the kind of the listings shown: "result" on a need's page, "need" on a result's page
 * @param headingLevel level of the section heading (default 2)
 */
export function MatchList({
  items,
  kind,
  headingLevel = 2,
  offerLabel,
}: {
  items: MatchListItem[];
  kind: "result" | "need";
  headingLevel?: 2 | 3;
  /** when the viewer may make an offer on (results) or propose to (needs) these: the button's text */
  offerLabel?: string;
}) {
  const { t, i18n } = useTranslation("search");
  const headingId = useId();
  const reason = useReason();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const title = kind === "result" ? t("matches.forNeed") : t("matches.forResult");
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid="match-list">
      <Heading id={headingId} className="text-lg font-semibold">
        {title}
      </Heading>
      <p className="text-sm text-slate-700">{t("matches.explain")}</p>
      {items.length === 0 ? (
        <p className="card text-slate-700">{t("matches.none")}</p>
      ) : (
        <ol className="space-y-3">
          {items.map((item) => {
            const listing = (kind === "result" ? item.result : item.need)!;
            if (!listing) return null;
            const pct = Math.round(Math.max(0, Math.min(1, item.score)) * 100);
            const href = `/${kind === "result" ? "results" : "needs"}/${listing.id}`;
            return (
              <li key={listing.id} className="card space-y-2" data-testid="match-item">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold leading-snug">
                    <Link
                      to={href}
                      className="text-brand-800 underline decoration-brand-300 hover:decoration-brand-700"
                    >
                      <span data-user-content>{listing.title}</span>
                    </Link>
                  </h3>
                  <span className="flex items-center gap-2 text-sm text-slate-800">
                    <meter
                      min={0}
                      max={100}
                      low={40}
                      high={70}
                      optimum={100}
                      value={pct}
                      aria-label={t("matches.scoreLabel")}
                      className="h-2 w-20"
                    />
                    <span data-testid="match-score">{t("matches.score", { pct })}</span>
                  </span>
                </div>
                <p className="text-sm text-slate-700">
                  <Link to={`/organizations/${listing.organization.id}`} className="underline decoration-slate-400">
                    <span data-user-content>{listing.organization.name}</span>
                  </Link>
                  <span aria-hidden="true"> · </span>
                  {localName(FIELD_NAMES[listing.field as Field], i18n.language) || listing.field}
                </p>
                {item.reasons.length ? (
                  <div>
                    <p className="sr-only">{t("matches.reasons")}</p>
                    <ul className="flex flex-wrap gap-1.5" aria-label={t("matches.reasons")}>
                      {item.reasons.map((r) => (
                        <li key={r} className="badge bg-brand-50 text-brand-900" data-testid="match-reason">
                          {reason(r)}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {offerLabel ? (
                  <p>
                    <Link
                      to={`/offers/new?${kind === "result" ? "resultId" : "needId"}=${encodeURIComponent(listing.id)}`}
                      className="btn-secondary"
                      data-testid="match-offer"
                    >
                      {offerLabel}
                      <span className="sr-only"> {listing.title}</span>
                    </Link>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
