// The bidding room's forms (/auctions/:id), one shape per intent, as HTML sends them: money in 元,
// times as Shanghai wall-clock `datetime-local`. Each transform yields what the backend function
// of that intent takes (placeBid, reviewAuction, confirmDeposit…), checked by the API's own
// schemas where there is one, so the room and the API cannot drift apart. Messages are words in
// both languages on the form's own fields. Client-safe: the forms validate with it too.
import { z } from "zod";
import { MAX_FEN_LABEL, parseMoneyToFen } from "../domain/money.ts";
import { L } from "../domain/schema-fields.ts";
import { shanghaiInputToIso } from "./form-schemas.ts";
import {
  auctionCancelSchema,
  auctionReviewSchema,
  DEPOSIT_METHODS,
  depositConfirmSchema,
  depositRefundSchema,
  objectionDecisionSchema,
  objectionSchema,
} from "./schemas.ts";

const ref = (message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(100);
const depositId = ref("请选择保证金记录 / Choose the deposit");
const objectionId = ref("请选择异议 / Choose the objection");

/** A positive amount in 元 → fen, with the message on `path`. */
function yuanToFen(raw: string | undefined, label: { zh: string; en: string }, path: string, ctx: z.RefinementCtx) {
  const parsed = parseMoneyToFen(raw, "yuan");
  if (parsed.ok && parsed.fen > 0) return parsed.fen;
  const message =
    !parsed.ok && parsed.error === "required"
      ? `请填写${label.zh}（元） / Enter the ${label.en.toLowerCase()} in yuan`
      : !parsed.ok && parsed.error === "tooLarge"
        ? `${label.zh}超出上限（${MAX_FEN_LABEL.zh}） / The ${label.en.toLowerCase()} is above the ceiling of ${MAX_FEN_LABEL.en}`
        : `${label.zh}请填写大于 0 的元金额，例如 510000 或 12.50 / The ${label.en.toLowerCase()}: an amount in yuan above 0, e.g. 510000 or 12.50`;
  ctx.addIssue({ code: "custom", path: [path], message });
  return undefined;
}

/** The backend schema's issues on the form's fields (the API names them alike, bar money). */
function addIssues(error: z.ZodError, ctx: z.RefinementCtx, rename: Record<string, string> = {}) {
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    ctx.addIssue({ code: "custom", path: key ? [rename[key] ?? key] : [], message: issue.message });
  }
}

function checked<S extends z.ZodType>(schema: S, body: unknown, ctx: z.RefinementCtx, rename?: Record<string, string>) {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data as z.output<S>;
  addIssues(parsed.error, ctx, rename);
  return z.NEVER;
}

const RECEIVED_AT = "请选择到账时间（北京时间） / Choose when the money arrived (Beijing time)";
const optionalText = z.string().trim().max(10_000).optional();
const BARE = ["submit", "close", "confirm", "default"] as const;

export const roomFormSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("register"), method: z.enum(DEPOSIT_METHODS).optional() }),
    // the "+1 increment" button sends the next amount in fen; the custom amount is typed in 元
    z.object({
      intent: z.literal("bid"),
      amountFen: z
        .string()
        .trim()
        .regex(/^\d{1,16}$/)
        .optional()
        .catch(undefined),
      amountYuan: optionalText,
    }),
    z.object({ intent: z.enum(BARE) }),
    z.object({ intent: z.enum(["approve", "reject"]), note: optionalText }),
    z.object({ intent: z.literal("cancel"), reason: optionalText }),
    z.object({
      intent: z.literal("confirmDeposit"),
      depositId,
      bankReference: optionalText,
      payerName: optionalText,
      amountYuan: optionalText,
      receivedAt: optionalText,
      mismatchReason: optionalText,
    }),
    z.object({ intent: z.literal("refund"), depositId, bankReference: optionalText }),
    z.object({ intent: z.literal("object"), reason: optionalText }),
    z.object({ intent: z.literal("decide"), objectionId, decision: optionalText, note: optionalText }),
  ])
  .transform((v, ctx) => {
    switch (v.intent) {
      case "register":
        return { intent: v.intent, method: v.method ?? ("bank_transfer" as const) };
      case "bid": {
        const fen = v.amountFen ? Number(v.amountFen) : NaN;
        const amountFen =
          Number.isSafeInteger(fen) && fen > 0 ? fen : yuanToFen(v.amountYuan, L("出价", "Bid"), "amountYuan", ctx);
        return amountFen === undefined ? z.NEVER : { intent: v.intent, amountFen };
      }
      case "approve":
      case "reject": {
        const body = checked(auctionReviewSchema, { decision: v.intent, note: v.note || undefined }, ctx);
        return { intent: v.intent, ...body };
      }
      case "cancel":
        return { intent: v.intent, ...checked(auctionCancelSchema, { reason: v.reason ?? "" }, ctx) };
      case "confirmDeposit": {
        const amountFen = yuanToFen(v.amountYuan, L("到账金额", "Amount received"), "amountYuan", ctx);
        // left empty: received now
        const receivedAt = v.receivedAt ? shanghaiInputToIso(v.receivedAt) : new Date().toISOString();
        if (v.receivedAt && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v.receivedAt)) {
          ctx.addIssue({ code: "custom", path: ["receivedAt"], message: RECEIVED_AT });
          return z.NEVER;
        }
        const body = checked(
          depositConfirmSchema,
          {
            bankReference: v.bankReference ?? "",
            payerName: v.payerName ?? "",
            amountFen: amountFen ?? 1,
            receivedAt,
            ...(v.mismatchReason ? { mismatchReason: v.mismatchReason } : {}),
          },
          ctx,
        );
        return amountFen === undefined ? z.NEVER : { intent: v.intent, depositId: v.depositId, input: body };
      }
      case "refund": {
        const body = checked(depositRefundSchema, { bankReference: v.bankReference ?? "" }, ctx);
        return { intent: v.intent, depositId: v.depositId, ...body };
      }
      case "object":
        return { intent: v.intent, ...checked(objectionSchema, { reason: v.reason ?? "" }, ctx) };
      case "decide": {
        const body = checked(objectionDecisionSchema, { decision: v.decision ?? "", note: v.note ?? "" }, ctx);
        return { intent: v.intent, objectionId: v.objectionId, input: body };
      }
      default:
        return { intent: v.intent };
    }
  });
export type RoomFormValue = z.output<typeof roomFormSchema>;
/** Every input of the room's forms, as strings (each form sends some of them). */
export type RoomFormFields = Partial<
  Record<
    | "intent"
    | "method"
    | "amountFen"
    | "amountYuan"
    | "note"
    | "reason"
    | "depositId"
    | "bankReference"
    | "payerName"
    | "receivedAt"
    | "mismatchReason"
    | "objectionId"
    | "decision",
    string
  >
>;
export type RoomIntent = RoomFormValue["intent"];

/** The room's text limits (the API schemas'), for the inputs' maxLength. */
export const ROOM_LIMITS = {
  note: 1000,
  reason: 1000,
  objection: 2000,
  reference: 100,
  payer: 200,
  mismatch: 500,
} as const;
