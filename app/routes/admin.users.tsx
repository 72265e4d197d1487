// Users, for admins: search, create bureau/admin accounts (signup only makes researcher, company
// and broker accounts), change roles. Every change is an audit event.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { formIntent } from "../components/form-intent.ts";
import type { Route } from "./+types/admin.users";
import { changeUserRole, createUserAccount, FieldErrors } from "../auth/accounts.server.ts";
import { roleChangeSchema, STAFF_ROLES, staffUserCreateSchema } from "../auth/schemas.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { FormErrors, Notice, SelectField, TextField } from "../components/forms.tsx";
import { prisma } from "../db/db.server.ts";
import { ROLES } from "../domain/catalog.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { formatDateTime } from "../domain/time.ts";
import { ColumnHeads, ScrollRegion } from "../components/scroll-region.tsx";

const PAGE_SIZE = 50;

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "用户管理" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const admin = await requireUserWith(request, "manage:user:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const where = q
    ? {
        OR: [
          { email: { contains: q, mode: "insensitive" as const } },
          { name: { contains: q, mode: "insensitive" as const } },
        ],
      }
    : {};
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        createdAt: true,
        organization: { select: { name: true } },
      },
    }),
  ]);
  const t = serverT(localeFromRequest(request, admin.locale));
  return {
    title: `${t("auth:adminUsers.title")} · ${t("siteName")}`,
    me: admin.id,
    q,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    users: users.map((u) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
      organization: u.organization?.name ?? null,
    })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const admin = await requireUserWith(request, "manage:user:any");
  const formData = await request.formData();
  const intent = formIntent(formData, ["create", "role"]);
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: staffUserCreateSchema });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply({ hideFields: ["password"] }), message: null }, { status: 400 });
    }
    try {
      const { user } = await createUserAccount(
        {
          email: submission.value.email,
          name: submission.value.name,
          password: submission.value.password,
          role: submission.value.role,
        },
        { actorId: admin.id, via: "admin" },
      );
      return {
        intent,
        result: submission.reply({ resetForm: true }),
        message: { key: "adminUsers.created", email: user.email },
      };
    } catch (error) {
      if (error instanceof FieldErrors) {
        return data(
          { intent, result: submission.reply({ fieldErrors: error.fields, hideFields: ["password"] }), message: null },
          { status: 400 },
        );
      }
      throw error;
    }
  }
  if (intent === "role") {
    const parsed = parseWithZod(formData, { schema: roleChangeSchema });
    if (parsed.status !== "success")
      return data({ intent, error: "errors.roleUnknown", userId: null }, { status: 400 });
    try {
      const user = await changeUserRole(admin, parsed.value.userId, parsed.value.role);
      return { intent, error: null, userId: user.id, email: user.email, role: user.role };
    } catch (error) {
      if (error instanceof FieldErrors) {
        return data(
          { intent, error: Object.values(error.fields)[0]?.[0] ?? "errors.generic", userId: parsed.value.userId },
          { status: 400 },
        );
      }
      throw error;
    }
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "staff-create",
    lastResult:
      navigation.state === "idle" && actionData?.intent === "create" && "result" in actionData
        ? actionData.result
        : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffUserCreateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const { users, page, pages, total, q } = loaderData;
  const roleResult = actionData?.intent === "role" && "error" in actionData ? actionData : null;
  const created = actionData?.intent === "create" && "message" in actionData ? actionData.message : null;
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t("adminUsers.title")}</h1>

      <div className="card">
        <h2 className="text-lg font-semibold">{t("adminUsers.create")}</h2>
        {created ? (
          <div className="mt-3">
            <Notice tone="success">{t("adminUsers.created", { email: created.email })}</Notice>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-4 sm:grid-cols-2">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="create" />
          <TextField
            field={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="off"
            spellCheck={false}
            required
          />
          <TextField field={fields.name} label={t("fields.name")} autoComplete="off" required />
          <TextField
            field={fields.password}
            label={t("fields.password")}
            type="password"
            autoComplete="new-password"
            hint={t("passwordHint")}
            required
          />
          <SelectField
            field={fields.role}
            label={t("fields.role")}
            placeholder={t("signup.choose")}
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            required
          />
          <div className="sm:col-span-2">
            <button type="submit" className="btn-primary">
              {t("adminUsers.createSubmit")}
            </button>
          </div>
        </Form>
      </div>

      <div className="card">
        <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
          <div className="min-w-64 flex-1">
            <label htmlFor="user-q" className="block text-sm">
              {t("adminUsers.search")}
            </label>
            <input id="user-q" name="q" type="search" defaultValue={q} className="input mt-1" />
          </div>
          <button type="submit" className="btn-secondary">
            {t("common:actions.search")}
          </button>
        </Form>

        {roleResult ? (
          <div className="mt-3">
            {roleResult.error ? (
              <p role="alert" className="field-error">
                {t(roleResult.error)}
              </p>
            ) : "email" in roleResult ? (
              <Notice tone="success">
                {t("adminUsers.roleChanged", { email: roleResult.email, role: t(`roles.${roleResult.role}`) })}
              </Notice>
            ) : null}
          </div>
        ) : null}

        {users.length === 0 ? (
          <p className="mt-3 text-slate-700">{t("adminUsers.none")}</p>
        ) : (
          <ScrollRegion label={t("adminUsers.title")} className="mt-3">
            <table className="w-full text-left text-sm">
              <ColumnHeads
                columns={[
                  t("adminUsers.email"),
                  t("adminUsers.name"),
                  t("adminUsers.organization"),
                  t("adminUsers.createdAt"),
                  t("adminUsers.role"),
                ]}
              />
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3 break-all">
                      {u.email}
                      {u.id === loaderData.me ? t("adminUsers.you") : null}
                    </td>
                    <td className="py-2 pr-3">{u.name}</td>
                    <td className="py-2 pr-3">{u.organization ?? "—"}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(u.createdAt)}</td>
                    <td className="py-2">
                      {u.id === loaderData.me ? (
                        t(`roles.${u.role}`)
                      ) : (
                        <Form method="post" className="flex items-center gap-2">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={u.id} />
                          <label htmlFor={`role-${u.id}`} className="sr-only">
                            {t("adminUsers.roleFor", { name: u.name })}
                          </label>
                          <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="input w-auto py-1">
                            {ROLES.map((r) => (
                              <option key={r} value={r}>
                                {t(`roles.${r}`)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="btn-secondary px-3 py-1">
                            {t("adminUsers.apply")}
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
        <nav aria-label={t("common:pagination.page", { page, pages })} className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("common:pagination.previous")}</Link> : null}
          <span>
            {t("common:pagination.page", { page, pages })} · {t("common:pagination.total", { total })}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("common:pagination.next")}</Link> : null}
        </nav>
      </div>
    </section>
  );
}
