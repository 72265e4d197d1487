// /bureau/audit — re-walk the audit hash chain (verifyAuditChain) and re-derive the statistics
// rollup from the contracts (verifyContractStats), showing the result. Both only read.
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import type { Route } from "./+types/bureau.audit";
import { metaTitle } from "../i18n/meta.ts";
import { verifyAuditChain } from "../audit/audit.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { verifyContractStats } from "../stats/stats.server.ts";
import { Notice } from "../components/forms.tsx";
import { formatDateTime } from "../domain/time.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauAudit", "titles:contractStats") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireUserWith(request, "read:audit:any");
  return {};
}

// A POST so that crawlers and link prefetching never start a full walk of the chain.
export async function action({ request }: Route.ActionArgs) {
  await requireUserWith(request, "read:audit:any");
  // only the button pressed (which chain to verify): nothing typed, so no schema
  const form = await request.formData();
  const checkedAt = new Date().toISOString();
  if (form.get("intent") === "stats") return { kind: "stats" as const, checkedAt, stats: await verifyContractStats() };
  return { kind: "audit" as const, checkedAt, audit: await verifyAuditChain() };
}

export default function Audit({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const pending = busy ? navigation.formData?.get("intent") : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">{t("bureau:auditTitle")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:auditIntro")}</p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="audit" />
          <button type="submit" className="btn-primary" disabled={busy} aria-busy={pending === "audit"}>
            {t("bureau:auditVerify")}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="stats" />
          <button type="submit" className="btn-secondary" disabled={busy} aria-busy={pending === "stats"}>
            {t("bureau:statsVerify")}
          </button>
        </Form>
      </div>
      <div aria-live="polite">
        {actionData?.kind === "audit" ? (
          <div className="space-y-1">
            <Notice tone={actionData.audit.ok ? "success" : "warning"}>
              <span data-testid="audit-result" data-ok={String(actionData.audit.ok)}>
                {actionData.audit.ok
                  ? t("bureau:auditOk", { events: actionData.audit.events })
                  : t("bureau:auditBroken", {
                      seq: actionData.audit.firstBrokenEventId,
                      events: actionData.audit.events,
                    })}
              </span>
            </Notice>
            <p className="text-sm text-slate-600">
              {t("bureau:checkedAt", { at: formatDateTime(actionData.checkedAt) })}
            </p>
          </div>
        ) : null}
        {actionData?.kind === "stats" ? (
          <div className="space-y-1">
            <Notice tone={actionData.stats.ok ? "success" : "warning"}>
              {actionData.stats.ok
                ? t("bureau:statsOk")
                : t("bureau:statsBroken", { count: actionData.stats.mismatches.length })}
              {actionData.stats.ok ? null : (
                <ul className="mt-2 list-disc pl-5">
                  {actionData.stats.mismatches.map((m) => (
                    <li key={`${m.year}-${m.dim}-${m.key}`}>
                      {t("bureau:statsMismatch", {
                        year: m.year,
                        dim: m.dim,
                        key: m.key,
                        expected: m.expectedCount,
                        actual: m.actualCount,
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </Notice>
            <p className="text-sm text-slate-600">
              {t("bureau:checkedAt", { at: formatDateTime(actionData.checkedAt) })}
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
