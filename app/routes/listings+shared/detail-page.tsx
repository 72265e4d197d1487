// The body of /results/:id and /needs/:id.
import { UnverifiedBadge } from "../../components/unverified-badge.tsx";
import { lazy, Suspense, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { Link } from "../../components/link.tsx";
import type { DetailData } from "../../listings/pages.server.ts";
import type { ListingActionData } from "../../listings/page-actions.server.ts";
import { HistoryTable } from "./history-table.tsx";
import { StatusBadge, useLabels } from "./labels.tsx";
import { ActionOutcome, IntentButton } from "./review-forms.tsx";
import { formatDateTime, formatDay } from "../../domain/time.ts";
import { HydrateLater } from "../../components/hydrate-later.tsx";

// Only a reviewer sees the approve / reject forms: zod and conform (about 40 KB compressed) load
// for them alone, not for every visitor of a result or a need (docs/decisions/0030).
const ReviewForms = lazy(() => import("./review-decision-form.tsx").then((m) => ({ default: m.ReviewForms })));

function StatusBanner({ status, reason }: { status: string; reason: string | null }) {
  const l = useLabels();
  const { t } = l;
  if (status === "published") return null;
  const note =
    status === "pending_review"
      ? t("detail.pendingNote")
      : status === "rejected"
        ? t("detail.rejectedNote", { reason: reason ?? "" })
        : status === "withdrawn"
          ? t("detail.withdrawnNote")
          : t("detail.draftNote");
  const tone =
    status === "rejected" ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900";
  return (
    <div role="status" className={`rounded-md border p-3 text-sm ${tone}`}>
      <p className="font-medium">{t("detail.statusBanner", { status: l.status(status) })}</p>
      <p className="mt-1">{note}</p>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 py-1.5">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** What a signed-in participant who may not offer here can do instead. */
function OfferBlocked({ reason, kind }: { reason: "ownListing" | "role" | "noOrganization"; kind: "result" | "need" }) {
  const { t } = useLabels();
  const isResult = kind === "result";
  const text =
    reason === "ownListing"
      ? t(isResult ? "detail.blocked.ownResult" : "detail.blocked.ownNeed")
      : reason === "role"
        ? t(isResult ? "detail.blocked.roleResult" : "detail.blocked.roleNeed")
        : t("detail.blocked.noOrganization");
  return (
    <div className="space-y-2" data-testid="offer-blocked">
      <p className="text-sm text-slate-700">{text}</p>
      {reason === "role" ? (
        <p className="flex flex-wrap gap-2">
          <Link to={isResult ? "/my/results/new" : "/my/needs/new"} className="btn-secondary">
            {isResult ? t("detail.blocked.postResult") : t("detail.blocked.postNeed")}
          </Link>
          <Link to={isResult ? "/needs" : "/results"} className="btn-secondary">
            {isResult ? t("detail.blocked.browseNeeds") : t("detail.blocked.browseResults")}
          </Link>
        </p>
      ) : reason === "noOrganization" ? (
        <Link to="/account" className="btn-secondary">
          {t("detail.blocked.account")}
        </Link>
      ) : null}
    </div>
  );
}

export function DetailPage({
  data,
  actionData,
  matches,
  files,
}: {
  data: DetailData;
  actionData?: ListingActionData;
  /** The search feature's matches (MatchList), when there are any. */
  matches?: ReactNode;
  /** The listing's pictures and documents (components/listing-files.tsx). */
  files?: ReactNode;
}) {
  const l = useLabels();
  const { t } = l;
  const { item, role, kind } = data;
  const isResult = kind === "result";
  const listPath = isResult ? "/results" : "/needs";
  const editPath = `/my${listPath}/${item.id}/edit`;
  const offerPath = `/offers/new?${isResult ? "resultId" : "needId"}=${encodeURIComponent(item.id)}`;
  const [searchParams] = useSearchParams();
  const justSubmitted =
    item.status === "pending_review" &&
    (searchParams.get("done") === "submitted" || (actionData?.done === "submitted" && !actionData.error));
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={listPath}>← {t("detail.backToList")}</Link>
      </p>
      {justSubmitted ? (
        <section
          role="status"
          aria-labelledby="next-heading"
          className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900"
        >
          <h2 id="next-heading" className="font-semibold">
            {t("form.submittedNextTitle")}
          </h2>
          <p className="mt-1">{t("form.submittedNext")}</p>
        </section>
      ) : (
        <StatusBanner status={item.status} reason={item.rejectionReason} />
      )}
      <ActionOutcome actionData={actionData} />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <article className="space-y-4" aria-labelledby="listing-title">
          <header className="card space-y-2">
            <p className="text-sm text-slate-700">{t(`kind.${kind}`)}</p>
            <h1 id="listing-title" className="page-title break-words">
              {item.title}
            </h1>
            <p className="flex flex-wrap gap-1">
              {item.status !== "published" ? <StatusBadge status={item.status} /> : null}
              <span className="badge bg-brand-50 text-brand-800">{l.field(item.field)}</span>
              {item.maturity ? (
                <span className="badge bg-slate-100 text-slate-800">{l.maturity(item.maturity)}</span>
              ) : null}
            </p>
            {item.keywords.length ? (
              <p className="text-sm text-slate-700">
                {t("detail.keywords")}
                {l.colon}
                {l.join(item.keywords)}
              </p>
            ) : null}
          </header>
          <section className="card" aria-labelledby="body-heading">
            <h2 id="body-heading" className="text-lg font-semibold">
              {isResult ? t("detail.summary") : t("detail.description")}
            </h2>
            <p className="mt-2 whitespace-pre-line break-words leading-relaxed">{item.body}</p>
            {item.targetIndicators ? (
              <>
                <h3 className="mt-4 font-semibold">{t("detail.targetIndicators")}</h3>
                <p className="mt-1 whitespace-pre-line break-words">{item.targetIndicators}</p>
              </>
            ) : null}
          </section>
          {isResult ? (
            <section className="card" aria-labelledby="ip-heading">
              <h2 id="ip-heading" className="text-lg font-semibold">
                {t("detail.ip")}
              </h2>
              <p className="mt-2 whitespace-pre-line break-words">{item.ipDescription || t("detail.noIp")}</p>
              {item.patentNumbers.length ? (
                <p className="mt-2 text-sm">
                  {t("detail.patentNumbers")}
                  {l.colon}
                  {l.join(item.patentNumbers)}
                </p>
              ) : null}
            </section>
          ) : null}
          <HydrateLater>{files}</HydrateLater>
        </article>

        {/* On phones the price, the offer button and the contact come right after the description,
            before the matches; on wide screens they stay in the right-hand column. */}
        <aside className="space-y-4 lg:col-start-2 lg:row-span-2 lg:row-start-1" aria-label={t("detail.organization")}>
          <section className="card space-y-3" aria-labelledby="deal-heading">
            <h2 id="deal-heading" className="sr-only">
              {isResult ? t("detail.price") : t("detail.budget")}
            </h2>
            <dl>
              <Row label={isResult ? t("detail.price") : t("detail.budget")}>
                <span className="text-lg font-bold text-accent-600">{l.money(item.moneyFen)}</span>
              </Row>
              <Row label={isResult ? t("detail.transferModes") : t("detail.cooperationMode")}>
                {item.modes.length ? l.join(item.modes.map((m) => l.mode(m))) : t("detail.notSet")}
              </Row>
              {!isResult ? <Row label={t("detail.deadline")}>{item.deadline ?? t("detail.notSet")}</Row> : null}
              {item.publishedAt ? <Row label={t("detail.publishedAt")}>{formatDay(item.publishedAt)}</Row> : null}
              <Row label={t("detail.updatedAt")}>{formatDateTime(item.updatedAt)}</Row>
            </dl>
            {/* Offers and proposals are the contracts feature's pages. */}
            {role.canOffer && role.orgUnverified ? (
              <div>
                <button type="button" className="btn-primary w-full" disabled aria-describedby="offer-unverified">
                  {isResult ? t("detail.makeOffer") : t("detail.makeProposal")}
                </button>
                <p id="offer-unverified" className="mt-2 text-sm text-slate-700">
                  {t("detail.offerUnverified")}
                </p>
              </div>
            ) : role.canOffer ? (
              <div>
                <p className="text-sm text-slate-700">{isResult ? t("detail.offerHint") : t("detail.proposalHint")}</p>
                <Link to={offerPath} className="btn-primary mt-2 w-full">
                  {isResult ? t("detail.makeOffer") : t("detail.makeProposal")}
                </Link>
              </div>
            ) : role.offerBlocked ? (
              <OfferBlocked reason={role.offerBlocked} kind={kind} />
            ) : !role.loggedIn && item.status === "published" ? (
              <Link
                to={`/login?redirectTo=${encodeURIComponent(`${listPath}/${item.id}`)}`}
                className="btn-secondary w-full"
              >
                {t("detail.loginToOffer")}
              </Link>
            ) : null}
          </section>
          <section className="card" aria-labelledby="org-heading">
            <h2 id="org-heading" className="text-base font-semibold">
              {t("detail.organization")}
            </h2>
            <p className="mt-2">
              <Link to={`/organizations/${item.organization.id}`}>{item.organization.name}</Link>
              <UnverifiedBadge verified={!!item.organization.verifiedAt} />
            </p>
            <p className="mt-1 text-sm text-slate-700">
              {l.orgKind(item.organization.kind)} · {l.region(item.organization.regionCode)}
            </p>
          </section>
          <section className="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading" className="text-base font-semibold">
              {t("detail.contact")}
            </h2>
            {item.contact.name || item.contact.phone || item.contact.email ? (
              <dl className="mt-1">
                {item.contact.name ? <Row label={t("detail.contactName")}>{item.contact.name}</Row> : null}
                {item.contact.phone ? (
                  <Row label={t("detail.contactPhone")}>
                    <a href={`tel:${item.contact.phone.replace(/[^0-9+]/g, "")}`}>{item.contact.phone}</a>
                  </Row>
                ) : null}
                {item.contact.email ? (
                  <Row label={t("detail.contactEmail")}>
                    <a href={`mailto:${item.contact.email}`} className="break-all">
                      {item.contact.email}
                    </a>
                  </Row>
                ) : null}
              </dl>
            ) : (
              <p className="mt-2 text-sm text-slate-700">{t("detail.noContact")}</p>
            )}
          </section>
          {role.canEdit ? (
            <section className="card space-y-2" aria-labelledby="manage-heading">
              <h2 id="manage-heading" className="text-base font-semibold">
                {t("detail.ownerActions")}
              </h2>
              <div className="flex flex-wrap gap-2">
                <Link to={editPath} className="btn-secondary">
                  {t("detail.edit")}
                </Link>
                {["draft", "rejected", "withdrawn"].includes(item.status) ? (
                  <IntentButton
                    intent="submit"
                    kind={kind}
                    id={item.id}
                    label={t("form.submitForReview")}
                    tone="primary"
                  />
                ) : null}
                {["pending_review", "published", "rejected"].includes(item.status) ? (
                  <IntentButton
                    intent="withdraw"
                    kind={kind}
                    id={item.id}
                    label={t("form.withdraw")}
                    tone="danger"
                    confirm={{ message: t("form.withdrawConfirm"), button: t("form.withdrawConfirmButton") }}
                  />
                ) : null}
              </div>
              {item.status === "published" ? (
                <p className="text-xs text-slate-700">{t("form.publishedEditNotice")}</p>
              ) : null}
              {role.canSell ? (
                <p className="flex flex-wrap gap-2">
                  <Link to={`/auctions/new?resultId=${item.id}`} className="btn-primary" data-testid="put-on-sale">
                    {t("detail.putOnSale")}
                  </Link>
                  <Link to="/my/lots" className="btn-secondary">
                    {t("detail.myLots")}
                  </Link>
                </p>
              ) : null}
            </section>
          ) : null}
        </aside>
        <div className="space-y-4 lg:col-start-1">
          <HydrateLater>{matches}</HydrateLater>
          {role.canReview ? (
            <section className="card" aria-labelledby="review-heading">
              <h2 id="review-heading" className="text-lg font-semibold">
                {t("detail.reviewActions")}
              </h2>
              <div className="mt-3">
                <Suspense fallback={null}>
                  <ReviewForms kind={kind} id={item.id} actionData={actionData} />
                </Suspense>
              </div>
            </section>
          ) : null}
          {data.history ? (
            <HydrateLater>
              <HistoryTable entries={data.history} />
            </HydrateLater>
          ) : null}
        </div>
      </div>
    </div>
  );
}
