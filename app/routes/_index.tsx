import { useTranslation } from "react-i18next";
import type { Route } from "./+types/_index";

export function meta() {
  return [{ title: "赣州科技大市场 · Ganzhou Technology Market" }];
}

export async function loader(_: Route.LoaderArgs) {
  return {};
}

export default function Home() {
  const { t } = useTranslation();
  return (
    <section>
      <h1 className="page-title">{t("siteName")}</h1>
      <p className="mt-2 text-slate-700">{t("siteTagline")}</p>
    </section>
  );
}
