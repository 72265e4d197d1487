// Every form of the contract page (/contracts/:id) as one schema, one member per `intent`: the
// contract's (submit, delete, confirm, review, amend, cancel, resolveFlag), settlement's and the
// subsidy application. The action parses with it and each form validates with it. Client-safe.
import type { Submission } from "@conform-to/react";
import { z } from "zod";
import { contractPageForms, type CurrentAmounts } from "../../contracts/page-form-schemas.ts";
import { paymentForms } from "../../payments/form-schemas.ts";
import { subsidyApplyForm } from "../../subsidies/form-schemas.ts";
import { replyFor } from "../../components/sent-form.ts";

export const CONTRACT_PAGE_INTENTS = [
  "submit",
  "delete",
  "confirm",
  "review",
  "amend",
  "cancel",
  "resolveFlag",
  "recordPayment",
  "payByCard",
  "confirmPayment",
  "disputePayment",
  "saveSchedule",
  "applySubsidy",
] as const;
export type ContractPageIntent = (typeof CONTRACT_PAGE_INTENTS)[number];

/** `current`: the contract's amounts, which an amendment leaves out when unchanged. */
export function contractPageSchema(current: CurrentAmounts) {
  return z.discriminatedUnion("intent", [...contractPageForms(current), ...paymentForms, subsidyApplyForm]);
}
export type ContractPageValue = z.output<ReturnType<typeof contractPageSchema>>;

/** The reply of the form that was sent: each form shows only its own (`key`: a flag or payment id). */
export function replyOf(actionData: unknown, intent: ContractPageIntent, key?: { name: string; value: string }) {
  return replyFor(actionData, key ? { intent, [key.name]: key.value } : { intent }) ?? undefined;
}

/** A submission the page's schema accepted, for the action's handlers. */
export type ContractPageSubmission = Submission<
  z.input<ReturnType<typeof contractPageSchema>>,
  string[],
  ContractPageValue
> & { status: "success"; value: ContractPageValue };
