// /brokers: the public directory of verified technology brokers with their record (leads, deals,
// registered amounts). Bureau staff may also list the unverified, to verify them.
import { useTranslation } from "react-i18next";
import { data, Form, useLocation } from "react-router";
import { Link } from "../components/link.tsx";
import { can } from "../auth/permissions.ts";
import { getUser } from "../auth/session.server.ts";
import { listBrokers } from "../brokers/brokers.server.ts";
import { BROKER_LEVELS, brokerListQuerySchema } from "../brokers/schemas.ts";
import { FIELDS } from "../domain/catalog.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import type { Route } from "./+types/brokers._index";
import { RegionOptions, useLabels } from "./listings+shared/labels.tsx";
import { Pagination } from "./listings+shared/pagination.tsx";
import { BrokerRecord, LevelBadge, VerifiedBadge } from "./network+shared/broker-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

const PAGE_SIZE = 24;

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const t = serverT(locale);
  const url = new URL(request.url);
  const staff = can(viewer, "verify:broker:any");
  const raw = Object.fromEntries(
    ["field", "region", "level", "verified", "page"]
      .map((k) => [k, url.searchParams.get(k) ?? ""] as const)
      .filter(([, v]) => v !== ""),
  );
  const form = {
    field: raw.field ?? "",
    region: raw.region ?? "",
    level: raw.level ?? "",
    verified: raw.verified ?? "",
  };
  const meta = `${t("network:brokers.title")} · ${t("siteName")}`;
  const parsed = brokerListQuerySchema.safeParse({ ...raw, pageSize: PAGE_SIZE });
  if (!parsed.success) {
    const message = pickMessage(parsed.error.issues[0]?.message, locale);
    return data(
      { meta, staff, form, error: message, items: [], total: 0, page: 1, pages: 1, isBroker: false },
      { status: 400 },
    );
  }
  const list = await listBrokers(parsed.data, viewer);
  return {
    meta,
    staff,
    form,
    error: null as string | null,
    items: list.items,
    total: list.total,
    page: list.page,
    pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
    isBroker: viewer?.role === "broker",
  };
}

export default function Brokers({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const l = useLabels();
  const location = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{t("brokers.title")}</h1>
          <p className="mt-1 text-slate-700">{t("brokers.intro")}</p>
        </div>
        {d.isBroker ? (
          <Link to="/my/broker" className="btn-primary">
            {t("brokers.becomeBroker")}
          </Link>
        ) : null}
      </header>
      <Form method="get" role="search" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <div>
          <label htmlFor="broker-level" className="block text-sm">
            {t("brokers.level")}
          </label>
          <select id="broker-level" name="level" defaultValue={d.form.level} className="input mt-1">
            <option value="">{t("brokers.anyLevel")}</option>
            {BROKER_LEVELS.map((k) => (
              <option key={k} value={k}>
                {t(`levels.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="broker-field" className="block text-sm">
            {t("brokers.field")}
          </label>
          <select id="broker-field" name="field" defaultValue={d.form.field} className="input mt-1">
            <option value="">{t("brokers.anyField")}</option>
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {l.field(f)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="broker-region" className="block text-sm">
            {t("brokers.region")}
          </label>
          <select id="broker-region" name="region" defaultValue={d.form.region} className="input mt-1">
            <option value="">{t("brokers.anyRegion")}</option>
            <RegionOptions withGroups={false} />
          </select>
        </div>
        {d.staff ? (
          <div>
            <label htmlFor="broker-verified" className="block text-sm">
              {t("brokers.verification")}
            </label>
            <select id="broker-verified" name="verified" defaultValue={d.form.verified} className="input mt-1">
              <option value="yes">{t("brokers.verified")}</option>
              <option value="no">{t("brokers.unverified")}</option>
              <option value="all">{t("brokers.all")}</option>
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn-primary">
          {t("brokers.search")}
        </button>
      </Form>
      {d.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {d.error}
        </p>
      ) : (
        <p role="status" className="text-sm text-slate-700">
          {t("brokers.total", { count: d.total })}
        </p>
      )}
      {d.items.length === 0 && !d.error ? <p className="card">{t("brokers.none")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {d.items.map((b) => (
          <li key={b.id} className="card flex flex-col gap-2">
            <h2 className="text-base font-semibold">
              <Link to={`/brokers/${b.id}`}>{b.name}</Link>
            </h2>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <LevelBadge level={b.level} />
              <VerifiedBadge verified={b.verified} />
            </p>
            <p className="text-sm text-slate-700">
              {t("brokers.org")}
              {l.colon}
              {b.brokerOrg.name}
            </p>
            {b.fields.length ? (
              <p className="text-sm text-slate-700">
                {t("brokers.fields")}
                {l.colon}
                {l.join(b.fields.map((f) => l.field(f)))}
              </p>
            ) : null}
            <BrokerRecord record={b.record} compact />
          </li>
        ))}
      </ul>
      <Pagination page={d.page} pages={d.pages} search={location.search} />
    </div>
  );
}
