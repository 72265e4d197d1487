import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/login";
import { logIn } from "../auth/accounts.server.ts";
import { loginSource, rememberDevice } from "../auth/login-throttle.server.ts";
import { loginSchema, safeRedirect } from "../auth/schemas.ts";
import { commitSession, getUser } from "../auth/session.server.ts";
import { FormErrors, HiddenField, Notice, TextField } from "../components/forms.tsx";
import { cookieLocale, knownLocale, localeCookie, localeFromRequest, serverT } from "../i18n/i18n.ts";
import { clientIp } from "../server/context.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "登录" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (await getUser(request)) throw redirect(redirectTo);
  const t = serverT(localeFromRequest(request));
  return {
    redirectTo,
    resetDone: url.searchParams.get("reset") === "1",
    title: `${t("auth:login.title")} · ${t("siteName")}`,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const source = await loginSource(request, email, clientIp(context));
  const outcome = await logIn(email, password, {
    userAgent: request.headers.get("User-Agent"),
    source,
    readingLocale: localeFromRequest(request),
  });
  if (outcome.status === "throttled") {
    return data(submission.reply({ formErrors: ["errors.locked"], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(outcome.retryAfterSeconds) },
    });
  }
  if (outcome.status !== "ok") {
    return data(submission.reply({ formErrors: ["errors.loginFailed"], hideFields: ["password"] }), { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await commitSession(outcome.sessionId));
  // This browser is now a known device of the account: other sources' failures never lock it out.
  headers.append("Set-Cookie", await rememberDevice(request, email));
  // A language chosen in this browser stays; otherwise the account's saved choice applies, and an
  // account that never chose follows the browser (docs/decisions/0024-languages-and-urls.md).
  const chosen = knownLocale(outcome.locale);
  if (chosen && !cookieLocale(request)) headers.append("Set-Cookie", localeCookie(chosen));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: navigation.state === "idle" ? actionData : null,
    defaultValue: { redirectTo: loaderData.redirectTo },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="page-title">{t("login.title")}</h1>
      <div className="card mt-4">
        {loaderData.resetDone ? <Notice tone="success">{t("login.resetDone")}</Notice> : null}
        <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <HiddenField field={fields.redirectTo} />
          <TextField
            field={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="email"
            spellCheck={false}
            required
          />
          <TextField
            field={fields.password}
            label={t("fields.password")}
            type="password"
            autoComplete="current-password"
            required
          />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
        <div className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
          <Link to="/forgot-password">{t("login.forgot")}</Link>
          <span>
            {t("login.noAccount")}{" "}
            <Link to="/signup" className="underline">
              {t("login.signup")}
            </Link>
          </span>
        </div>
      </div>
    </section>
  );
}
