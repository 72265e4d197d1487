// /contracts/:id/certificate — the printable 技术合同认定登记证明 of a registered contract: the
// registration number, parties, type, 合同成交额 and 技术交易额, registration date. Print CSS in
// certificate.css keeps only the certificate on an A4 page.
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { regionNamesOf } from "../domain/regions.server.ts";
import type { Route } from "./+types/contracts.$id_.certificate";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { getContract } from "../contracts/contracts.server.ts";
import { prisma } from "../db/db.server.ts";
import { formatFenExact } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { Notice } from "../components/forms.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { typeLabel } from "./contracts+shared/contract-summary.tsx";
import certificateCss from "./contracts+shared/certificate.css?url";
import { formatDateOnly, formatLongDay } from "../domain/time.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: certificateCss }];

export function meta({ data, matches }: Route.MetaArgs) {
  const number = data?.contract.registrationNumber;
  return [{ title: metaTitle(matches, "titles:certificate", ...(number ? [{ text: number }] : [])) }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const contract = await orErrorPage(locale, () => getContract(params.id, user));
  // The parties' credit codes appear on the certificate (a read of the two organizations).
  const orgs = await prisma.organization.findMany({
    where: {
      id: { in: [contract.sellerOrgId, contract.buyerOrgId, ...(contract.brokerOrgId ? [contract.brokerOrgId] : [])] },
    },
    select: { id: true, creditCode: true },
  });
  return {
    contract,
    creditCodes: Object.fromEntries(orgs.map((o) => [o.id, o.creditCode])),
    regionNames: regionNamesOf([contract.seller, contract.buyer, contract.broker].map((o) => o?.regionCode)),
  };
}

export default function Certificate({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const colon = i18n.language.startsWith("en") ? ": " : "：";
  const lang = i18n.language;
  const { contract: c, creditCodes } = loaderData;
  const registered = !!c.registrationNumber && (c.status === "registered" || c.status === "cancelled");
  const rows: Array<[string, React.ReactNode]> = [
    [
      t("certificate.number"),
      <span key="number" className="font-mono text-lg tracking-wider">
        {c.registrationNumber}
      </span>,
    ],
    [t("certificate.contractTitle"), c.title],
    [t("certificate.type"), typeLabel(c.type, c.subtype, lang)],
    [
      t("certificate.seller"),
      <Fragment key="seller">
        {c.seller.name}
        <span className="block text-sm">
          {t("certificate.creditCode")}
          {colon}
          {creditCodes[c.sellerOrgId] ?? "—"}
        </span>
      </Fragment>,
    ],
    [
      t("certificate.buyer"),
      <Fragment key="buyer">
        {c.buyer.name}
        <span className="block text-sm">
          {t("certificate.creditCode")}
          {colon}
          {creditCodes[c.buyerOrgId] ?? "—"}
        </span>
      </Fragment>,
    ],
    ...(c.broker ? [[t("certificate.broker"), c.broker.name] as [string, React.ReactNode]] : []),
    ...(c.brokerUser ? [[t("certificate.brokerPerson"), c.brokerUser.name] as [string, React.ReactNode]] : []),
    [
      t("certificate.contractAmount"),
      <span key="contractAmount" className="text-lg font-semibold">
        {formatFenExact(c.contractAmountFen, lang)}
      </span>,
    ],
    [
      t("certificate.techAmount"),
      <span key="techAmount" className="text-lg font-semibold">
        {formatFenExact(c.techTransactionAmountFen, lang)}
      </span>,
    ],
    [t("certificate.signedAt"), formatDateOnly(c.signedAt)],
    ...(c.validUntil ? [[t("certificate.validUntil"), formatDateOnly(c.validUntil)] as [string, React.ReactNode]] : []),
    [t("certificate.registeredAt"), formatLongDay(c.registeredAt, lang)],
    [
      t("certificate.registrationPoint"),
      t("certificate.registrationPointValue", { point: c.registrationPoint ?? "01" }),
    ],
  ];
  return (
    <div className="mx-auto max-w-3xl">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link to={`/contracts/${c.id}`}>← {t("certificate.back")}</Link>
        {registered ? (
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("common.print")}
          </button>
        ) : null}
      </div>
      {!registered ? (
        <Notice tone="warning">{t("certificate.notRegistered")}</Notice>
      ) : (
        <article
          className="certificate relative rounded-sm border-4 border-double border-red-800 bg-white p-8 text-slate-900 shadow-sm"
          aria-labelledby="cert-title"
        >
          {c.status === "cancelled" ? (
            <p className="absolute right-6 top-6 rotate-12 rounded border-4 border-red-700 px-3 py-1 text-2xl font-bold text-red-700">
              {t("certificate.cancelledMark")}
            </p>
          ) : null}
          <h1 id="cert-title" className="text-center text-3xl font-bold tracking-[0.3em] text-red-900">
            {t("certificate.title")}
          </h1>
          <p className="mt-2 text-center font-mono text-slate-700">No. {c.registrationNumber}</p>
          <table className="certificate-table mt-6 w-full border-collapse">
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row" className="w-48 bg-slate-50 text-left font-medium">
                    {label}
                  </th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-6 leading-relaxed">{t("certificate.statement")}</p>
          {c.version > 1 ? <p className="mt-2 text-sm">{t("certificate.version", { n: c.version })}</p> : null}
          <div className="mt-10 flex items-center justify-end gap-6">
            {/* where the registration authority stamps the printed certificate */}
            <div className="flex h-32 w-32 items-center justify-center rounded-full border-2 border-dashed border-red-700 text-center text-sm text-red-800">
              {t("certificate.sealPlace")}
            </div>
            <div className="text-center">
              <p className="text-lg font-semibold">{t("certificate.issuer")}</p>
              <p className="mt-1">{formatLongDay(c.registeredAt, lang)}</p>
            </div>
          </div>
          <p className="mt-8 border-t border-slate-300 pt-2 text-xs text-slate-600">{t("certificate.verifyHint")}</p>
        </article>
      )}
    </div>
  );
}
