// One schema per shape for trading (交易项目): lots in the modes bidding (网络竞价), listing (挂牌)
// and notice (协议定价公示), deposits, bids, objections and the working-day calendar. Shared by the
// API and the forms; money is integer fen.
import { z } from "zod";
import { MAX_FEN } from "../domain/money.ts";
import { calendarDay, enumOf as sharedEnumOf, isoDateTime, strictShape, text } from "../domain/schema-fields.ts";

export const AUCTION_MODES = ["bidding", "listing", "notice"] as const;
export const AUCTION_STATUSES = [
  "draft",
  "pending_review",
  "announced",
  "bidding",
  "sold",
  "unsold",
  "cancelled",
] as const;
export const AUCTION_CONTRACT_TYPES = ["transfer", "license"] as const;
export const LICENSE_SCOPES = ["exclusive", "sole", "ordinary"] as const;
export const BUYER_RELATIONS = ["none", "inventor", "related"] as const;
export const DEPOSIT_METHODS = ["bank_transfer", "stripe"] as const;
export const DEPOSIT_STATUSES = [
  "awaiting_payment",
  "held",
  "applied",
  "refund_due",
  "refunded",
  "forfeited",
  "failed",
] as const;
export type AuctionMode = (typeof AUCTION_MODES)[number];
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

/** Statutory and market defaults (market-rules.md); the env-configurable ones are in env.server.ts. */
export const RULES = {
  depositMinPercent: 5,
  depositMaxPercent: 20,
  defaultSoftCloseSeconds: 300,
  noticeMinDays: 15,
  confirmWorkingDays: 5,
  reofferWithinDays: 30,
  reofferMaxCutPercent: 20,
} as const;

const L = (zh: string, en: string) => ({ zh, en });

const fen = (zh: string, en: string, min = 0) =>
  z
    .number({ error: `${zh}应为以“分”为单位的整数 / ${en} must be an integer number of fen` })
    .int(`${zh}应为整数（单位：分） / ${en} must be a whole number of fen`)
    .min(min, min > 0 ? `${zh}应大于 0 / ${en} must be positive` : `${zh}不能为负数 / ${en} must not be negative`)
    .max(MAX_FEN, `${zh}超出上限 / ${en} is too large`);

const enumOf = <const T extends readonly [string, ...string[]]>(values: T, zh: string, en: string) =>
  sharedEnumOf(values, { zh, en });

const isoTime = (zh: string, en: string) => isoDateTime({ zh, en });

const id = (zh: string, en: string) =>
  z
    .string({ error: `请填写${zh} / ${en} is required` })
    .trim()
    .min(1, `请填写${zh} / ${en} is required`)
    .max(100);

type LotNeed = "incrementFen" | "biddingStartsAt" | "biddingEndsAt" | "buyerOrgId" | "noticeEndsAt" | "licenseScope";

/**
 * What a lot needs besides its price, by its mode and contract type: checked by the API's schema,
 * and by the lot form even while the price is still missing (the API's refinements wait for it).
 */
export function lotNeeds(mode: string | undefined, contractType: string | undefined) {
  const needs: Array<{ key: LotNeed; message: string }> = [];
  const need = (key: LotNeed, zh: string, en: string) =>
    needs.push({ key, message: `请填写${zh} / ${en} is required for this kind of sale` });
  if (mode === "notice") {
    need("buyerOrgId", "受让方", "The buyer");
    need("noticeEndsAt", "公示截止时间", "The end of the notice period");
  } else {
    need("incrementFen", "加价幅度", "The increment");
    need("biddingStartsAt", mode === "listing" ? "挂牌开始时间" : "竞价开始时间", "The start");
    need("biddingEndsAt", mode === "listing" ? "挂牌截止时间" : "竞价结束时间", "The end");
  }
  if (contractType === "license") need("licenseScope", "许可范围", "The licence scope");
  return needs;
}

/** POST /api/v1/auctions */
export const auctionCreateSchema = strictShape({
  resultId: id("科技成果", "Result"),
  mode: enumOf(AUCTION_MODES, "交易方式", "Mode"),
  contractType: enumOf(AUCTION_CONTRACT_TYPES, "合同类型", "Contract type"),
  licenseScope: enumOf(LICENSE_SCOPES, "许可范围", "Licence scope").optional(),
  licenseTermMonths: z
    .number({ error: "许可期限应为月数 / The licence term must be a number of months" })
    .int()
    .min(1)
    .max(600)
    .optional(),
  startPriceFen: fen("起拍价", "Starting price", 1),
  incrementFen: fen("加价幅度", "Increment", 1).optional(),
  reservePriceFen: fen("保留价", "Reserve price", 1).optional(),
  depositFen: fen("保证金", "Deposit").optional(),
  depositOverrideReason: text(L("保证金例外理由", "Reason for the deposit exception"), 500).optional(),
  biddingStartsAt: isoTime("开始时间", "Start").optional(),
  biddingEndsAt: isoTime("结束时间", "End").optional(),
  softCloseSeconds: z
    .number({ error: "延时周期应为秒数 / The soft-close period must be a number of seconds" })
    .int()
    .min(0)
    .max(3600)
    .optional(),
  buyerOrgId: id("受让方", "Buyer").optional(),
  buyerRelation: enumOf(BUYER_RELATIONS, "受让方关系", "Relation to the buyer").optional(),
  noticeEndsAt: isoTime("公示截止时间", "End of the notice period").optional(),
  reofferOfId: id("原交易项目", "Original lot").optional(),
}).superRefine((v, ctx) => {
  for (const n of lotNeeds(v.mode, v.contractType)) {
    if (v[n.key] === undefined) ctx.addIssue({ code: "custom", path: [n.key], message: n.message });
  }
  if (v.mode !== "notice") {
    if (v.biddingStartsAt instanceof Date && v.biddingEndsAt instanceof Date && v.biddingEndsAt <= v.biddingStartsAt) {
      ctx.addIssue({
        code: "custom",
        path: ["biddingEndsAt"],
        message: "结束时间应晚于开始时间 / The end must be after the start",
      });
    }
  }
  if (v.mode !== "bidding" && v.reservePriceFen !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["reservePriceFen"],
      message: "只有网络竞价可设保留价 / Only bidding lots have a reserve",
    });
  }
});
export type AuctionCreateInput = z.output<typeof auctionCreateSchema>;

export const auctionReviewSchema = strictShape({
  decision: enumOf(["approve", "reject"] as const, "审核结果", "Decision"),
  note: text(L("审核意见", "Review note"), 1000).optional(),
});

export const auctionCancelSchema = strictShape({
  reason: text(L("取消理由", "Reason for cancelling"), 1000, { required: true }),
});

export const depositCreateSchema = strictShape({
  method: enumOf(DEPOSIT_METHODS, "支付方式", "method").optional(),
});

export const depositConfirmSchema = strictShape({
  bankReference: text(L("银行流水号", "Bank reference"), 100, { required: true, singleLine: true }),
  payerName: text(L("付款人户名", "Payer name"), 200, { required: true, singleLine: true }),
  amountFen: fen("到账金额", "amountFen", 1),
  receivedAt: isoTime("到账时间", "Date received"),
  // needed when the payer name differs from the bidder's organization
  mismatchReason: text(L("户名不一致的理由", "Reason the account names differ"), 500).optional(),
});
export type DepositConfirmInput = z.output<typeof depositConfirmSchema>;

export const depositRefundSchema = strictShape({
  bankReference: text(L("退款银行流水号", "Bank reference of the refund"), 100, { required: true, singleLine: true }),
});

export const bidSchema = strictShape({
  amountFen: fen("出价", "amountFen", 1),
});

export const objectionSchema = strictShape({
  reason: text(L("异议理由", "Reason for the objection"), 2000, { required: true }),
});

export const objectionDecisionSchema = strictShape({
  decision: enumOf(["uphold", "dismiss"] as const, "处理结果", "Decision"),
  note: text(L("处理意见", "Note"), 1000, { required: true }),
});

export const calendarDaySchema = strictShape({
  date: calendarDay(
    { zh: "日期", en: "date" },
    { messages: { format: "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD" } },
  ),
  working: z.boolean({ error: "working 应为 true 或 false / working must be true or false" }),
  note: text(L("说明", "Note"), 200).optional(),
});

export const auctionListQuerySchema = z.object({
  status: enumOf(AUCTION_STATUSES, "状态", "status").optional(),
  mode: enumOf(AUCTION_MODES, "交易方式", "mode").optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
