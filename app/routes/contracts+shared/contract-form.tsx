// The technology contract form (录入 / 修改): type and subtype, parties, 合同成交额 and 非技术性费用
// with 技术交易额 computed as the user types, the commission agreed with a broker (a rate or a fixed
// amount), dates, IP type and field. Validated in the browser and on the server by the same schema
// (app/contracts/form-schemas.ts), which hands over to the API's and the server recomputes the amount.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import {
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  CONTRACT_TYPE_NAMES,
  FIELDS,
  FIELD_NAMES,
  localName,
  type ContractType,
} from "../../domain/catalog.ts";
import { formatFen } from "../../domain/money.ts";
import { pickMessage } from "../../i18n/i18n.ts";
import { IP_TYPES, IP_TYPE_NAMES } from "../../contracts/schemas.ts";
import {
  contractCreateFormSchema,
  contractEditFormSchema,
  type ContractFormFields,
} from "../../contracts/form-schemas.ts";
import { FormErrorSummary, HiddenField, SelectField, TextField } from "../../components/forms.tsx";
import { moneyDefaults, MoneyField, typedFen } from "../../components/money-field.tsx";
import { OrgPicker, type OrgOption } from "../../components/org-picker.tsx";

export type ContractFormDefaults = {
  type?: string | null;
  subtype?: string | null;
  title?: string | null;
  sellerOrgId?: string | null;
  buyerOrgId?: string | null;
  brokerOrgId?: string | null;
  contractAmountFen?: number | null;
  nonTechnicalCostsFen?: number | null;
  signedAt?: string | null;
  validUntil?: string | null;
  ipType?: string | null;
  field?: string | null;
  commission?: { rateBp: number | null; amountFen: number | null } | null;
};

export type FixedParties = { seller: { id: string; name: string }; buyer: { id: string; name: string } };

function isContractType(v: string | null | undefined): v is ContractType {
  return !!v && (CONTRACT_TYPES as readonly string[]).includes(v);
}

function TechAmount({ amount, costs }: { amount: number | null; costs: number | null }) {
  const { t, i18n } = useTranslation("contracts");
  const ready = amount !== null && costs !== null;
  const negative = ready && costs! > amount!;
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <p className="text-sm font-medium text-slate-800" id="tech-amount-label">
        {t("contracts.techAmount")}
      </p>
      <p
        aria-live="polite"
        aria-labelledby="tech-amount-label"
        className={`mt-1 text-xl font-semibold tabular-nums ${negative ? "text-red-700" : "text-slate-900"}`}
      >
        {!ready
          ? t("contracts.techAmountPending")
          : negative
            ? t("contracts.techAmountNegative")
            : formatFen(amount! - costs!, i18n.language)}
      </p>
      <p className="mt-1 text-xs text-slate-600">{t("contracts.techAmountHint")}</p>
    </div>
  );
}

function formDefaults(d: ContractFormDefaults, offerId: string | null | undefined): ContractFormFields {
  const rateBp = d.commission?.rateBp;
  return {
    offerId: offerId ?? undefined,
    type: (d.type ?? undefined) as ContractFormFields["type"],
    subtype: d.subtype ?? undefined,
    title: d.title ?? undefined,
    sellerOrgId: d.sellerOrgId ?? undefined,
    buyerOrgId: d.buyerOrgId ?? undefined,
    brokerOrgId: d.brokerOrgId ?? undefined,
    ...moneyDefaults("contractAmount", d.contractAmountFen),
    ...moneyDefaults("nonTechnicalCosts", d.nonTechnicalCostsFen),
    commissionRate: rateBp === null || rateBp === undefined ? "" : String(rateBp / 100),
    ...moneyDefaults("commissionAmount", d.commission?.amountFen, "yuan"),
    signedAt: d.signedAt ?? undefined,
    validUntil: d.validUntil ?? undefined,
    ipType: (d.ipType ?? undefined) as ContractFormFields["ipType"],
    field: (d.field ?? undefined) as ContractFormFields["field"],
  };
}

export function ContractForm({
  mode,
  defaults,
  orgs,
  lastResult,
  fixedParties,
  offerId,
  offerHasMode,
  submitLabel,
}: {
  /** new contract, or changes to one (whose parties are fixed when it came from an offer) */
  mode: "create" | "edit";
  defaults: ContractFormDefaults;
  orgs: OrgOption[];
  lastResult?: SubmissionResult<string[]>;
  fixedParties?: FixedParties | null;
  offerId?: string | null;
  offerHasMode?: boolean;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const schema = mode === "create" ? contractCreateFormSchema : contractEditFormSchema(!!fixedParties);
  const [form, fields] = useForm<ContractFormFields, object>({
    id: "contract-form",
    lastResult: navigation.state === "idle" ? lastResult : null,
    defaultValue: formDefaults(defaults, offerId),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const type = fields.type.value ?? "";
  const subtypes = isContractType(type) ? Object.entries(CONTRACT_SUBTYPES[type]) : [];
  const firstError = (errors?: string[]) => (errors?.length ? pickMessage(errors[0]!, lang) : undefined);
  // the amount and costs are required on direct entry; from an offer they come prefilled
  const amountsRequired = !offerId;

  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 space-y-8">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      {offerId ? <HiddenField field={fields.offerId} /> : null}

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionBasics")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            field={fields.type}
            label={t("contracts.type")}
            required={!offerId}
            placeholder={offerId && offerHasMode ? t("contracts.typeFromOffer") : t("contracts.typePlaceholder")}
            options={CONTRACT_TYPES.map((c) => ({ value: c, label: localName(CONTRACT_TYPE_NAMES[c], lang) }))}
          />
          <SelectField
            key={type}
            field={fields.subtype}
            label={t("contracts.subtype")}
            placeholder={t("contracts.subtypeNone")}
            options={subtypes.map(([value, names]) => ({ value, label: localName(names, lang) }))}
          />
        </div>
        <TextField
          field={fields.title}
          label={t("contracts.title")}
          hint={t("contracts.titleHint")}
          required={!offerId}
          maxLength={200}
          autoComplete="off"
        />
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionParties")}</legend>
        {fixedParties ? (
          <div>
            <dl className="grid gap-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-slate-600">{t("contracts.seller")}</dt>
                <dd className="font-medium">{fixedParties.seller.name}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">{t("contracts.buyer")}</dt>
                <dd className="font-medium">{fixedParties.buyer.name}</dd>
              </div>
            </dl>
            <p className="mt-2 text-xs text-slate-600">{t("contracts.partiesFixed")}</p>
            {fields.sellerOrgId.errors || fields.buyerOrgId.errors ? (
              <p className="field-error">{firstError(fields.sellerOrgId.errors ?? fields.buyerOrgId.errors)}</p>
            ) : null}
          </div>
        ) : (
          <>
            <OrgPicker
              name={fields.sellerOrgId.name}
              label={t("contracts.seller")}
              hint={t("contracts.sellerHint")}
              orgs={orgs}
              defaultValue={defaults.sellerOrgId}
              required
              error={firstError(fields.sellerOrgId.errors)}
            />
            <OrgPicker
              name={fields.buyerOrgId.name}
              label={t("contracts.buyer")}
              hint={t("contracts.buyerHint")}
              orgs={orgs}
              defaultValue={defaults.buyerOrgId}
              required
              error={firstError(fields.buyerOrgId.errors)}
            />
          </>
        )}
        <OrgPicker
          name={fields.brokerOrgId.name}
          label={t("contracts.broker")}
          orgs={orgs}
          defaultValue={defaults.brokerOrgId}
          emptyLabel={t("contracts.brokerNone")}
          error={firstError(fields.brokerOrgId.errors)}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            field={fields.commissionRate}
            label={t("contracts.commissionRate")}
            hint={t("contracts.commissionRateHint")}
            inputMode="decimal"
            autoComplete="off"
          />
          <MoneyField
            field={fields.commissionAmount}
            unitField={fields.commissionAmountUnit}
            label={t("contracts.commissionAmount")}
          />
        </div>
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionAmounts")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <MoneyField
            field={fields.contractAmount}
            unitField={fields.contractAmountUnit}
            label={t("contracts.contractAmount")}
            hint={t("contracts.contractAmountHint")}
            required={amountsRequired}
          />
          <MoneyField
            field={fields.nonTechnicalCosts}
            unitField={fields.nonTechnicalCostsUnit}
            label={t("contracts.nonTechnicalCosts")}
            hint={t("contracts.nonTechnicalCostsHint")}
            required={amountsRequired}
          />
        </div>
        <TechAmount
          amount={typedFen(fields.contractAmount, fields.contractAmountUnit)}
          costs={typedFen(fields.nonTechnicalCosts, fields.nonTechnicalCostsUnit)}
        />
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionDates")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.signedAt} type="date" label={t("contracts.signedAt")} required />
          <TextField field={fields.validUntil} type="date" label={t("contracts.validUntil")} />
          <SelectField
            field={fields.ipType}
            label={t("contracts.ipType")}
            placeholder={t("contracts.ipTypeNone")}
            options={IP_TYPES.map((v) => ({ value: v, label: localName(IP_TYPE_NAMES[v], lang) }))}
          />
          <SelectField
            field={fields.field}
            label={t("contracts.field")}
            placeholder={offerId ? t("contracts.fieldNone") : t("contracts.ipTypeNone")}
            options={FIELDS.map((v) => ({ value: v, label: localName(FIELD_NAMES[v], lang) }))}
          />
        </div>
      </fieldset>

      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
