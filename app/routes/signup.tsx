import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useFetcher, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/signup";
import { FieldErrors, searchOrganizations, signUp } from "../auth/accounts.server.ts";
import { SIGNUP_ROLES, signupSchema } from "../auth/schemas.ts";
import { commitSession, getUser } from "../auth/session.server.ts";
import { ErrorList, FormErrors, RequiredMark, SelectField, TextField } from "../components/forms.tsx";
import { ORG_KINDS } from "../domain/catalog.ts";
import { RegionPicker } from "../components/region-picker.tsx";
import { ZONES } from "../domain/regions.ts";
import { regionLabel, typedRegionLabel } from "../domain/regions.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "注册" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  const url = new URL(request.url);
  const orgq = (url.searchParams.get("orgq") ?? "").slice(0, 100);
  const matches = await searchOrganizations(orgq);
  const locale = localeFromRequest(request);
  const t = serverT(locale);
  return {
    title: `${t("auth:signup.title")} · ${t("siteName")}`,
    orgq,
    orgMatches: matches.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      regionCode: o.regionCode,
      regionName: regionLabel(o.regionCode, locale),
      verified: !!o.verifiedAt,
    })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signupSchema });
  // without JavaScript the region is a typed code: name it back once it is known to be valid
  const org = submission.payload.org;
  const typedRegion = typedRegionLabel(
    org && typeof org === "object" ? (org as Record<string, unknown>).regionCode : null,
  );
  if (submission.status !== "success") {
    return data({ ...submission.reply({ hideFields: ["password"] }), regionName: typedRegion }, { status: 400 });
  }
  try {
    const outcome = await signUp(submission.value, {
      userAgent: request.headers.get("User-Agent"),
      locale: localeFromRequest(request),
    });
    return redirect("/dashboard", { headers: { "Set-Cookie": await commitSession(outcome.sessionId) } });
  } catch (error) {
    if (error instanceof FieldErrors) {
      // a look-alike of a verified organization's name is a conflict, as in the API
      const status = error.fields["org.name"]?.includes("errors.orgNameTaken") ? 409 : 400;
      return data(
        { ...submission.reply({ fieldErrors: error.fields, hideFields: ["password"] }), regionName: typedRegion },
        { status },
      );
    }
    throw error;
  }
}

type OrgMatch = Awaited<ReturnType<typeof loader>>["orgMatches"][number];

export default function Signup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: navigation.state === "idle" ? actionData : null,
    defaultValue: { orgMode: "existing" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const org = fields.org.getFieldset();
  const [mode, setMode] = useState<string>((fields.orgMode.initialValue as string | undefined) ?? "existing");
  // Before hydration (or without JavaScript) both parts show; afterwards only the chosen one.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // Live organization search (the search button also works without JavaScript).
  const search = useFetcher<typeof loader>();
  const [query, setQuery] = useState(loaderData.orgq);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  function onQuery(value: string) {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (value.trim().length >= 2) void search.load(`/signup?orgq=${encodeURIComponent(value.trim())}`);
    }, 250);
  }
  const matches: OrgMatch[] = query.trim().length >= 2 ? (search.data?.orgMatches ?? loaderData.orgMatches) : [];
  const searched = query.trim().length >= 2 && (search.data !== undefined || loaderData.orgq.length >= 2);

  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="page-title">{t("signup.title")}</h1>
      <p className="mt-2 text-slate-700">{t("signup.intro")}</p>
      {/* The organization search's own GET form; its controls sit inside the signup form below. */}
      <Form method="get" id="org-search" preventScrollReset replace />
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("signup.account")}</legend>
          <TextField
            field={fields.email}
            label={t("fields.email")}
            type="email"
            autoComplete="email"
            spellCheck={false}
            required
          />
          <TextField field={fields.name} label={t("fields.name")} autoComplete="name" required />
          <TextField
            field={fields.password}
            label={t("fields.password")}
            type="password"
            autoComplete="new-password"
            hint={t("passwordHint")}
            required
          />
          <fieldset aria-describedby={fields.role.errors ? fields.role.errorId : undefined}>
            <legend className="text-sm font-medium text-slate-800">
              {t("fields.role")}
              <RequiredMark required />
            </legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {SIGNUP_ROLES.map((role) => (
                <label
                  key={role}
                  className="flex cursor-pointer gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input
                    type="radio"
                    name={fields.role.name}
                    value={role}
                    required
                    defaultChecked={fields.role.initialValue === role}
                    aria-invalid={fields.role.errors ? true : undefined}
                    aria-describedby={fields.role.errors ? fields.role.errorId : undefined}
                    className="mt-1"
                  />
                  <span>
                    <span className="block">{t(`roles.${role}`)}</span>
                    <span className="block text-xs font-normal text-slate-600">{t(`roleHints.${role}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
          </fieldset>
        </fieldset>

        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("signup.organization")}</legend>
          <p className="text-sm text-slate-700">{t("signup.organizationHint")}</p>
          <div className="flex flex-wrap gap-4" role="radiogroup" aria-label={t("signup.organization")}>
            {(["existing", "new"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input
                  type="radio"
                  name={fields.orgMode.name}
                  value={m}
                  defaultChecked={mode === m}
                  onChange={() => setMode(m)}
                />
                {m === "existing" ? t("signup.orgModeExisting") : t("signup.orgModeNew")}
              </label>
            ))}
          </div>
          <ErrorList id={fields.orgMode.errorId} errors={fields.orgMode.errors} />

          <div hidden={hydrated && mode !== "existing"} className="space-y-3">
            <div>
              <label htmlFor="orgq" className="block text-sm">
                {t("signup.orgSearch")}
              </label>
              <div className="mt-1 flex gap-2">
                <input
                  id="orgq"
                  name="orgq"
                  form="org-search"
                  type="search"
                  className="input"
                  value={query}
                  onChange={(e) => onQuery(e.target.value)}
                  aria-describedby="orgq-hint"
                  autoComplete="off"
                />
                <button type="submit" form="org-search" className="btn-secondary shrink-0 whitespace-nowrap">
                  {t("common:actions.search")}
                </button>
              </div>
              <p id="orgq-hint" className="mt-1 text-xs text-slate-600">
                {t("signup.orgSearchHint")}
              </p>
            </div>
            <div aria-live="polite">
              {search.state === "loading" ? <p className="text-sm text-slate-600">{t("signup.orgSearching")}</p> : null}
              {searched && matches.length === 0 && search.state !== "loading" ? (
                <p className="text-sm text-slate-700">{t("signup.orgNoMatches")}</p>
              ) : null}
              {matches.length > 0 ? (
                <fieldset aria-describedby={fields.organizationId.errors ? fields.organizationId.errorId : undefined}>
                  <legend className="text-sm font-medium text-slate-800">{t("signup.orgMatches")}</legend>
                  <ul className="mt-2 space-y-2">
                    {matches.map((o) => (
                      <li key={o.id}>
                        <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 p-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                          <input
                            type="radio"
                            name={fields.organizationId.name}
                            value={o.id}
                            defaultChecked={fields.organizationId.initialValue === o.id}
                            className="mt-1"
                          />
                          <span>
                            <span className="block">{o.name}</span>
                            <span className="block text-xs font-normal text-slate-600">
                              {t(`orgKinds.${o.kind}`)} · {o.regionName} ·{" "}
                              {o.verified ? t("signup.orgVerified") : t("signup.orgUnverified")}
                            </span>
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              ) : null}
            </div>
            <ErrorList id={fields.organizationId.errorId} errors={fields.organizationId.errors} />
          </div>

          <div hidden={hydrated && mode !== "new"} className="grid gap-4 sm:grid-cols-2">
            <TextField
              field={org.name}
              label={t("signup.orgName")}
              autoComplete="organization"
              className="sm:col-span-2"
              required
            />
            <SelectField
              field={org.kind}
              label={t("signup.orgKind")}
              placeholder={t("signup.choose")}
              options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
              required
            />
            <TextField
              field={org.creditCode}
              label={t("signup.orgCreditCode")}
              hint={t("signup.orgCreditCodeHint")}
              maxLength={18}
              spellCheck={false}
              autoCapitalize="characters"
              required
            />
            <RegionPicker
              field={org.regionCode}
              label={t("signup.orgRegion")}
              chosenName={actionData?.regionName}
              className="sm:col-span-2"
              required
            />
            <SelectField
              field={org.zone}
              label={t("signup.orgZone")}
              placeholder={t("signup.orgZoneNone")}
              options={ZONES.map((z) => ({ value: z, label: t(`zones.${z}`) }))}
            />
            <p className="text-sm text-slate-700 sm:col-span-2">{t("signup.unverifiedNote")}</p>
          </div>
        </fieldset>

        <div>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name={fields.acceptTerms.name}
              id={fields.acceptTerms.id}
              value="on"
              required
              defaultChecked={fields.acceptTerms.initialValue === "on"}
              aria-invalid={fields.acceptTerms.errors ? true : undefined}
              aria-describedby={fields.acceptTerms.errors ? fields.acceptTerms.errorId : undefined}
              className="mt-1"
            />
            <span>
              {t("signup.acceptTermsBefore")}
              <Link to="/terms" target="_blank" rel="noopener" className="underline">
                {t("signup.terms")}
              </Link>
              {t("signup.acceptTermsAnd")}
              <Link to="/privacy" target="_blank" rel="noopener" className="underline">
                {t("signup.privacy")}
              </Link>
              {t("signup.acceptTermsAfter")}
            </span>
          </label>
          <ErrorList id={fields.acceptTerms.errorId} errors={fields.acceptTerms.errors} />
        </div>

        <div className="flex flex-wrap items-center justify-between gap-3">
          <span className="text-sm">
            {t("signup.haveAccount")}{" "}
            <Link to="/login" className="underline">
              {t("signup.login")}
            </Link>
          </span>
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("signup.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
