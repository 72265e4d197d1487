// /review: the bureau's queue. Pending results and needs in one list, searched, filtered, sorted
// and paged on the server (the state is in the URL), each item with its age and one decision
// panel (one open at a time); bulk approval after a confirmation step that works without
// JavaScript; organizations waiting for verification below. Every decision is a POST.
import { data } from "react-router";
import { requireUserWith } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { listingAction, type ListingActionData } from "../listings/page-actions.server.ts";
import { organizationsToVerify } from "../organizations/verification.server.ts";
import { bulkApprove, parseQueueRefs, pendingTitles, reviewQueuePage } from "../listings/review-queue.server.ts";
import { BULK_MAX, parseQueueQuery, type BulkActionData } from "../listings/review-queue.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/review";
import { useLabels } from "./listings+shared/labels.tsx";
import { ActionOutcome } from "./listings+shared/review-forms.tsx";
import { BulkPanel, OrganizationsToVerify, QueueFilters, QueueList } from "./review+shared/queue.tsx";
import { Pagination } from "./listings+shared/pagination.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

const DAY = 86_400_000;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "review:listing:any");
  const t = serverT(localeFromRequest(request, user.locale));
  const url = new URL(request.url);
  const now = new Date();
  const [queue, unverified] = await Promise.all([
    reviewQueuePage(parseQueueQuery(url.searchParams), now),
    organizationsToVerify(),
  ]);
  return {
    ...queue,
    // the age is worked out here, once, so the server's and the browser's render agree
    items: queue.items.map((item) => ({
      ...item,
      ageDays: item.submittedAt ? Math.max(0, Math.floor((now.getTime() - Date.parse(item.submittedAt)) / DAY)) : 0,
    })),
    unverified,
    regionNames: regionNamesIn([queue, unverified]),
    search: url.search,
    meta: `${t("listings:review.title")} · ${t("siteName")}`,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "review:listing:any");
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  // read by hand, not through a conform schema: a bulk step carries only the ticked queue references
  // (parseQueueRefs checks each), and the single-item intents go on to listingAction, which parses its own
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "bulk-preview" && intent !== "bulk-approve") return listingAction(user, form, locale);
  const refs = parseQueueRefs(form.getAll("item").map(String));
  if (!refs.length) return data<BulkActionData>({ intent, error: t("listings:review.bulkNone") }, { status: 400 });
  if (refs.length > BULK_MAX) {
    return data<BulkActionData>(
      { intent, error: t("listings:review.bulkTooMany", { count: BULK_MAX }) },
      { status: 400 },
    );
  }
  if (intent === "bulk-approve") {
    return data<BulkActionData>({ intent, outcomes: await bulkApprove(user, refs, locale) });
  }
  // the confirmation step: what exactly will be approved (still pending, titles from the database)
  const items = await pendingTitles(refs);
  if (!items.length) return data<BulkActionData>({ intent, error: t("listings:review.bulkNone") }, { status: 409 });
  return data<BulkActionData>({ intent, items });
}

function isBulk(x: unknown): x is BulkActionData {
  const intent = (x as { intent?: unknown } | null)?.intent;
  return intent === "bulk-preview" || intent === "bulk-approve";
}

export default function Review({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useLabels();
  const d = loaderData;
  const bulk = isBulk(actionData) ? actionData : undefined;
  const single = !bulk ? (actionData as ListingActionData | undefined) : undefined;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="page-title">{t("review.title")}</h1>
        <p className="mt-1 text-slate-700">{t("review.intro")}</p>
      </header>
      <ActionOutcome actionData={single} />
      <BulkPanel bulk={bulk} />
      <section aria-labelledby="q-queue" className="space-y-3">
        <h2 id="q-queue" className="text-xl font-semibold">
          {t("review.queueHeading", { count: d.total })}
        </h2>
        <QueueFilters query={d.query} organizations={d.organizations} />
        <QueueList items={d.items} actionData={single} total={d.total} />
        <Pagination page={d.page} pages={d.pages} search={d.search} />
      </section>
      <OrganizationsToVerify items={d.unverified.items} count={d.unverified.count} />
    </div>
  );
}
