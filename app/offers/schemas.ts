// Offers (报价, on a published result) and proposals (方案, answering a published need), and the
// negotiation thread. Shared by the API and the forms; messages Chinese first, then English.
import { z } from "zod";
import { TRANSFER_MODES } from "../domain/catalog.ts";
import { fenSchema } from "../contracts/schemas.ts";
import { strictShape } from "../domain/schema-fields.ts";

export const OFFER_STATUSES = ["open", "accepted", "rejected", "withdrawn"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const ONE_TARGET = "须且只能指定 resultId 或 needId 之一 / Give exactly one of resultId or needId";
const id = z.string({ error: "编号无效 / Invalid id" }).trim().min(1, { error: "编号无效 / Invalid id" }).max(64);

export const offerCreateSchema = strictShape({
  resultId: id.optional(),
  needId: id.optional(),
  // null = 面议 (to be negotiated)
  amountFen: fenSchema.nullable().default(null),
  mode: z.enum(TRANSFER_MODES, { error: `合作方式应为 ${TRANSFER_MODES.join("、")} 之一 / Unknown mode` }).nullish(),
  message: z
    .string({ error: "留言须为文本 / message must be text" })
    .trim()
    .max(5000, { error: "留言不超过 5000 字 / message is at most 5000 characters" })
    .default(""),
  // started at a matchmaking fair or roadshow the user registered for (app/events/)
  eventId: id.optional(),
}).superRefine((value, ctx) => {
  if (!!value.resultId === !!value.needId) ctx.addIssue({ code: "custom", path: ["resultId"], message: ONE_TARGET });
});
export type OfferCreateInput = z.infer<typeof offerCreateSchema>;

export const offerMessageSchema = strictShape({
  body: z
    .string({ error: "请填写消息内容 / A message body is required" })
    .trim()
    .min(1, { error: "请填写消息内容 / A message body is required" })
    .max(5000, { error: "消息不超过 5000 字 / A message is at most 5000 characters" }),
  counterAmountFen: fenSchema.optional(),
});
export type OfferMessageInput = z.infer<typeof offerMessageSchema>;

export const offerListQuerySchema = z.object({
  status: z.enum(OFFER_STATUSES, { error: "未知的状态 / Unknown status" }).optional(),
  side: z.enum(["made", "received"], { error: "side 应为 made 或 received / side is made or received" }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
