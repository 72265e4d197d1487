// /search?q=&kind=all|result|need — one search over results and needs. The state lives
// in the URL; the box suggests as you type; highlighted titles and snippets come from the search
// engine, which escapes everything but <mark>.
import { data } from "react-router";
import { Link } from "../components/link.tsx";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/search";
import { prisma } from "../db/db.server.ts";
import { FIELD_NAMES, localName, type Field } from "../domain/catalog.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { SearchSuggest } from "../components/search-suggest.tsx";
import { searchListings, type ListingKind } from "../../search/index.server.ts";

const MAX_Q = 200;
type Card = {
  id: string;
  kind: ListingKind;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  field: string;
  orgName: string;
  orgId: string;
};

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "" }];
}

async function section(kind: ListingKind, q: string, pageSize: number) {
  const res = await searchListings({ kind, q, page: 1, pageSize });
  const select = { id: true, title: true, field: true, organization: { select: { id: true, name: true } } } as const;
  const rows = res.ids.length
    ? kind === "result"
      ? await prisma.result.findMany({ where: { id: { in: res.ids }, status: "published" }, select })
      : await prisma.need.findMany({ where: { id: { in: res.ids }, status: "published" }, select })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: Card[] = res.ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const h = res.highlights[id] ?? {};
    return [
      {
        id,
        kind,
        title: r.title,
        titleHtml: h.title ?? "",
        snippetHtml: h.snippet ?? "",
        field: r.field,
        orgName: r.organization.name,
        orgId: r.organization.id,
      },
    ];
  });
  return { total: res.total, items };
}

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const t = serverT(localeFromRequest(request));
  const raw = (url.searchParams.get("q") ?? "").trim();
  const q = raw.slice(0, MAX_Q);
  const kindParam = url.searchParams.get("kind");
  const kind: "all" | ListingKind = kindParam === "result" || kindParam === "need" ? kindParam : "all";
  const title = `${q ? `${q} · ` : ""}${t("search:page.title")} · ${t("siteName")}`;
  if (!q) return data({ q, kind, truncated: false, results: null, needs: null, title });
  const size = kind === "all" ? 6 : 20;
  const [results, needs] = await Promise.all([
    kind === "need" ? null : section("result", q, size),
    kind === "result" ? null : section("need", q, size),
  ]);
  return data({ q, kind, truncated: raw.length > MAX_Q, results, needs, title });
}

function Section({
  kind,
  q,
  data: d,
  showAll,
}: {
  kind: ListingKind;
  q: string;
  data: { total: number; items: Card[] };
  showAll: boolean;
}) {
  const { t, i18n } = useTranslation("search");
  const what = kind === "result" ? t("page.results") : t("page.needs");
  const headingId = `search-${kind}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {what} <span className="text-sm font-normal text-slate-700">{t("page.countFor", { q, count: d.total })}</span>
      </h2>
      {d.items.length === 0 ? (
        <p className="card text-slate-700">{t("page.none")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {d.items.map((c) => (
            <li key={c.id} className="card space-y-1.5" data-testid="search-hit">
              <h3 className="font-semibold leading-snug">
                {/* escaped by the search engine except <mark> */}
                <Link
                  to={`/${kind === "result" ? "results" : "needs"}/${c.id}`}
                  dangerouslySetInnerHTML={{ __html: c.titleHtml || escapeText(c.title) }}
                />
              </h3>
              <p className="text-sm text-slate-700">
                {c.orgName}
                <span aria-hidden="true"> · </span>
                {localName(FIELD_NAMES[c.field as Field], i18n.language) || c.field}
              </p>
              {c.snippetHtml ? (
                <p className="text-sm text-slate-700" dangerouslySetInnerHTML={{ __html: c.snippetHtml }} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {showAll && d.total > d.items.length ? (
        <p>
          <Link
            className="text-brand-800 underline"
            to={`/${kind === "result" ? "results" : "needs"}?q=${encodeURIComponent(q)}`}
          >
            {t("page.seeAll", { count: d.total, what })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function escapeText(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export default function SearchPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("search");
  const { q, kind, results, needs, truncated } = loaderData;
  const tabs: Array<["all" | ListingKind, string]> = [
    ["all", t("page.kindAll")],
    ["result", t("page.results")],
    ["need", t("page.needs")],
  ];
  return (
    <div className="space-y-5">
      <header>
        <h1 className="page-title">{t("page.title")}</h1>
        <p className="mt-1 text-slate-700">{t("page.intro")}</p>
      </header>
      <SearchSuggest
        action="/search"
        defaultValue={q}
        label={t("page.label")}
        placeholder={t("page.placeholder")}
        hiddenFields={kind === "all" ? {} : { kind }}
      />
      <nav aria-label={t("page.title")} className="flex gap-2 text-sm">
        {tabs.map(([k, label]) => (
          <Link
            key={k}
            to={`/search?${new URLSearchParams({ ...(q ? { q } : {}), ...(k === "all" ? {} : { kind: k }) }).toString()}`}
            aria-current={k === kind ? "page" : undefined}
            className={`rounded-full px-3 py-1 ${k === kind ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
      {truncated ? (
        <p role="status" className="text-sm text-amber-900">
          {t("page.tooLong", { max: MAX_Q })}
        </p>
      ) : null}
      {!q ? (
        <div className="card space-y-1">
          <p>{t("page.empty")}</p>
          <p className="text-sm text-slate-700">{t("page.tips")}</p>
        </div>
      ) : (
        <>
          {results ? (
            <Section
              kind="result"
              q={q}
              data={results}
              showAll={kind === "all" || results.total > results.items.length}
            />
          ) : null}
          {needs ? (
            <Section kind="need" q={q} data={needs} showAll={kind === "all" || needs.total > needs.items.length} />
          ) : null}
          {results && needs && results.total + needs.total === 0 ? (
            <p className="text-sm text-slate-700">{t("page.noneHint")}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
