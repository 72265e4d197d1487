import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { Link } from "../link.tsx";

/** Previous / next links that keep the other query parameters. */
export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useTranslation("contracts");
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label={t("common.page", { page, pages })} className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      <span>{t("common.totalItems", { total })}</span>
      <span>{t("common.page", { page, pages })}</span>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      ) : null}
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}
