// The offer form (/offers/new) and the negotiation reply (/offers/:id) as HTML sends them: money in
// 万元/元 (or 面议), the rest as strings. Each transform yields the body of the API's own schema
// (offerCreateSchema, offerMessageSchema), so the pages and POST /api/v1/offers cannot drift apart;
// the form's fields carry their own messages in words. Client-safe: the forms validate with these.
import { z } from "zod";
import { TRANSFER_MODES } from "../domain/catalog.ts";
import { addApiIssues, moneyShape, readMoney } from "../domain/money-form.ts";
import { offerCreateSchema, offerMessageSchema } from "./schemas.ts";

const id = z.string().trim().max(64).optional();
const NO_TARGET = "请从成果或需求页面发起报价 / Start the offer from a result or a need";

export const offerFormSchema = z
  .object({
    resultId: id,
    needId: id,
    ...moneyShape("amount"),
    mode: z.enum(TRANSFER_MODES).optional(),
    message: z.string().trim().max(5000).optional(),
    eventId: id,
  })
  .transform((v, ctx) => {
    if (!!v.resultId === !!v.needId) {
      ctx.addIssue({ code: "custom", path: [], message: NO_TARGET });
      return z.NEVER;
    }
    const amountFen = readMoney(v, "amount", ctx, { required: true, negotiable: true });
    if (amountFen === undefined) return z.NEVER;
    const parsed = offerCreateSchema.safeParse({
      resultId: v.resultId,
      needId: v.needId,
      amountFen,
      mode: v.mode ?? null,
      message: v.message ?? "",
      eventId: v.eventId,
    });
    if (parsed.success) return parsed.data;
    addApiIssues(parsed.error, ctx, { amountFen: "amount", resultId: "", needId: "" });
    return z.NEVER;
  });
export type OfferFormFields = z.input<typeof offerFormSchema>;
export type OfferFormValue = z.output<typeof offerFormSchema>;

/** A reply in the thread, with an optional counter-offer; accept / reject / withdraw carry nothing. */
export const offerReplySchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("message"),
      body: z.string().trim().max(5000).optional(),
      ...moneyShape("counter"),
    })
    .transform((v, ctx) => {
      // the words are checked even when the counter-offer is not an amount: one submit names both
      const counter = readMoney(v, "counter", ctx);
      const parsed = offerMessageSchema.safeParse({ body: v.body ?? "", counterAmountFen: counter ?? undefined });
      if (!parsed.success) addApiIssues(parsed.error, ctx, { counterAmountFen: "counter" }, new Set(["counter"]));
      return parsed.success && counter !== undefined ? { intent: v.intent, ...parsed.data } : z.NEVER;
    }),
  z.object({ intent: z.enum(["accept", "reject", "withdraw"]) }),
]);
