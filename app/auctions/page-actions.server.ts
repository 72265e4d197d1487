// The bidding room's form actions (/auctions/:id): the same functions as the API, fed from plain
// HTML forms (parsed with conform and the room's schema, one shape per intent) so the page works
// without JavaScript. A refusal comes back to the form that was sent, in the reader's language.
import { parseWithZod } from "@conform-to/zod/v4";
import type { SessionUser } from "../auth/session.server.ts";
import { orReply, refused } from "../components/form-reply.server.ts";
import type { Locale } from "../i18n/i18n.ts";
import { placeBid } from "./bids.server.ts";
import "./card.server.ts";
import { closeAuction, confirmWin, markDefault } from "./close.server.ts";
import { confirmDeposit, refundDeposit, registerDeposit } from "./deposits.server.ts";
import { cancelAuction, reviewAuction, submitAuction } from "./lots.server.ts";
import { decideObjection, fileObjection } from "./notice.server.ts";
import { roomFormSchema, type RoomFormValue } from "./room-form-schemas.ts";

async function run(user: SessionUser, id: string, v: RoomFormValue, receivedAt: Date): Promise<string | null> {
  switch (v.intent) {
    case "register":
      await registerDeposit(user, id, v.method);
      return null;
    case "bid":
      await placeBid(user, id, v.amountFen, receivedAt);
      return null;
    case "submit":
      await submitAuction(user, id);
      return null;
    case "approve":
    case "reject":
      await reviewAuction(user, id, { decision: v.intent, note: v.note });
      return null;
    case "cancel":
      await cancelAuction(user, id, v.reason);
      return null;
    case "close":
      await closeAuction(user, id);
      return null;
    case "confirm":
      return (await confirmWin(user, id)).contractId;
    case "default":
      await markDefault(user, id);
      return null;
    case "confirmDeposit":
      await confirmDeposit(user, v.depositId, v.input);
      return null;
    case "refund":
      await refundDeposit(user, v.depositId, v.bankReference);
      return null;
    case "object":
      await fileObjection(user, id, v.reason);
      return null;
    case "decide":
      await decideObjection(user, v.objectionId, v.input);
      return null;
  }
}

/**
 * Runs one intent: `{ contractId }` when a confirmed win made a contract draft, `{}` when done,
 * else the sent form's conform reply (400 for its fields, the backend's status for a refusal).
 */
export async function roomAction(user: SessionUser, id: string, form: FormData, locale: Locale, receivedAt: Date) {
  const submission = parseWithZod(form, { schema: roomFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  // the API names the bid and the deposit amount in fen; the forms take 元
  const rename: Record<string, string> =
    v.intent === "bid" || v.intent === "confirmDeposit" ? { amountFen: "amountYuan" } : {};
  const r = await orReply(submission, locale, () => run(user, id, v, receivedAt), rename);
  if (!r.ok) return r.reply;
  return { contractId: r.value, done: v.intent };
}
