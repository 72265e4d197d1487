import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { formIntent } from "../components/form-intent.ts";
import type { Route } from "./+types/account._index";
import { changePassword, endOtherSessions, FieldErrors } from "../auth/accounts.server.ts";
import { changePasswordSchema, profileSchema } from "../auth/schemas.ts";
import { getSessionId, requireUser } from "../auth/session.server.ts";
import { FormErrors, Notice, SelectField, TextField } from "../components/forms.tsx";
import { NewPasswordFields } from "../components/new-password-fields.tsx";
import { prisma } from "../db/db.server.ts";
import { LOCALES, localeFromRequest, serverT } from "../i18n/i18n.ts";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "我的账户" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const currentSessionId = await getSessionId(request);
  const sessions = await prisma.session.findMany({
    where: { userId: user.id, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true },
  });
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  return {
    title: `${t("auth:account.title")} · ${t("siteName")}`,
    user: {
      email: user.email,
      name: user.name,
      role: user.role,
      // never chosen: the language this page is shown in
      locale: user.locale ?? locale,
      organization: user.organization
        ? { name: user.organization.name, verified: !!user.organization.verifiedAt }
        : null,
    },
    sessions: sessions.map((s) => ({
      current: s.id === currentSessionId,
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
    })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formIntent(formData, ["profile", "password", "sessions"]);
  const sessionId = await getSessionId(request);

  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: profileSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), done: false }, { status: 400 });
    await prisma.user.update({
      where: { id: user.id },
      data: { name: submission.value.name, locale: submission.value.locale, localeChosen: true },
    });
    return data(
      { intent, result: submission.reply(), done: true },
      {
        headers: {
          "Set-Cookie": `lng=${encodeURIComponent(submission.value.locale)}; Path=/; Max-Age=31536000; SameSite=Lax`,
        },
      },
    );
  }

  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: changePasswordSchema });
    const hide = ["currentPassword", "password", "confirm"];
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply({ hideFields: hide }), done: false }, { status: 400 });
    }
    let ended;
    try {
      ended = await changePassword(user, submission.value.currentPassword, submission.value.password, sessionId);
    } catch (error) {
      if (error instanceof FieldErrors) {
        return data(
          { intent, result: submission.reply({ fieldErrors: error.fields, hideFields: hide }), done: false },
          { status: 400 },
        );
      }
      throw error;
    }
    return { intent, result: submission.reply({ resetForm: true }), done: true, ended };
  }

  if (intent === "sessions") {
    const count = await endOtherSessions(user.id, sessionId);
    return { intent, result: undefined, done: true, count };
  }

  throw new Response("Unknown intent", { status: 400 });
}

function deviceName(userAgent: string | null, unknown: string) {
  if (!userAgent) return unknown;
  const browser = /(Edg|Chrome|Firefox|Safari|MicroMessenger)\/[\d.]+/.exec(userAgent)?.[0];
  const os = /(Windows NT [\d.]+|Mac OS X [\d_]+|Android [\d.]+|iPhone OS [\d_]+|Linux)/.exec(userAgent)?.[0];
  return [browser, os].filter(Boolean).join(" · ") || userAgent.slice(0, 60);
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const idle = navigation.state === "idle";
  const { user, sessions } = loaderData;

  const [profileForm, profile] = useForm({
    id: "profile",
    lastResult: idle && actionData?.intent === "profile" ? actionData.result : null,
    defaultValue: { intent: "profile", name: user.name, locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: "onSubmit",
  });
  const [passwordForm, password] = useForm({
    id: "password",
    lastResult: idle && actionData?.intent === "password" ? actionData.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const others = sessions.filter((s) => !s.current).length;

  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="page-title">{t("account.title")}</h1>

      <div className="card">
        <h2 className="text-lg font-semibold">{t("account.profile")}</h2>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">{t("fields.email")}</dt>
          <dd>{user.email}</dd>
          <dt className="text-slate-600">{t("account.role")}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
          <dt className="text-slate-600">{t("account.organization")}</dt>
          <dd>
            {user.organization ? (
              <>
                {user.organization.name}{" "}
                <span
                  className={`badge ${user.organization.verified ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
                >
                  {user.organization.verified ? t("signup.orgVerified") : t("signup.orgUnverified")}
                </span>
              </>
            ) : (
              t("account.noOrganization")
            )}
          </dd>
        </dl>
        {actionData?.intent === "profile" && actionData.done ? (
          <div className="mt-3">
            <Notice tone="success">{t("account.profileSaved")}</Notice>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(profileForm)} className="mt-4 grid gap-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value="profile" />
          <TextField field={profile.name} label={t("fields.name")} autoComplete="name" required />
          <SelectField
            field={profile.locale}
            label={t("fields.locale")}
            options={LOCALES.map((l) => ({ value: l, label: t(`locales.${l}`), lang: l }))}
            required
          />
          <div className="sm:col-span-2">
            <button type="submit" className="btn-primary">
              {t("account.save")}
            </button>
          </div>
        </Form>
      </div>

      <div className="card">
        <h2 className="text-lg font-semibold">{t("account.password")}</h2>
        {actionData?.intent === "password" && actionData.done ? (
          <div className="mt-3">
            <Notice tone="success">
              {t("account.passwordSaved", {
                sessions: "ended" in actionData ? (actionData.ended?.endedSessions ?? 0) : 0,
                tokens: "ended" in actionData ? (actionData.ended?.revokedTokens ?? 0) : 0,
              })}
            </Notice>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(passwordForm)} className="mt-4 max-w-md space-y-4">
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <TextField
            field={password.currentPassword}
            label={t("fields.currentPassword")}
            type="password"
            autoComplete="current-password"
            required
          />
          <NewPasswordFields password={password.password} confirm={password.confirm} />
          <button type="submit" className="btn-primary">
            {t("account.passwordSubmit")}
          </button>
        </Form>
      </div>

      <div className="card">
        <h2 className="text-lg font-semibold">{t("account.sessions")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("account.sessionsIntro")}</p>
        {actionData?.intent === "sessions" && actionData.done ? (
          <div className="mt-3">
            <Notice tone="success">
              {t("account.revokedOthers", { count: "count" in actionData ? (actionData.count ?? 0) : 0 })}
            </Notice>
          </div>
        ) : null}
        <ul className="mt-3 divide-y divide-slate-200 text-sm">
          {sessions.map((s, i) => (
            <li key={i} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                {deviceName(s.userAgent, t("account.unknownDevice"))}
                {s.current ? (
                  <span className="badge ml-2 bg-brand-100 text-brand-800">{t("account.thisSession")}</span>
                ) : null}
              </span>
              <span className="text-slate-600">
                {t("account.sessionCreated", { date: formatDateTime(s.createdAt) })} ·{" "}
                {t("account.sessionExpires", { date: formatDateTime(s.expiresAt) })}
              </span>
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <Form method="post" className="mt-3">
            <button type="submit" name="intent" value="sessions" className="btn-secondary">
              {t("account.revokeOthers")}
            </button>
          </Form>
        ) : (
          <p className="mt-3 text-sm text-slate-600">{t("account.noOtherSessions")}</p>
        )}
      </div>

      <p>
        <Link to="/account/tokens">{t("account.tokensLink")}</Link>
      </p>
    </section>
  );
}
