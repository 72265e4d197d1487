// The body of /my/results and /my/needs: the organization's listings as a table, by status.
import type { ReactNode } from "react";
import { useLocation } from "react-router";
import { Link } from "../../components/link.tsx";
import { LISTING_STATUSES } from "../../domain/catalog.ts";
import type { myListingsPage } from "../../listings/pages.server.ts";
import { StatusBadge, useLabels } from "./labels.tsx";
import { Pagination } from "./pagination.tsx";
import { formatDateTime } from "../../domain/time.ts";

type Data = Awaited<ReturnType<typeof myListingsPage>>;

export function MyList({ kind, data, notices }: { kind: "result" | "need"; data: Data; notices?: ReactNode }) {
  const l = useLabels();
  const { t } = l;
  const location = useLocation();
  const base = kind === "result" ? "/my/results" : "/my/needs";
  const publicBase = kind === "result" ? "/results" : "/needs";
  return (
    <section className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{kind === "result" ? t("my.resultsTitle") : t("my.needsTitle")}</h1>
          <p className="mt-1 text-slate-700">{t("my.intro")}</p>
        </div>
        {data.hasOrganization ? (
          <Link to={`${base}/new`} className="btn-primary">
            {kind === "result" ? t("my.newResult") : t("my.newNeed")}
          </Link>
        ) : null}
      </header>
      {notices}
      {new URLSearchParams(location.search).get("done") === "deleted" ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("my.deleted")}
        </p>
      ) : null}
      {!data.hasOrganization ? (
        <p role="alert" className="card">
          {t("form.noOrganization")}
        </p>
      ) : (
        <>
          <nav aria-label={t("my.statusFilter")}>
            <ul className="flex flex-wrap gap-2">
              {["", ...LISTING_STATUSES].map((s) => (
                <li key={s || "all"}>
                  <Link
                    to={s ? `${base}?status=${s}` : base}
                    aria-current={data.status === s ? "page" : undefined}
                    className={`badge px-3 py-1 text-sm no-underline ${data.status === s ? "bg-brand-700 text-white" : "bg-white text-slate-800 ring-1 ring-slate-300"}`}
                  >
                    {s ? l.status(s) : t("my.all")}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {data.items.length === 0 ? (
            <p className="card">{t("my.none")}</p>
          ) : (
            <div className="card overflow-x-auto p-0">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-semibold">
                      {t("my.title")}
                    </th>
                    <th scope="col" className="px-4 py-2 font-semibold">
                      {t("my.status")}
                    </th>
                    <th scope="col" className="px-4 py-2 font-semibold">
                      {t("my.updated")}
                    </th>
                    <th scope="col" className="px-4 py-2 font-semibold">
                      {t("my.actions")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.id} className="border-b border-slate-100 align-top">
                      <td className="px-4 py-2">
                        <Link to={`${publicBase}/${item.id}`}>{item.title}</Link>
                        <p className="text-xs text-slate-600">
                          {l.field(item.field)} · {l.money(item.moneyFen)}
                        </p>
                        {item.status === "rejected" && item.rejectionReason ? (
                          <p className="mt-1 text-xs text-red-800">
                            {t("my.rejectedBecause", { reason: item.rejectionReason })}
                          </p>
                        ) : null}
                      </td>
                      <td className="px-4 py-2">
                        <StatusBadge status={item.status} />
                      </td>
                      <td className="whitespace-nowrap px-4 py-2">{formatDateTime(item.updatedAt)}</td>
                      <td className="whitespace-nowrap px-4 py-2">
                        <Link to={`${base}/${item.id}/edit`} aria-label={`${t("my.edit")}${l.colon}${item.title}`}>
                          {t("my.edit")}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={data.page} pages={data.pages} search={location.search} />
        </>
      )}
    </section>
  );
}
