// One schema per shape for trading (交易项目): lots in the modes bidding (网络竞价), listing (挂牌)
// and notice (协议定价公示), deposits, bids, objections and the working-day calendar. Shared by the
// API and the forms; money is integer fen.
import { z } from "zod";
import { MAX_FEN } from "../domain/money.ts";
import { calendarDay, isoDateTime, strictShape, text } from "../domain/schema-fields.ts";

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
  z.enum(values, { error: `${zh}应为 ${values.join(" | ")} / ${en} must be one of ${values.join(", ")}` });

const isoTime = (label: string) => isoDateTime({ zh: label, en: label });

const id = (zh: string, en: string) =>
  z
    .string({ error: `请填写${zh} / ${en} is required` })
    .trim()
    .min(1, `请填写${zh} / ${en} is required`)
    .max(100);

/** POST /api/v1/auctions */
export const auctionCreateSchema = strictShape({
  resultId: id("科技成果", "resultId"),
  mode: enumOf(AUCTION_MODES, "交易方式", "mode"),
  contractType: enumOf(AUCTION_CONTRACT_TYPES, "合同类型", "contractType"),
  licenseScope: enumOf(LICENSE_SCOPES, "许可范围", "licenseScope").optional(),
  licenseTermMonths: z
    .number({ error: "许可期限应为月数 / licenseTermMonths must be a number of months" })
    .int()
    .min(1)
    .max(600)
    .optional(),
  startPriceFen: fen("起拍价", "startPriceFen", 1),
  incrementFen: fen("加价幅度", "incrementFen", 1).optional(),
  reservePriceFen: fen("保留价", "reservePriceFen", 1).optional(),
  depositFen: fen("保证金", "depositFen").optional(),
  depositOverrideReason: text(L("保证金例外理由", "depositOverrideReason"), 500).optional(),
  biddingStartsAt: isoTime("biddingStartsAt").optional(),
  biddingEndsAt: isoTime("biddingEndsAt").optional(),
  softCloseSeconds: z
    .number({ error: "延时周期应为秒数 / softCloseSeconds must be a number of seconds" })
    .int()
    .min(0)
    .max(3600)
    .optional(),
  buyerOrgId: id("受让方", "buyerOrgId").optional(),
  buyerRelation: enumOf(BUYER_RELATIONS, "受让方关系", "buyerRelation").optional(),
  noticeEndsAt: isoTime("noticeEndsAt").optional(),
  reofferOfId: id("原交易项目", "reofferOfId").optional(),
}).superRefine((v, ctx) => {
  const need = (key: keyof typeof v, zh: string) => {
    if (v[key] === undefined)
      ctx.addIssue({ code: "custom", path: [key], message: `请填写${zh} / ${key} is required for this mode` });
  };
  if (v.mode === "notice") {
    need("buyerOrgId", "受让方");
    need("noticeEndsAt", "公示截止时间");
  } else {
    need("incrementFen", "加价幅度");
    need("biddingStartsAt", v.mode === "listing" ? "挂牌开始时间" : "竞价开始时间");
    need("biddingEndsAt", v.mode === "listing" ? "挂牌截止时间" : "竞价结束时间");
    if (v.biddingStartsAt instanceof Date && v.biddingEndsAt instanceof Date && v.biddingEndsAt <= v.biddingStartsAt) {
      ctx.addIssue({
        code: "custom",
        path: ["biddingEndsAt"],
        message: "结束时间应晚于开始时间 / biddingEndsAt must be after biddingStartsAt",
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
  if (v.contractType === "license") need("licenseScope", "许可范围");
});
export type AuctionCreateInput = z.output<typeof auctionCreateSchema>;

export const auctionReviewSchema = strictShape({
  decision: enumOf(["approve", "reject"] as const, "审核结果", "decision"),
  note: text(L("审核意见", "note"), 1000).optional(),
});

export const auctionCancelSchema = strictShape({
  reason: text(L("取消理由", "reason"), 1000, { required: true }),
});

export const depositCreateSchema = strictShape({
  method: enumOf(DEPOSIT_METHODS, "支付方式", "method").optional(),
});

export const depositConfirmSchema = strictShape({
  bankReference: text(L("银行流水号", "bankReference"), 100, { required: true, singleLine: true }),
  payerName: text(L("付款人户名", "payerName"), 200, { required: true, singleLine: true }),
  amountFen: fen("到账金额", "amountFen", 1),
  receivedAt: isoTime("receivedAt"),
  // needed when the payer name differs from the bidder's organization
  mismatchReason: text(L("户名不一致的理由", "mismatchReason"), 500).optional(),
});
export type DepositConfirmInput = z.output<typeof depositConfirmSchema>;

export const depositRefundSchema = strictShape({
  bankReference: text(L("退款银行流水号", "bankReference"), 100, { required: true, singleLine: true }),
});

export const bidSchema = strictShape({
  amountFen: fen("出价", "amountFen", 1),
});

export const objectionSchema = strictShape({
  reason: text(L("异议理由", "reason"), 2000, { required: true }),
});

export const objectionDecisionSchema = strictShape({
  decision: enumOf(["uphold", "dismiss"] as const, "处理结果", "decision"),
  note: text(L("处理意见", "note"), 1000, { required: true }),
});

export const calendarDaySchema = strictShape({
  date: calendarDay(
    { zh: "日期", en: "date" },
    { messages: { format: "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD" } },
  ),
  working: z.boolean({ error: "working 应为 true 或 false / working must be true or false" }),
  note: text(L("说明", "note"), 200).optional(),
});

export const auctionListQuerySchema = z.object({
  status: enumOf(AUCTION_STATUSES, "状态", "status").optional(),
  mode: enumOf(AUCTION_MODES, "交易方式", "mode").optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
