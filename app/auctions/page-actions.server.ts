// The bidding room's form actions (/auctions/:id): the same functions as the API, fed from a
// plain HTML form so the page works without JavaScript. Money is typed in yuan.
import { data } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { parseMoneyToFen } from "../domain/money.ts";
import { pickMessage } from "../i18n/i18n.ts";
import { placeBid } from "./bids.server.ts";
import "./card.server.ts";
import { closeAuction, confirmWin, markDefault } from "./close.server.ts";
import { confirmDeposit, refundDeposit, registerDeposit } from "./deposits.server.ts";
import { cancelAuction, reviewAuction, submitAuction } from "./lots.server.ts";
import { decideObjection, fileObjection } from "./notice.server.ts";
import { depositConfirmSchema, objectionDecisionSchema, objectionSchema } from "./schemas.ts";

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim();

function moneyField(form: FormData, key: string, fenKey?: string) {
  const fen = fenKey ? Number(form.get(fenKey)) : NaN;
  if (Number.isSafeInteger(fen) && fen > 0) return fen;
  const parsed = parseMoneyToFen(str(form, key), "yuan");
  if (!parsed.ok) throw new ApiError(400, "invalid_input", "请填写有效金额（元） / Enter a valid amount in yuan");
  return parsed.fen;
}

/** Runs one intent; answers {intent, error, contractId?} (error already in the reader's language). */
export async function roomAction(user: SessionUser, id: string, form: FormData, locale: string, receivedAt: Date) {
  const intent = str(form, "intent");
  try {
    let contractId: string | null = null;
    switch (intent) {
      case "register":
        await registerDeposit(user, id, str(form, "method") === "stripe" ? "stripe" : "bank_transfer");
        break;
      case "bid":
        await placeBid(user, id, moneyField(form, "amountYuan", "amountFen"), receivedAt);
        break;
      case "submit":
        await submitAuction(user, id);
        break;
      case "approve":
      case "reject":
        await reviewAuction(user, id, { decision: intent, note: str(form, "note") || undefined });
        break;
      case "cancel":
        if (!str(form, "reason")) throw new ApiError(400, "invalid_input", "请填写取消理由 / Give a reason");
        await cancelAuction(user, id, str(form, "reason"));
        break;
      case "close":
        await closeAuction(user, id);
        break;
      case "confirm":
        contractId = (await confirmWin(user, id)).contractId;
        break;
      case "default":
        await markDefault(user, id);
        break;
      case "confirmDeposit": {
        const received = str(form, "receivedAt");
        const input = depositConfirmSchema.parse({
          bankReference: str(form, "bankReference"),
          payerName: str(form, "payerName"),
          amountFen: moneyField(form, "amountYuan"),
          receivedAt: received ? `${received}:00+08:00` : new Date().toISOString(),
          ...(str(form, "mismatchReason") ? { mismatchReason: str(form, "mismatchReason") } : {}),
        });
        await confirmDeposit(user, str(form, "depositId"), input);
        break;
      }
      case "refund":
        if (!str(form, "bankReference"))
          throw new ApiError(400, "invalid_input", "请填写退款银行流水号 / Give the refund's bank reference");
        await refundDeposit(user, str(form, "depositId"), str(form, "bankReference"));
        break;
      case "object":
        await fileObjection(user, id, objectionSchema.parse({ reason: str(form, "reason") }).reason);
        break;
      case "decide": {
        const input = objectionDecisionSchema.parse({ decision: str(form, "decision"), note: str(form, "note") });
        await decideObjection(user, str(form, "objectionId"), input);
        break;
      }
      default:
        return data({ intent, error: "Unknown intent", contractId: null }, { status: 400 });
    }
    return { intent, error: null, contractId };
  } catch (error) {
    if (error instanceof ApiError) {
      const field = error.fields ? Object.values(error.fields)[0] : undefined;
      const message =
        error.code === "invalid_input" && field
          ? `${userMessage(error, locale)}：${pickMessage(field, locale)}`
          : userMessage(error, locale);
      return data({ intent, error: message, contractId: null }, { status: error.status });
    }
    if (error && typeof error === "object" && "issues" in error) {
      const issue = (error as { issues: Array<{ message: string }> }).issues[0];
      return data({ intent, error: pickMessage(issue?.message ?? "", locale), contractId: null }, { status: 400 });
    }
    throw error;
  }
}
