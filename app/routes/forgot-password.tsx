import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/forgot-password";
import { requestPasswordReset } from "../auth/accounts.server.ts";
import { forgotPasswordSchema } from "../auth/schemas.ts";
import { Notice, TextField } from "../components/forms.tsx";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "找回密码" }];
}

export function loader({ request }: Route.LoaderArgs) {
  const t = serverT(localeFromRequest(request));
  return { title: `${t("auth:forgot.title")} · ${t("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  // The same answer whether or not the account exists.
  await requestPasswordReset(submission.value.email);
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: navigation.state === "idle" ? actionData?.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="page-title">{t("forgot.title")}</h1>
      <div className="card mt-4 space-y-4">
        {actionData?.sent ? <Notice tone="success">{t("forgot.sent")}</Notice> : null}
        <p className="text-sm text-slate-700">{t("forgot.intro")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <TextField
            field={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="email"
            spellCheck={false}
            required
          />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {t("forgot.submit")}
          </button>
        </Form>
        <p className="text-sm">
          <Link to="/login">{t("login.title")}</Link>
        </p>
      </div>
    </section>
  );
}
