// /brokers: the public directory of verified technology brokers with their record (leads, deals,
// registered amounts). Bureau staff may also list the unverified, to verify them.
import { FilterSelect } from "../components/filter-select.tsx";
import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { DirectoryPage } from "../components/directory.tsx";
import { Link } from "../components/link.tsx";
import { can } from "../auth/permissions.ts";
import { getUser } from "../auth/session.server.ts";
import { listBrokers } from "../brokers/brokers.server.ts";
import { BROKER_LEVELS, brokerListQuerySchema } from "../brokers/schemas.ts";
import { FIELDS } from "../domain/catalog.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import type { Route } from "./+types/brokers._index";
import { RegionFilter, useLabels } from "./listings+shared/labels.tsx";
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
  return (
    <DirectoryPage
      title={t("brokers.title")}
      intro={t("brokers.intro")}
      action={
        d.isBroker ? (
          <Link to="/my/broker" className="btn-primary">
            {t("brokers.becomeBroker")}
          </Link>
        ) : null
      }
      formClassName="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      filters={
        <>
          <FilterSelect
            id="broker-level"
            name="level"
            label={t("brokers.level")}
            defaultValue={d.form.level}
            all={t("brokers.anyLevel")}
            options={BROKER_LEVELS.map((k) => ({ value: k, label: t(`levels.${k}`) }))}
          />
          <FilterSelect
            id="broker-field"
            name="field"
            label={t("brokers.field")}
            defaultValue={d.form.field}
            all={t("brokers.anyField")}
            options={FIELDS.map((f) => ({ value: f, label: l.field(f) }))}
          />
          <RegionFilter
            id="broker-region"
            name="region"
            label={t("brokers.region")}
            all={t("brokers.anyRegion")}
            defaultValue={d.form.region}
            withGroups={false}
          />
          {d.staff ? (
            <FilterSelect
              id="broker-verified"
              name="verified"
              label={t("brokers.verification")}
              defaultValue={d.form.verified}
              options={[
                { value: "yes", label: t("brokers.verified") },
                { value: "no", label: t("brokers.unverified") },
                { value: "all", label: t("brokers.all") },
              ]}
            />
          ) : null}
        </>
      }
      submitLabel={t("brokers.search")}
      list={d}
      totalText={t("brokers.total", { count: d.total })}
      noneText={t("brokers.none")}
    >
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
    </DirectoryPage>
  );
}
