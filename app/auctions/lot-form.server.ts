// Server side of the lot pages: /auctions/new (a member of the result's organization, or market
// staff, puts a published result on sale) and /my/lots (the organization's lots with their
// status). The form action calls the same functions as POST /api/v1/auctions and /submit, so the
// same rules and the same audit events apply.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { pickMessage } from "../i18n/i18n.ts";
import { formIntent } from "../components/form-intent.ts";
import { formFieldOf, isoToShanghaiInput, lotFormSchema } from "./form-schemas.ts";
import { createAuction, isMarketStaff, marketConfig, submitAuction } from "./lots.server.ts";
import { lotFullInclude, shapeLots } from "./lot-json.server.ts";
import { RULES } from "./schemas.ts";

const HOUR = 3_600_000;

function refuse(locale: string, status: 403 | 404, zh: string, en: string): never {
  throw data(locale.startsWith("en") ? en : zh, { status });
}

/** Who may open the lot form at all: a role that sells (researcher, broker) in an organization, or staff. */
function requireSeller(user: SessionUser, locale: string) {
  if (isMarketStaff(user)) return;
  if (!can(user, "create:auction:own"))
    refuse(locale, 403, "您的角色不能挂牌交易", "Your role cannot put results on sale");
  if (!user.organizationId) refuse(locale, 403, "请先加入成果所属单位", "Join the result's organization first");
}

/** The published results the viewer may put on sale (their organization's; staff: the one asked for). */
async function sellableResult(user: SessionUser, resultId: string, locale: string) {
  const result = await prisma.result.findUnique({
    where: { id: resultId },
    select: { id: true, title: true, status: true, organizationId: true, organization: { select: { name: true } } },
  });
  if (!result) refuse(locale, 404, "未找到该成果", "Result not found");
  if (!isMarketStaff(user) && result.organizationId !== user.organizationId)
    refuse(locale, 403, "只有成果所属单位的成员可以挂牌交易", "Only members of the result's organization can sell it");
  if (result.status !== "published")
    refuse(locale, 403, "只有已发布的成果可以挂牌交易", "Only a published result can be put on sale");
  return result;
}

/** Defaults that pass the timing rules as configured: opening after the announcement period. */
function defaultTimes(now: Date) {
  const { minAnnounceDays, minBiddingMinutes } = marketConfig();
  // the next whole hour after the announcement period, plus an hour for the review
  const start = new Date(Math.ceil((now.getTime() + minAnnounceDays * 24 * HOUR + HOUR) / HOUR) * HOUR);
  const end = new Date(start.getTime() + Math.max(minBiddingMinutes * 60_000, 24 * HOUR));
  const noticeEnd = new Date(Math.ceil((now.getTime() + (RULES.noticeMinDays + 1) * 24 * HOUR) / HOUR) * HOUR);
  return {
    biddingStartsAt: isoToShanghaiInput(start),
    biddingEndsAt: isoToShanghaiInput(end),
    noticeEndsAt: isoToShanghaiInput(noticeEnd),
  };
}

export async function newLotPageData(user: SessionUser, resultId: string | null, locale: string, now = new Date()) {
  requireSeller(user, locale);
  const { minAnnounceDays, minBiddingMinutes } = marketConfig();
  const rules = {
    minAnnounceDays,
    minBiddingMinutes,
    depositMinPercent: RULES.depositMinPercent,
    depositMaxPercent: RULES.depositMaxPercent,
    noticeMinDays: RULES.noticeMinDays,
    staff: isMarketStaff(user),
  };
  if (!resultId) {
    // no result chosen yet: the organization's published results to pick from
    const results = user.organizationId
      ? await prisma.result.findMany({
          where: { organizationId: user.organizationId, status: "published" },
          select: { id: true, title: true },
          orderBy: { updatedAt: "desc" },
          take: 200,
        })
      : [];
    return { result: null, results, buyers: [], rules, defaultValue: null };
  }
  const result = await sellableResult(user, resultId, locale);
  const buyers = await prisma.organization.findMany({
    where: { id: { not: result.organizationId }, verifiedAt: { not: null } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 1000,
  });
  return {
    result: { id: result.id, title: result.title, organizationName: result.organization.name },
    results: [],
    buyers,
    rules,
    defaultValue: {
      resultId: result.id,
      mode: "bidding",
      contractType: "transfer",
      softCloseSeconds: String(RULES.defaultSoftCloseSeconds),
      buyerRelation: "none",
      ...defaultTimes(now),
    },
  };
}

/** POST /auctions/new: intent "save" keeps a draft, "submit" also sends it to review. */
export async function saveLotForm(user: SessionUser, formData: FormData, locale: string) {
  requireSeller(user, locale);
  const submission = parseWithZod(formData, { schema: lotFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  let lotId: string;
  try {
    const lot = await createAuction(user, submission.value);
    lotId = lot.id;
    if (formIntent(formData, ["save", "submit"], "save") === "submit") await submitAuction(user, lot.id);
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fields ?? {}).map(([k, v]) => [formFieldOf(k), [pickMessage(v, locale)]]),
      );
      const formErrors = Object.keys(fieldErrors).length ? [] : [userMessage(error, locale)];
      return data(submission.reply({ formErrors, fieldErrors }), { status: error.status });
    }
    throw error;
  }
  return redirect(`/auctions/${lotId}`);
}

/** /my/lots: every lot of the viewer's organization, newest first, and what it may still put on sale. */
export async function myLotsData(user: SessionUser, locale: string) {
  requireSeller(user, locale);
  if (!user.organizationId) return { lots: [], results: [] };
  const [rows, results] = await Promise.all([
    prisma.auction.findMany({
      where: { sellerOrgId: user.organizationId },
      include: lotFullInclude,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
    prisma.result.findMany({
      where: { organizationId: user.organizationId, status: "published" },
      select: { id: true, title: true },
      orderBy: { updatedAt: "desc" },
      take: 200,
    }),
  ]);
  return { lots: await shapeLots(rows, user), results };
}
