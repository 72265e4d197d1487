import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { formId, formIntent } from "../components/form-intent.ts";
import type { Route } from "./+types/account.tokens";
import { createApiToken } from "../auth/api-token.server.ts";
import { tokenCreateSchema } from "../auth/schemas.ts";
import { requireUser } from "../auth/session.server.ts";
import { Notice, TextField } from "../components/forms.tsx";
import { prisma } from "../db/db.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { formatDateTime } from "../domain/time.ts";
import { ColumnHeads, ScrollRegion } from "../components/scroll-region.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "API 访问令牌" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const tokens = await prisma.apiToken.findMany({
    where: { userId: user.id },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  const t = serverT(localeFromRequest(request, user.locale));
  return {
    title: `${t("auth:tokens.title")} · ${t("siteName")}`,
    tokens: tokens.map((tk) => ({
      ...tk,
      createdAt: tk.createdAt.toISOString(),
      lastUsedAt: tk.lastUsedAt?.toISOString() ?? null,
      revokedAt: tk.revokedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formIntent(formData, ["create", "revoke"]);
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: tokenCreateSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), token: null }, { status: 400 });
    const { token } = await createApiToken(user.id, submission.value.name);
    // Shown once, in this response only.
    return data(
      { intent, result: submission.reply({ resetForm: true }), token },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  if (intent === "revoke") {
    const id = formId(formData, "tokenId") ?? "";
    const { count } = await prisma.apiToken.updateMany({
      where: { id, userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return data({ intent, result: undefined, token: null, revoked: false }, { status: 404 });
    return { intent, result: undefined, token: null, revoked: true };
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function Tokens({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "token-create",
    lastResult: navigation.state === "idle" && actionData?.intent === "create" ? actionData.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tokenCreateSchema }),
    shouldValidate: "onSubmit",
  });
  const created = actionData?.intent === "create" ? actionData.token : null;
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="page-title">{t("tokens.title")}</h1>
        <p className="mt-2 text-sm text-slate-700">{t("tokens.intro")}</p>
      </div>

      {created ? (
        <Notice tone="success">
          <p>{t("tokens.created")}</p>
          <p className="mt-2">
            <code className="block break-all rounded bg-white p-2 font-mono text-sm text-slate-900 select-all">
              {created}
            </code>
          </p>
        </Notice>
      ) : null}
      {actionData?.intent === "revoke" && "revoked" in actionData ? (
        <Notice tone={actionData.revoked ? "success" : "warning"}>
          {actionData.revoked ? t("tokens.revokedDone") : t("errors.tokenNotFound")}
        </Notice>
      ) : null}

      <div className="card">
        <h2 className="text-lg font-semibold">{t("tokens.create")}</h2>
        <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.name} label={t("fields.tokenName")} className="min-w-64 flex-1" required />
          <button type="submit" className="btn-primary">
            {t("tokens.createSubmit")}
          </button>
        </Form>
      </div>

      <div className="card">
        <h2 className="text-lg font-semibold">{t("tokens.list")}</h2>
        {loaderData.tokens.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("tokens.none")}</p>
        ) : (
          <ScrollRegion label={t("tokens.list")} className="mt-3">
            <table className="w-full text-left text-sm">
              <ColumnHeads
                columns={[
                  t("fields.tokenName"),
                  t("tokens.prefix"),
                  t("tokens.createdAt"),
                  t("tokens.lastUsed"),
                  t("tokens.status"),
                  <span key="revoke" className="sr-only">
                    {t("tokens.revoke")}
                  </span>,
                ]}
              />
              <tbody>
                {loaderData.tokens.map((tk) => (
                  <tr key={tk.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">{tk.name}</td>
                    <td className="py-2 pr-3 font-mono">{tk.prefix}…</td>
                    <td className="py-2 pr-3">{formatDateTime(tk.createdAt)}</td>
                    <td className="py-2 pr-3">{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t("tokens.never")}</td>
                    <td className="py-2 pr-3">
                      {tk.revokedAt ? t("tokens.revoked", { date: formatDateTime(tk.revokedAt) }) : t("tokens.active")}
                    </td>
                    <td className="py-2 text-right">
                      {tk.revokedAt ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={tk.id} />
                          <button
                            type="submit"
                            className="btn-danger px-3 py-1"
                            aria-label={`${t("tokens.revoke")}: ${tk.name}`}
                          >
                            {t("tokens.revoke")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </div>
      <p>
        <Link to="/account">{t("tokens.back")}</Link>
      </p>
    </section>
  );
}
