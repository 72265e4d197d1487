// Previous / next links that keep every other URL parameter.
import { Link } from "../../components/link.tsx";
import { useTranslation } from "react-i18next";

export function Pagination({ page, pages, search }: { page: number; pages: number; search: string }) {
  const { t } = useTranslation("listings");
  if (pages <= 1 && page <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p <= 1) params.delete("page");
    else params.set("page", String(p));
    const s = params.toString();
    return s ? `?${s}` : "?";
  };
  return (
    <nav aria-label={t("list.pagination")} className="mt-6 flex items-center justify-between gap-4">
      {page > 1 ? (
        <Link to={href(Math.min(page - 1, pages))} className="btn-secondary" rel="prev">
          ← {t("list.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-700" aria-current="page">
        {t("list.page", { page, pages: Math.max(pages, page) })}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} className="btn-secondary" rel="next">
          {t("list.next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
