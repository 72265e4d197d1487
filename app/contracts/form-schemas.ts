// The contract form (/contracts/new, /contracts/:id/edit) as HTML sends it: amounts in 万元/元, the
// commission as a percentage or an amount, dates and choices as strings. The transform yields the
// body of the API's own schema (contractCreateSchema / contractPatchSchema), whose cross-field rules
// then apply, so the pages and the API cannot drift apart; errors land on the form's field names.
// Client-safe: the form validates with the same schema.
import { z } from "zod";
import { CONTRACT_TYPES, FIELDS } from "../domain/catalog.ts";
import { addApiIssues, moneyShape, readMoney, readPercentBp } from "../domain/money-form.ts";
import {
  contractCreateSchema,
  contractPatchSchema,
  contractRuleProblems,
  IP_TYPES,
  type ContractDraft,
} from "./schemas.ts";

/** API field paths → the form's field names, for the backend's refusals too. */
export const CONTRACT_FIELD_NAMES: Record<string, string> = {
  contractAmountFen: "contractAmount",
  nonTechnicalCostsFen: "nonTechnicalCosts",
  commission: "commissionRate",
  "commission.rateBp": "commissionRate",
  "commission.amountFen": "commissionAmount",
};

const str = z.string().trim().optional();
const id = z.string().trim().max(64).optional();

const contractFormShape = z.object({
  offerId: id,
  type: z.enum(CONTRACT_TYPES).optional(),
  subtype: z.string().trim().max(40).optional(),
  title: z.string().trim().max(200).optional(),
  sellerOrgId: id,
  buyerOrgId: id,
  brokerOrgId: id,
  ...moneyShape("contractAmount"),
  ...moneyShape("nonTechnicalCosts"),
  commissionRate: str,
  ...moneyShape("commissionAmount"),
  signedAt: str,
  validUntil: str,
  ipType: z.enum(IP_TYPES).optional(),
  field: z.enum(FIELDS).optional(),
});
type FormValues = z.output<typeof contractFormShape>;

const RATE_ABOVE_100 = "佣金比例不能超过 100% / The commission rate cannot exceed 100%";
const RATE_AND_AMOUNT = "佣金只能按比例或固定金额之一约定 / Give a rate or a fixed amount, not both";

/**
 * The API body of the form values, and the form fields already refused here (an amount or a rate
 * that is not one): the API's schema still checks the rest, so one submit names every problem.
 */
function toBody(v: FormValues, ctx: z.RefinementCtx, opts: { amountsRequired: boolean; parties: boolean }) {
  const refused = new Set<string>();
  const read = <T>(name: string, value: T | undefined) => {
    if (value === undefined) refused.add(name);
    return value ?? null;
  };
  const amount = read("contractAmount", readMoney(v, "contractAmount", ctx, { required: opts.amountsRequired }));
  const costs = read("nonTechnicalCosts", readMoney(v, "nonTechnicalCosts", ctx, { required: opts.amountsRequired }));
  const rate = read("commissionRate", readPercentBp(v.commissionRate, "commissionRate", ctx));
  const fixed = read("commissionAmount", readMoney(v, "commissionAmount", ctx));
  if (rate !== null && rate > 10_000) {
    ctx.addIssue({ code: "custom", path: ["commissionRate"], message: RATE_ABOVE_100 });
    refused.add("commissionRate");
  } else if (rate !== null && fixed !== null) {
    ctx.addIssue({ code: "custom", path: ["commissionAmount"], message: RATE_AND_AMOUNT });
    refused.add("commissionAmount");
  }
  const commission =
    refused.has("commissionRate") || refused.has("commissionAmount") || (rate === null && fixed === null)
      ? null
      : { ...(rate !== null ? { rateBp: rate } : {}), ...(fixed !== null ? { amountFen: fixed } : {}) };
  const body: Record<string, unknown> = {
    type: v.type,
    subtype: v.subtype ?? null,
    title: v.title,
    brokerOrgId: v.brokerOrgId ?? null,
    contractAmountFen: amount ?? undefined,
    nonTechnicalCostsFen: costs ?? undefined,
    signedAt: v.signedAt,
    validUntil: v.validUntil ?? null,
    ipType: v.ipType ?? null,
    field: v.field ?? null,
    commission,
  };
  if (opts.parties) {
    body.sellerOrgId = v.sellerOrgId;
    body.buyerOrgId = v.buyerOrgId;
  }
  return { body, refused };
}

/**
 * The API schema's issues, and its rules across fields even when a field of its own shape failed
 * (zod skips the rules then): one submit names every missing field.
 */
function addIssues(
  error: z.ZodError,
  body: Record<string, unknown>,
  complete: boolean,
  ctx: z.RefinementCtx,
  refused: Set<string>,
) {
  addApiIssues(error, ctx, CONTRACT_FIELD_NAMES, refused);
  const named = new Set(error.issues.map((i) => String(i.path[0] ?? "")));
  for (const [key, message] of Object.entries(contractRuleProblems(body as ContractDraft, { complete }))) {
    const field = CONTRACT_FIELD_NAMES[key] ?? key;
    if (!named.has(key) && !refused.has(field)) ctx.addIssue({ code: "custom", path: [field], message });
  }
}

/** A new contract: from an accepted offer (`offerId`: parties and amounts prefilled) or entered directly. */
export const contractCreateFormSchema = contractFormShape.transform((v, ctx) => {
  const fromOffer = !!v.offerId;
  const { body, refused } = toBody(v, ctx, { amountsRequired: !fromOffer, parties: !fromOffer });
  const parsed = contractCreateSchema.safeParse(fromOffer ? { ...body, offerId: v.offerId } : body);
  if (!parsed.success) addIssues(parsed.error, body, !fromOffer, ctx, refused);
  return parsed.success && !refused.size ? parsed.data : z.NEVER;
});

/** Changes to a draft or returned contract; one made from an offer keeps its parties (`fixedParties`). */
export function contractEditFormSchema(fixedParties: boolean) {
  return contractFormShape.transform((v, ctx) => {
    const { body, refused } = toBody(v, ctx, { amountsRequired: true, parties: !fixedParties });
    const parsed = contractPatchSchema.safeParse(body);
    if (!parsed.success) addIssues(parsed.error, body, false, ctx, refused);
    return parsed.success && !refused.size ? parsed.data : z.NEVER;
  });
}

export type ContractFormFields = z.input<typeof contractFormShape>;
