import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/reset-password";
import { FieldErrors, isResetTokenUsable, resetPassword } from "../auth/accounts.server.ts";
import { resetPasswordSchema } from "../auth/schemas.ts";
import { sessionCookie } from "../auth/session.server.ts";
import { FormErrors, HiddenField } from "../components/forms.tsx";
import { NewPasswordFields } from "../components/new-password-fields.tsx";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "设置新密码" }, { name: "referrer", content: "no-referrer" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const token = (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);
  const t = serverT(localeFromRequest(request));
  return {
    title: `${t("auth:reset.title")} · ${t("siteName")}`,
    token,
    usable: token.length > 0 && (await isResetTokenUsable(token)),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirm"] }), { status: 400 });
  }
  try {
    await resetPassword(submission.value.token, submission.value.password);
  } catch (error) {
    if (error instanceof FieldErrors) {
      return data(submission.reply({ formErrors: ["errors.resetInvalid"], hideFields: ["password", "confirm"] }), {
        status: 400,
      });
    }
    throw error;
  }
  // Every session of the account has ended, this browser's too.
  return redirect("/login?reset=1", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: navigation.state === "idle" ? actionData : null,
    defaultValue: { token: loaderData.token },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="page-title">{t("reset.title")}</h1>
      <div className="card mt-4 space-y-4">
        {!loaderData.usable ? (
          <>
            <p role="alert" className="text-red-800">
              {t("reset.invalid")}
            </p>
            <Link to="/forgot-password" className="btn-secondary">
              {t("reset.requestNew")}
            </Link>
          </>
        ) : (
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors id={form.errorId} errors={form.errors} />
            <HiddenField field={fields.token} />
            <NewPasswordFields password={fields.password} confirm={fields.confirm} />
            <p className="text-sm text-slate-700">{t("reset.allSessionsEnded")}</p>
            <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
              {t("reset.submit")}
            </button>
          </Form>
        )}
      </div>
    </section>
  );
}
