// Join requests (/memberships): a signup naming an organization that already exists waits here
// for one of its members, or bureau/admin staff, to approve (app/organizations/membership.server.ts).
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/memberships";
import { ApiError } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { Notice } from "../components/forms.tsx";
import { ColumnHeads } from "../components/scroll-region.tsx";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { decideMembership, membershipScope, pendingMembershipRequests } from "../organizations/membership.server.ts";
import { membershipDecisionSchema } from "../organizations/schemas.ts";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "加入申请" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const t = serverT(localeFromRequest(request, user.locale));
  const requests = await pendingMembershipRequests(user);
  return {
    title: `${t("auth:membership.title")} · ${t("siteName")}`,
    allowed: membershipScope(user) !== null,
    staff: can(user, "manage:membership:any"),
    requests: requests.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (!membershipScope(user)) throw new Response("Forbidden", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: membershipDecisionSchema });
  if (submission.status !== "success") return data({ outcome: "gone" as const }, { status: 400 });
  try {
    const done = await decideMembership(user, submission.value.requestId, submission.value.intent);
    return {
      outcome: done.decision === "approve" ? ("approved" as const) : ("rejected" as const),
      name: done.applicant.name,
      organization: done.organization.name,
    };
  } catch (error) {
    // decided by someone else meanwhile, or not this user's to decide: the same answer
    if (error instanceof ApiError && error.status === 404) return data({ outcome: "gone" as const }, { status: 404 });
    throw error;
  }
}

export default function Memberships({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { requests, allowed, staff } = loaderData;
  return (
    <section className="space-y-4" aria-labelledby="memberships-title">
      <h1 id="memberships-title" className="page-title">
        {t("membership.title")}
      </h1>
      {!allowed ? (
        <Notice tone="warning">{t("membership.notAllowed")}</Notice>
      ) : (
        <>
          <p className="text-slate-700">{staff ? t("membership.introStaff") : t("membership.intro")}</p>
          {actionData ? (
            actionData.outcome === "gone" ? (
              <Notice tone="warning">{t("membership.gone")}</Notice>
            ) : (
              <Notice tone="success">
                {t(`membership.${actionData.outcome}`, {
                  name: actionData.name,
                  organization: actionData.organization,
                })}
              </Notice>
            )
          ) : null}
          {requests.length === 0 ? (
            <p className="card text-slate-700">{t("membership.none")}</p>
          ) : (
            <div className="card overflow-x-auto">
              <table className="w-full text-left text-sm">
                <ColumnHeads
                  columns={[
                    t("membership.applicant"),
                    t("membership.role"),
                    staff ? t("membership.organization") : null,
                    t("membership.requestedAt"),
                    t("membership.actions"),
                  ]}
                />
                <tbody>
                  {requests.map((r) => (
                    <tr key={r.id} className="border-b border-slate-100 align-top">
                      <td className="py-2 pr-3">
                        {r.user.name}
                        <span className="block break-all text-slate-600">{r.user.email}</span>
                      </td>
                      <td className="py-2 pr-3">{t(`roles.${r.user.role}`)}</td>
                      {staff ? <td className="py-2 pr-3">{r.organization.name}</td> : null}
                      <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
                      <td className="py-2">
                        <Form method="post" className="flex flex-wrap gap-2">
                          <input type="hidden" name="requestId" value={r.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="approve"
                            className="btn-primary px-3 py-1"
                            disabled={busy}
                            aria-label={t("membership.approveLabel", { name: r.user.name })}
                          >
                            {t("membership.approve")}
                          </button>
                          <button
                            type="submit"
                            name="intent"
                            value="reject"
                            className="btn-secondary px-3 py-1"
                            disabled={busy}
                            aria-label={t("membership.rejectLabel", { name: r.user.name })}
                          >
                            {t("membership.reject")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
