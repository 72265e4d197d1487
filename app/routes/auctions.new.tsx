// /auctions/new?resultId= — a member of the result's organization (researcher, broker) or market
// staff creates a lot: bidding, listing or notice with each mode's terms, the contract type, and
// saves it as a draft or submits it for review. Without a resultId: pick one of the
// organization's published results.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/auctions.new";
import { lotFormSchema, type LotFormFields, type LotFormValue } from "../auctions/form-schemas.ts";
import { newLotPageData, saveLotForm } from "../auctions/lot-form.server.ts";
import { AUCTION_CONTRACT_TYPES, AUCTION_MODES, BUYER_RELATIONS, LICENSE_SCOPES } from "../auctions/schemas.ts";
import { requireUser } from "../auth/session.server.ts";
import { FormErrors, HiddenField, SelectField, TextField } from "../components/forms.tsx";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const page = await newLotPageData(user, url.searchParams.get("resultId"), locale);
  // `?mode=` picks the mode by a plain link, so the form shows that mode's fields without
  // JavaScript (with it, the select switches them in place); anything else keeps the default.
  const mode = AUCTION_MODES.find((m) => m === url.searchParams.get("mode"));
  const defaultValue = page.defaultValue && mode ? { ...page.defaultValue, mode } : page.defaultValue;
  return { ...page, defaultValue, meta: `${serverT(locale)("lots:newTitle")} · ${serverT(locale)("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  return saveLotForm(user, await request.formData(), localeFromRequest(request, user.locale));
}

export default function NewLot({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("lots");
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t("newTitle")}</h1>
      <p className="text-sm text-slate-700">{t("newIntro")}</p>
      {d.result && d.defaultValue ? (
        <LotForm d={d} lastResult={actionData as SubmissionResult<string[]> | undefined} />
      ) : d.results.length ? (
        <nav aria-label={t("pickResult")} className="card space-y-2">
          <h2 className="font-semibold">{t("pickResult")}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {d.results.map((r) => (
              <li key={r.id}>
                <Link className="underline" to={`/auctions/new?resultId=${r.id}`}>
                  {r.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p className="card text-sm">{t("noResults")}</p>
      )}
    </section>
  );
}

type PageData = Route.ComponentProps["loaderData"];

function LotForm({ d, lastResult }: { d: PageData; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("lots");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm<LotFormFields, LotFormValue>({
    id: "lot-form",
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue: d.defaultValue ?? {},
    onValidate: ({ formData }) => parseWithZod(formData, { schema: lotFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const mode = fields.mode.value ?? "bidding";
  const license = fields.contractType.value === "license";
  const r = d.rules;
  const band = { min: r.depositMinPercent, max: r.depositMaxPercent };
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <FormErrors id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.resultId} />
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("result")}</legend>
        <p className="text-sm">
          <Link className="underline" to={`/results/${d.result!.id}`}>
            {d.result!.title}
          </Link>{" "}
          · {d.result!.organizationName}
        </p>
        <SelectField
          field={fields.mode}
          label={t("mode")}
          options={AUCTION_MODES.map((m) => ({ value: m, label: t(`modeLabels.${m}`) }))}
          hint={t(`modeHints.${mode as "bidding"}`)}
          required
        />
        <noscript>
          <nav aria-label={t("modeLinks")} className="flex flex-wrap gap-3 text-sm">
            {AUCTION_MODES.map((m) => (
              <Link
                key={m}
                className="underline"
                aria-current={m === mode ? "page" : undefined}
                to={`/auctions/new?resultId=${d.result!.id}&mode=${m}`}
              >
                {t("modeLink", { mode: t(`modeLabels.${m}`) })}
              </Link>
            ))}
          </nav>
        </noscript>
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contract")}</legend>
        <SelectField
          field={fields.contractType}
          label={t("contractType")}
          options={AUCTION_CONTRACT_TYPES.map((c) => ({ value: c, label: t(`contractTypes.${c}`) }))}
          required
        />
        {license ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              field={fields.licenseScope}
              label={t("licenseScope")}
              placeholder="—"
              options={LICENSE_SCOPES.map((s) => ({ value: s, label: t(`licenseScopes.${s}`) }))}
              required
            />
            <TextField field={fields.licenseTermMonths} label={t("licenseTermMonths")} inputMode="numeric" />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("price")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            field={fields.startPrice}
            label={mode === "notice" ? t("agreedPrice") : mode === "listing" ? t("listingPrice") : t("startPrice")}
            inputMode="decimal"
            maxLength={20}
            required
          />
          {mode !== "notice" ? (
            <TextField field={fields.increment} label={t("increment")} inputMode="decimal" maxLength={20} required />
          ) : null}
          {mode === "bidding" ? (
            <TextField
              field={fields.reservePrice}
              label={t("reservePrice")}
              hint={t("reserveHint")}
              inputMode="decimal"
              maxLength={20}
            />
          ) : null}
          {mode !== "notice" ? (
            <TextField
              field={fields.deposit}
              label={t("deposit")}
              hint={t("depositHint", band)}
              inputMode="decimal"
              maxLength={20}
            />
          ) : null}
        </div>
        {mode !== "notice" && r.staff ? (
          <TextField
            field={fields.depositOverrideReason}
            label={t("depositOverrideReason")}
            hint={t("depositOverrideHint", band)}
            maxLength={500}
          />
        ) : null}
      </fieldset>

      {mode === "notice" ? (
        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("buyer")}</legend>
          <SelectField
            field={fields.buyerOrgId}
            label={t("buyerOrg")}
            placeholder={t("chooseBuyer")}
            options={d.buyers.map((b) => ({ value: b.id, label: b.name }))}
            required
          />
          <SelectField
            field={fields.buyerRelation}
            label={t("buyerRelation")}
            options={BUYER_RELATIONS.map((b) => ({ value: b, label: t(`relations.${b}`) }))}
          />
          <TextField
            field={fields.noticeEndsAt}
            type="datetime-local"
            label={t("noticeEndsAt")}
            hint={t("noticeHint", { days: r.noticeMinDays })}
            required
          />
        </fieldset>
      ) : (
        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("schedule")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              field={fields.biddingStartsAt}
              type="datetime-local"
              label={mode === "listing" ? t("applicationStartsAt") : t("biddingStartsAt")}
              hint={t("scheduleHint", { days: r.minAnnounceDays, minutes: r.minBiddingMinutes })}
              required
            />
            <TextField
              field={fields.biddingEndsAt}
              type="datetime-local"
              label={mode === "listing" ? t("applicationEndsAt") : t("biddingEndsAt")}
              required
            />
          </div>
          {mode === "bidding" ? (
            <TextField
              field={fields.softCloseSeconds}
              label={t("softCloseSeconds")}
              hint={t("softCloseHint")}
              inputMode="numeric"
              maxLength={4}
            />
          ) : null}
        </fieldset>
      )}

      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
          {t("saveDraft")}
        </button>
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
          {t("submit")}
        </button>
      </div>
    </Form>
  );
}
