// The facts of one contract: type, parties, amounts, dates, links and registration.
import { useTranslation } from "react-i18next";
import { Link } from "../../components/link.tsx";
import {
  CONTRACT_SUBTYPES,
  CONTRACT_TYPE_NAMES,
  FIELD_NAMES,
  ORG_KIND_NAMES,
  localName,
  type ContractType,
  type Field,
  type OrgKind,
} from "../../domain/catalog.ts";
import { formatFen } from "../../domain/money.ts";
import { ZONE_NAMES, type Zone } from "../../domain/regions.ts";
import { useRegionName } from "../../components/region-names.ts";
import { IP_TYPE_NAMES } from "../../contracts/schemas.ts";
import { UnverifiedBadge } from "../../components/unverified-badge.tsx";
import type { ContractDetail } from "./types.ts";
import { formatDateOnly, formatDateTime } from "../../domain/time.ts";

export function typeLabel(type: string, subtype: string | null | undefined, lang: string) {
  const t = localName(CONTRACT_TYPE_NAMES[type as ContractType], lang) || type;
  const sub = subtype ? CONTRACT_SUBTYPES[type as ContractType]?.[subtype] : undefined;
  return sub && localName(sub, lang) !== t ? `${t} · ${localName(sub, lang)}` : t;
}

/** The agreed commission: a rate in basis points, or a fixed amount in fen. */
export function commissionText(
  commission: { rateBp: number | null; amountFen: number | null } | null,
  t: (key: string, values?: Record<string, unknown>) => string,
  lang: string,
) {
  if (commission?.amountFen !== null && commission?.amountFen !== undefined)
    return formatFen(commission.amountFen, lang);
  if (commission?.rateBp !== null && commission?.rateBp !== undefined)
    return t("certificate.commissionRate", { rate: commission.rateBp / 100 });
  return t("certificate.commissionNone");
}

function Party({ title, org }: { title: string; org: ContractDetail["seller"] | null }) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const regionName = useRegionName();
  return (
    <div>
      <dt className="text-sm text-slate-600">{title}</dt>
      <dd>
        {org ? (
          <>
            <Link to={`/organizations/${org.id}`} className="font-medium">
              {org.name}
            </Link>
            <UnverifiedBadge verified={org.verified} />
            <span className="block text-sm text-slate-700">
              {localName(ORG_KIND_NAMES[org.kind as OrgKind], lang) || org.kind} · {regionName(org.regionCode)}
              {org.zone ? ` · ${localName(ZONE_NAMES[org.zone as Zone], lang)}` : ""}
            </span>
          </>
        ) : (
          t("common.none")
        )}
      </dd>
    </div>
  );
}

export function ContractSummary({ contract }: { contract: ContractDetail }) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const c = contract;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="basics-h" className="card">
        <h2 id="basics-h" className="text-lg font-semibold">
          {t("contract.basics")}
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.type")}</dt>
            <dd>{typeLabel(c.type, c.subtype, lang)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.field")}</dt>
            <dd>{c.field ? localName(FIELD_NAMES[c.field as Field], lang) || c.field : t("common.none")}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.signedAt")}</dt>
            <dd>{formatDateOnly(c.signedAt)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("certificate.validUntil")}</dt>
            <dd>{c.validUntil ? formatDateOnly(c.validUntil) : t("common.none")}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.ipType")}</dt>
            <dd>
              {c.ipType
                ? localName(IP_TYPE_NAMES[c.ipType as keyof typeof IP_TYPE_NAMES], lang) || c.ipType
                : t("common.none")}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("contract.version")}</dt>
            <dd>
              {t("contract.versionN", { n: c.version })}
              {c.imported ? ` · ${t("contract.imported")}` : ""}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="amounts-h" className="card">
        <h2 id="amounts-h" className="text-lg font-semibold">
          {t("contract.amounts")}
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.colAmount")}</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatFen(c.contractAmountFen, lang)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.nonTechnicalCosts")}</dt>
            <dd className="text-xl tabular-nums">{formatFen(c.nonTechnicalCostsFen, lang)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("contracts.colTech")}</dt>
            <dd className="text-xl font-semibold text-brand-800 tabular-nums">
              {formatFen(c.techTransactionAmountFen, lang)}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="parties-h" className="card">
        <h2 id="parties-h" className="text-lg font-semibold">
          {t("contract.parties")}
        </h2>
        <dl className="mt-3 grid gap-3">
          {c.broker ? (
            <>
              <Party title={t("certificate.partyA")} org={c.buyer} />
              <Party title={t("certificate.partyB")} org={c.seller} />
              <Party title={t("certificate.partyC")} org={c.broker} />
              {c.brokerUser ? (
                <div>
                  <dt className="text-sm text-slate-600">{t("certificate.brokerPerson")}</dt>
                  <dd>
                    <Link to={`/brokers/${c.brokerUser.id}`}>{c.brokerUser.name}</Link>
                  </dd>
                </div>
              ) : null}
              <div>
                <dt className="text-sm text-slate-600">{t("certificate.commission")}</dt>
                <dd className="tabular-nums">{commissionText(c.commission, t, lang)}</dd>
              </div>
            </>
          ) : (
            <>
              <Party title={t("contracts.seller")} org={c.seller} />
              <Party title={t("contracts.buyer")} org={c.buyer} />
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="reg-h" className="card">
        <h2 id="reg-h" className="text-lg font-semibold">
          {t("contract.links")}
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          {c.registrationNumber ? (
            <div>
              <dt className="text-sm text-slate-600">{t("contract.registrationNumber")}</dt>
              <dd className="font-mono text-lg">{c.registrationNumber}</dd>
            </div>
          ) : null}
          {c.registeredAt ? (
            <div>
              <dt className="text-sm text-slate-600">{t("contract.registeredAt")}</dt>
              <dd>{formatDateTime(c.registeredAt)}</dd>
            </div>
          ) : null}
          {c.submittedAt ? (
            <div>
              <dt className="text-sm text-slate-600">{t("contract.submittedAt")}</dt>
              <dd>{formatDateTime(c.submittedAt)}</dd>
            </div>
          ) : null}
          {c.offerId ? (
            <div>
              <dt className="text-sm text-slate-600">{t("contract.offer")}</dt>
              <dd>
                <Link to={`/offers/${c.offerId}`}>{t("common.details")}</Link>
              </dd>
            </div>
          ) : null}
          {c.result ? (
            <div>
              <dt className="text-sm text-slate-600">{t("contract.result")}</dt>
              <dd>
                <Link to={`/results/${c.result.id}`}>{c.result.title}</Link>
              </dd>
            </div>
          ) : null}
          {c.need ? (
            <div>
              <dt className="text-sm text-slate-600">{t("contract.need")}</dt>
              <dd>
                <Link to={`/needs/${c.need.id}`}>{c.need.title}</Link>
              </dd>
            </div>
          ) : null}
          {c.reviewNote ? (
            <div className="sm:col-span-2">
              <dt className="text-sm text-slate-600">{t("contract.reviewNote")}</dt>
              <dd className="whitespace-pre-wrap">{c.reviewNote}</dd>
            </div>
          ) : null}
          {c.cancelledAt ? (
            <div className="sm:col-span-2">
              <dt className="text-sm text-slate-600">{t("contract.cancelReason")}</dt>
              <dd className="whitespace-pre-wrap">
                {formatDateTime(c.cancelledAt)} · {c.cancelReason}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
    </div>
  );
}
