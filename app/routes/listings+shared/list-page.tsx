// The body of /results and /needs.
import { useLocation } from "react-router";
import type { listPage } from "../../listings/pages.server.ts";
import { Filters, SearchBar } from "./filters.tsx";
import { useLabels } from "./labels.tsx";
import { ListingCard } from "./listing-card.tsx";
import { Pagination } from "./pagination.tsx";
import { pickMessage } from "../../i18n/i18n.ts";

type Data = Awaited<ReturnType<typeof listPage>>;

export function ListPage({ kind, data }: { kind: "result" | "need"; data: Data }) {
  const { t, locale } = useLabels();
  const location = useLocation();
  const title = kind === "result" ? t("list.resultsTitle") : t("list.needsTitle");
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{title}</h1>
        <p className="mt-1 text-slate-700">{kind === "result" ? t("list.resultsIntro") : t("list.needsIntro")}</p>
      </header>
      <SearchBar kind={kind} form={data.form} />
      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <aside aria-label={t("list.filters")}>
          <Filters kind={kind} form={data.form} facets={data.facets} approx={!data.facetsExact} />
        </aside>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="sr-only">
            {t("list.resultsLabel")}
          </h2>
          {!data.ok ? (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {Object.values(data.fields).map((m) => (
                <p key={m}>{t("list.invalid", { message: pickMessage(m, locale) })}</p>
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-700" role="status">
              {data.form.q
                ? t(data.totalExact ? "list.totalFor" : "list.totalForAbout", { count: data.total, q: data.form.q })
                : t("list.total", { count: data.total })}
            </p>
          )}
          {data.ok && data.items.length === 0 ? (
            <div className="card mt-3">
              <p>{t("list.none")}</p>
              <p className="mt-1 text-sm text-slate-700">{t("list.noneHint")}</p>
            </div>
          ) : (
            <ul className="mt-3 grid gap-3 md:grid-cols-2">
              {data.items.map((item) => (
                <li key={item.id}>
                  <ListingCard item={item} />
                </li>
              ))}
            </ul>
          )}
          <Pagination page={data.page} pages={data.pages} search={location.search} />
        </section>
      </div>
    </div>
  );
}
