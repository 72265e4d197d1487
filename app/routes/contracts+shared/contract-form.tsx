// The technology contract form (录入 / 修改): type and subtype, parties, 合同成交额 and 非技术性费用
// with 技术交易额 computed as the user types, the commission agreed with a broker (a rate or a fixed
// amount), dates, IP type and field. The server validates with
// the backend's zod schemas (contractCreateSchema / contractPatchSchema) and recomputes the amount.
import { useState } from "react";
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
import { IP_TYPES, IP_TYPE_NAMES } from "../../contracts/schemas.ts";
import { FormAlert, MoneyField, SelectField, TextField } from "../../components/contracts/fields.tsx";
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

export function ContractForm({
  defaults,
  orgs,
  errors,
  formError,
  fixedParties,
  offerId,
  offerHasMode,
  submitLabel,
}: {
  defaults: ContractFormDefaults;
  orgs: OrgOption[];
  errors: Record<string, string>;
  formError: string | null;
  fixedParties?: FixedParties | null;
  offerId?: string | null;
  offerHasMode?: boolean;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [type, setType] = useState<string>(defaults.type ?? "");
  const [amount, setAmount] = useState<number | null>(defaults.contractAmountFen ?? null);
  const [costs, setCosts] = useState<number | null>(defaults.nonTechnicalCostsFen ?? null);
  const subtypes = isContractType(type) ? Object.entries(CONTRACT_SUBTYPES[type]) : [];

  return (
    <Form
      method="post"
      className="mt-6 space-y-8"
      noValidate
      aria-describedby={formError ? "contract-form-error" : undefined}
    >
      <FormAlert id="contract-form-error" message={formError} />
      {offerId ? <input type="hidden" name="offerId" value={offerId} /> : null}

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionBasics")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="type"
            label={t("contracts.type")}
            required={!offerId}
            value={type}
            onChange={setType}
            placeholder={offerId && offerHasMode ? t("contracts.typeFromOffer") : t("contracts.typePlaceholder")}
            options={CONTRACT_TYPES.map((c) => ({ value: c, label: localName(CONTRACT_TYPE_NAMES[c], lang) }))}
            error={errors.type}
          />
          <SelectField
            key={type}
            name="subtype"
            label={t("contracts.subtype")}
            defaultValue={type === defaults.type ? defaults.subtype : subtypes.length === 1 ? subtypes[0]![0] : ""}
            placeholder={t("contracts.subtypeNone")}
            options={subtypes.map(([value, names]) => ({ value, label: localName(names, lang) }))}
            error={errors.subtype}
          />
        </div>
        <TextField
          name="title"
          label={t("contracts.title")}
          hint={t("contracts.titleHint")}
          required
          maxLength={200}
          defaultValue={defaults.title}
          error={errors.title}
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
            {errors.sellerOrgId || errors.buyerOrgId ? (
              <p className="field-error">{errors.sellerOrgId ?? errors.buyerOrgId}</p>
            ) : null}
          </div>
        ) : (
          <>
            <OrgPicker
              name="sellerOrgId"
              label={t("contracts.seller")}
              hint={t("contracts.sellerHint")}
              orgs={orgs}
              defaultValue={defaults.sellerOrgId}
              required
              error={errors.sellerOrgId}
            />
            <OrgPicker
              name="buyerOrgId"
              label={t("contracts.buyer")}
              hint={t("contracts.buyerHint")}
              orgs={orgs}
              defaultValue={defaults.buyerOrgId}
              required
              error={errors.buyerOrgId}
            />
          </>
        )}
        <OrgPicker
          name="brokerOrgId"
          label={t("contracts.broker")}
          orgs={orgs}
          defaultValue={defaults.brokerOrgId}
          emptyLabel={t("contracts.brokerNone")}
          error={errors.brokerOrgId}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            name="commissionRate"
            label={t("contracts.commissionRate")}
            hint={t("contracts.commissionRateHint")}
            inputMode="decimal"
            defaultValue={
              defaults.commission?.rateBp === null || defaults.commission?.rateBp === undefined
                ? ""
                : String(defaults.commission.rateBp / 100)
            }
            error={errors.commissionRate}
          />
          <MoneyField
            name="commissionAmount"
            label={t("contracts.commissionAmount")}
            defaultFen={defaults.commission?.amountFen ?? null}
            defaultUnit="yuan"
            error={errors.commissionAmount}
          />
        </div>
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionAmounts")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <MoneyField
            name="contractAmount"
            label={t("contracts.contractAmount")}
            hint={t("contracts.contractAmountHint")}
            required
            defaultFen={defaults.contractAmountFen}
            onFen={setAmount}
            error={errors.contractAmount}
          />
          <MoneyField
            name="nonTechnicalCosts"
            label={t("contracts.nonTechnicalCosts")}
            hint={t("contracts.nonTechnicalCostsHint")}
            required
            defaultFen={defaults.nonTechnicalCostsFen}
            onFen={setCosts}
            error={errors.nonTechnicalCosts}
          />
        </div>
        <TechAmount amount={amount} costs={costs} />
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contracts.sectionDates")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="signedAt"
            type="date"
            label={t("contracts.signedAt")}
            required
            defaultValue={defaults.signedAt}
            error={errors.signedAt}
          />
          <TextField
            name="validUntil"
            type="date"
            label={t("contracts.validUntil")}
            defaultValue={defaults.validUntil}
            error={errors.validUntil}
          />
          <SelectField
            name="ipType"
            label={t("contracts.ipType")}
            defaultValue={defaults.ipType}
            placeholder={t("contracts.ipTypeNone")}
            options={IP_TYPES.map((v) => ({ value: v, label: localName(IP_TYPE_NAMES[v], lang) }))}
            error={errors.ipType}
          />
          <SelectField
            name="field"
            label={t("contracts.field")}
            defaultValue={defaults.field}
            placeholder={offerId ? t("contracts.fieldNone") : t("contracts.ipTypeNone")}
            options={FIELDS.map((v) => ({ value: v, label: localName(FIELD_NAMES[v], lang) }))}
            error={errors.field}
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
