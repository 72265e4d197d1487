// The user agreement and the privacy policy: one layout, the text from the `legal` namespace.
import { useTranslation } from "react-i18next";
import { useRootData } from "./root-data.ts";
import { TERMS_VERSION } from "../legal/versions.ts";

type Section = { title: string; body: string };

export function LegalPage({ doc }: { doc: "terms" | "privacy" }) {
  const { t } = useTranslation("legal");
  const site = useRootData()?.site;
  const sections = t(`${doc}.sections`, { returnObjects: true }) as unknown as Section[];
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t(`${doc}.title`)}</h1>
      <p className="text-sm text-slate-600">{t("version", { version: TERMS_VERSION })}</p>
      <p className="text-slate-800">{t(`${doc}.lead`)}</p>
      {sections.map((s) => (
        <section key={s.title} className="space-y-1">
          <h2 className="text-lg font-semibold">{s.title}</h2>
          <p className="text-slate-800">{s.body}</p>
        </section>
      ))}
      {site ? <p className="text-slate-800">{t("contactLine", { phone: site.phone, email: site.email })}</p> : null}
    </article>
  );
}
