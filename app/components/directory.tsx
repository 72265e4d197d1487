// The page of a directory (/organizations, /brokers): a title with an intro and an optional
// action, the search form (GET, the state lives in the URL), the outcome (the refusal of a bad
// filter, or how many were found), the cards and the pages.
import type { ReactNode } from "react";
import { Form, useLocation } from "react-router";
import { Pagination } from "../routes/listings+shared/pagination.tsx";

export function DirectoryPage({
  title,
  intro,
  action,
  formClassName,
  filters,
  submitLabel,
  list,
  totalText,
  noneText,
  children,
}: {
  title: string;
  intro: string;
  action?: ReactNode;
  formClassName: string;
  /** the form's fields; the submit button follows them */
  filters: ReactNode;
  submitLabel: string;
  /** the loader's page of the directory, or its refusal of a bad filter */
  list: { error: string | null; items: readonly unknown[]; page: number; pages: number };
  totalText: string;
  noneText: string;
  /** the cards (<li>) */
  children: ReactNode;
}) {
  const location = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{title}</h1>
          <p className="mt-1 text-slate-700">{intro}</p>
        </div>
        {action ?? null}
      </header>
      <Form method="get" role="search" className={formClassName}>
        {filters}
        <button type="submit" className="btn-primary">
          {submitLabel}
        </button>
      </Form>
      {list.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {list.error}
        </p>
      ) : (
        <p role="status" className="text-sm text-slate-700">
          {totalText}
        </p>
      )}
      {list.items.length === 0 && !list.error ? <p className="card">{noneText}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</ul>
      <Pagination page={list.page} pages={list.pages} search={location.search} />
    </div>
  );
}
