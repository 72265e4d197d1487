// The pages of /my/results/new, /my/needs/new and their /:id/edit (one component each for both
// kinds; the per-kind differences are in EDIT_KIND). Server half: listings/edit-route.server.ts.
import { useSearchParams } from "react-router";
import { Link } from "../../components/link.tsx";
import { replyFor } from "../../components/sent-form.ts";
import type { editListingLoader, newListingLoader } from "../../listings/edit-route.server.ts";
import { ListingEditExtras } from "./edit-extras.tsx";
import { StatusBadge, useLabels } from "./labels.tsx";
import { NeedForm, ResultForm, type FormContext, type NeedDefaults, type ResultDefaults } from "./listing-form.tsx";

const EDIT_KIND = {
  result: { path: "/results", newTitle: "form.newResult", editTitle: "form.editResult", listTitle: "my.resultsTitle" },
  need: { path: "/needs", newTitle: "form.newNeed", editTitle: "form.editNeed", listTitle: "my.needsTitle" },
} as const;
type Kind = keyof typeof EDIT_KIND;

/** The kind's form; the loader's defaults are that kind's (editPageData/newPageData). */
function KindForm(props: { kind: Kind; defaultValue: object; lastResult: unknown; ctx: FormContext }) {
  const lastResult = props.lastResult as never;
  return props.kind === "result" ? (
    <ResultForm
      key={props.ctx.status}
      defaultValue={props.defaultValue as Partial<ResultDefaults>}
      lastResult={lastResult}
      ctx={props.ctx}
    />
  ) : (
    <NeedForm
      key={props.ctx.status}
      defaultValue={props.defaultValue as Partial<NeedDefaults>}
      lastResult={lastResult}
      ctx={props.ctx}
    />
  );
}

export function NewListing({
  kind,
  data,
  actionData,
}: {
  kind: Kind;
  data: Awaited<ReturnType<typeof newListingLoader>>;
  actionData: unknown;
}) {
  const { t } = useLabels();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t(EDIT_KIND[kind].newTitle)}</h1>
      {data.hasOrganization ? (
        <KindForm
          kind={kind}
          defaultValue={data.defaultValue}
          lastResult={actionData}
          ctx={{ status: null, verified: data.verified }}
        />
      ) : (
        <p role="alert" className="card">
          {t("form.noOrganization")}
        </p>
      )}
    </section>
  );
}

export function EditListing({
  kind,
  data,
  actionData,
}: {
  kind: Kind;
  data: Awaited<ReturnType<typeof editListingLoader>>;
  actionData: unknown;
}) {
  const { t } = useLabels();
  const [params] = useSearchParams();
  const done = params.get("done");
  const notices: Record<string, string> = {
    saved: t("form.saved"),
    submitted: t("form.submitted"),
    withdrawn: t("form.withdrawn"),
  };
  const k = EDIT_KIND[kind];
  // the page's two forms post here: the listing's, and the file upload's (its reply goes only to it)
  const uploadReply = replyFor(actionData, { intent: "upload" });
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={`/my${k.path}`}>← {t(k.listTitle)}</Link>
      </p>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t(k.editTitle)}</h1>
        <p className="flex items-center gap-2 text-sm">
          <StatusBadge status={data.status} />
          <Link to={`${k.path}/${data.id}`}>{t("my.view")}</Link>
        </p>
      </header>
      {done && notices[done] ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {notices[done]}
        </div>
      ) : null}
      <KindForm
        kind={kind}
        defaultValue={data.defaultValue}
        lastResult={uploadReply ? undefined : actionData}
        ctx={{ status: data.status, rejectionReason: data.rejectionReason, verified: data.verified }}
      />
      <ListingEditExtras
        kind={kind}
        id={data.id}
        status={data.status}
        files={data.files}
        limits={data.fileLimits}
        reply={uploadReply}
      />
    </section>
  );
}
