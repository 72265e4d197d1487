// /regions: the national table of region codes (GB/T 2260), level by level. The region picker
// loads this route's data for its dependent selects; without JavaScript the page itself is where
// someone typing a 6-digit code looks it up (plain links, one level per visit).
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { regionLevels } from "../domain/gbt2260.server.ts";
import { regionNameEn } from "../domain/regions.ts";
import { regionFullName } from "../domain/regions.server.ts";
import { withName } from "../components/region-picker.tsx";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import type { Route } from "./+types/regions";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }, { name: "description", content: data?.description ?? "" }];
}

export function headers() {
  // the table changes with a package upgrade only
  return { "Cache-Control": "public, max-age=3600" };
}

export async function loader({ request }: Route.LoaderArgs) {
  const locale = localeFromRequest(request);
  const t = serverT(locale);
  const code = new URL(request.url).searchParams.get("code");
  const { chain, levels } = regionLevels(code);
  const en = locale.startsWith("en");
  // The national table names are Chinese; provinces and the market's own regions also have an
  // English name. A name left in Chinese on an English page says so (lang), for screen readers.
  const label = (o: { code: string; name: string }): { code: string; name: string; lang?: "zh-CN" } => {
    const english = en ? regionNameEn(o.code) : null;
    return english ? { code: o.code, name: english } : { code: o.code, name: o.name, lang: en ? "zh-CN" : undefined };
  };
  return {
    meta: `${t("regionPicker.pageTitle")} · ${t("siteName")}`,
    description: t("regionPicker.pageIntro"),
    code: chain.at(-1) ?? "",
    ...chosenName(chain.at(-1), en),
    chain,
    levels: levels.map((options) => options.map(label)),
  };
}

/** The chosen region's name: in English where it has one, else its full Chinese name, marked so. */
function chosenName(code: string | undefined, en: boolean): { name: string; nameLang?: "zh-CN" } {
  if (!code) return { name: "" };
  const english = en ? regionNameEn(code) : null;
  return english ? { name: english } : { name: regionFullName(code), nameLang: en ? "zh-CN" : undefined };
}

export type RegionLevelsData = Awaited<ReturnType<typeof loader>>;

export default function Regions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { chain, levels, name, nameLang } = loaderData;
  const children = levels[chain.length];
  const optionOf = (code: string, depth: number) => levels[depth]?.find((o) => o.code === code);
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t("regionPicker.pageTitle")}</h1>
      <p className="text-slate-700">{t("regionPicker.pageIntro")}</p>
      <nav aria-label={t("regionPicker.pageTitle")}>
        <ol className="flex flex-wrap gap-x-2 text-sm">
          <li>
            <Link to="/regions" className="underline">
              {t("regionPicker.all")}
            </Link>
          </li>
          {chain.map((c, i) => (
            <li key={c}>
              <span aria-hidden="true">› </span>
              <Link
                to={`/regions?code=${c}`}
                className="underline"
                aria-current={i === chain.length - 1 ? "page" : undefined}
              >
                <span lang={optionOf(c, i)?.lang}>{optionOf(c, i)?.name ?? c}</span>{" "}
                <span className="font-mono">{c}</span>
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      {children ? (
        <>
          <h2 className="text-lg font-semibold">
            {chain.length ? withName(t, "regionPicker.children", name, nameLang) : t("regionPicker.all")}
          </h2>
          <ul className="grid gap-1 sm:grid-cols-2">
            {children.map((o) => (
              <li key={o.code}>
                <Link to={`/regions?code=${o.code}`} className="underline" lang={o.lang}>
                  {o.name}
                </Link>{" "}
                <span className="font-mono text-slate-700">{o.code}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{withName(t, "regionPicker.noChildren", name, nameLang)}</p>
      )}
    </section>
  );
}
