// The contract page's own forms → app/contracts (the same schemas and functions as the API), parsed
// by the page's schema (page-schema.ts): submit, delete, the parties' confirmation, the bureau's
// review, amendment and cancellation, and resolving an anomaly flag.
import { redirect } from "react-router";
import { can } from "../../auth/permissions.ts";
import type { SessionUser } from "../../auth/session.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { orReply } from "../../components/form-reply.server.ts";
import { resolveAnomaly } from "../../contracts/anomaly-review.server.ts";
import { confirmContract } from "../../contracts/consent.server.ts";
import {
  amendContract,
  cancelContract,
  deleteContract,
  getContract,
  reviewContract,
  submitContract,
} from "../../contracts/contracts.server.ts";
import { AMEND_FIELD_NAMES } from "../../contracts/page-form-schemas.ts";
import type { ContractPageSubmission } from "./page-schema.ts";

/** What the page says after a contract action (?done=…). */
export const CONTRACT_DONE = [
  "created",
  "updated",
  "confirmed",
  "submitted",
  "reviewedRegister",
  "reviewedReturn",
  "reviewedReject",
  "amended",
  "cancelled",
  "flagResolved",
] as const;
type Done = (typeof CONTRACT_DONE)[number];

const REVIEWED: Record<"register" | "return" | "reject", Done> = {
  register: "reviewedRegister",
  return: "reviewedReturn",
  reject: "reviewedReject",
};

export async function contractAction(
  submission: ContractPageSubmission,
  id: string,
  user: SessionUser,
  locale: Locale,
) {
  const v = submission.value;
  const back = (done: Done) => redirect(`/contracts/${id}?done=${done}`);
  const run = async <R>(fn: () => Promise<R>, done: Done | "deleted", rename?: Record<string, string>) => {
    const r = await orReply(submission, locale, fn, rename);
    if (!r.ok) return r.reply;
    return done === "deleted" ? redirect("/contracts") : back(done);
  };
  switch (v.intent) {
    case "confirm":
      return run(() => confirmContract(id, user), "confirmed");
    case "submit":
      return run(() => submitContract(id, user), "submitted");
    case "delete":
      return run(() => deleteContract(id, user), "deleted");
    case "review":
      return run(() => reviewContract(id, { decision: v.decision, note: v.note }, user), REVIEWED[v.decision]);
    case "amend": {
      const { intent: _, ...input } = v;
      // the costs rule across the merged amounts is the backend's (the schema sees only the changed ones)
      return run(() => amendContract(id, input, user), "amended", AMEND_FIELD_NAMES);
    }
    case "cancel":
      return run(() => cancelContract(id, { reason: v.reason }, user), "cancelled");
    case "resolveFlag":
      if (!can(user, "review:contract:any")) throw new Response("无权访问 / Forbidden", { status: 403 });
      return run(async () => {
        // the flag must belong to this contract
        const contract = await getContract(id, user);
        if (!contract.flags?.some((f) => f.id === v.flagId)) throw new Response("Not found", { status: 404 });
        return resolveAnomaly(v.flagId ?? "", v.resolution, user);
      }, "flagResolved");
    default:
      throw new Response("Bad request", { status: 400 });
  }
}
