// Loader helpers of the listing pages: plain, serialisable data for the components.
import { data } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import { auditHistory } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { OFFER_ROLES, PROPOSAL_ROLES } from "../offers/offers.server.ts";
import { matchItemsForNeed, matchItemsForResult } from "./search-api.server.ts";
import { listNeeds, listResults } from "./list.server.ts";
import { parseListingQuery, type ListingQuery } from "./query.ts";
import type { NeedRow, ResultRow } from "./serialize.server.ts";
import { canRead, canWrite, isOwnerMember, isReviewer, type ListingKind } from "./workflow.server.ts";

/** Plain text cut to `length` characters with an ellipsis. */
function excerpt(text: string, length = 120) {
  const clean = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  return chars.length <= length ? clean : `${chars.slice(0, length).join("")}…`;
}

/** An ApiError from the domain code becomes an error page with the reader's half of the message. */
export function pageError(error: unknown, locale: string): never {
  if (error instanceof ApiError) {
    throw data(userMessage(error, locale), { status: error.status });
  }
  throw error;
}

export function resultCard(r: ResultRow) {
  return {
    id: r.id,
    kind: "result" as const,
    title: r.title,
    text: excerpt(r.summary, 140),
    field: r.field,
    maturity: r.maturity,
    modes: r.transferModes,
    moneyFen: r.priceFen === null ? null : Number(r.priceFen),
    deadline: null as string | null,
    status: r.status,
    rejectionReason: r.rejectionReason,
    organization: { id: r.organization.id, name: r.organization.name, regionCode: r.organization.regionCode },
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function needCard(n: NeedRow) {
  return {
    id: n.id,
    kind: "need" as const,
    title: n.title,
    text: excerpt(n.description, 140),
    field: n.field,
    maturity: null as string | null,
    modes: n.cooperationMode ? [n.cooperationMode] : [],
    moneyFen: n.budgetFen === null ? null : Number(n.budgetFen),
    deadline: n.deadline ? n.deadline.toISOString().slice(0, 10) : null,
    status: n.status,
    rejectionReason: n.rejectionReason,
    organization: { id: n.organization.id, name: n.organization.name, regionCode: n.organization.regionCode },
    publishedAt: n.publishedAt?.toISOString() ?? null,
    updatedAt: n.updatedAt.toISOString(),
  };
}

export type ListingCard = (ReturnType<typeof resultCard> | ReturnType<typeof needCard>) & {
  titleHtml?: string;
  snippetHtml?: string;
};

/** The URL's filter values as the form shows them (raw strings, not expanded). */
export function formState(params: URLSearchParams) {
  const all = (name: string) =>
    params
      .getAll(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  return {
    q: params.get("q") ?? "",
    field: all("field"),
    maturity: all("maturity"),
    regionCode: params.get("regionCode") ?? "",
    transferMode: all("transferMode"),
    orgKind: all("orgKind"),
    priceMin: params.get("priceMin") ?? "",
    priceMax: params.get("priceMax") ?? "",
    sort: params.get("sort") ?? "",
    organizationId: params.get("organizationId") ?? "",
  };
}
export type FormState = ReturnType<typeof formState>;

/** /results and /needs: published listings, searched and filtered by the URL. */
export async function listPage(kind: ListingKind, url: URL) {
  const parsed = parseListingQuery(url.searchParams, "wan");
  const form = formState(url.searchParams);
  if (!parsed.ok) {
    return {
      ok: false as const,
      form,
      fields: parsed.fields,
      items: [] as ListingCard[],
      total: 0,
      totalExact: true,
      page: 1,
      pages: 1,
      facets: null,
      facetsExact: true,
      tookMs: 0,
    };
  }
  const query: ListingQuery = { ...parsed.query, mine: false, status: [] };
  const scope = { statuses: ["published" as const], organizationId: query.organizationId };
  const list =
    kind === "result"
      ? await listResults(query, scope, { facets: true })
      : await listNeeds(query, scope, { facets: true });
  const items: ListingCard[] = list.rows.map((row) => {
    const card = kind === "result" ? resultCard(row as ResultRow) : needCard(row as NeedRow);
    const h = list.highlights[row.id];
    return { ...card, titleHtml: h?.title, snippetHtml: h?.snippet };
  });
  return {
    ok: true as const,
    form,
    fields: {} as Record<string, string>,
    items,
    total: list.total,
    totalExact: list.totalExact,
    page: query.page,
    pages: Math.max(1, Math.ceil(list.total / query.pageSize)),
    facets: list.facets ?? null,
    facetsExact: list.facetsExact,
    tookMs: Math.round(list.tookMs),
  };
}

/** Who the viewer is with respect to a listing: what the detail page may show and offer. */
export function viewerRole(
  kind: ListingKind,
  viewer: SessionUser | null,
  listing: { organizationId: string; status: string },
) {
  const member = isOwnerMember(viewer, listing);
  const reviewer = isReviewer(viewer);
  // offers on results come from companies and brokers; proposals answering needs from
  // researchers and brokers (the same lists createOffer enforces)
  const sideRoles = kind === "result" ? OFFER_ROLES : PROPOSAL_ROLES;
  const mayTrade = !!viewer && can(viewer, "create:offer:own") && sideRoles.includes(viewer.role);
  const canOffer = mayTrade && !member && !!viewer?.organizationId && listing.status === "published";
  // why a signed-in market participant sees no offer button, so the page can say what they can do
  const participant = !!viewer && ["researcher", "company", "broker"].includes(viewer.role);
  const offerBlocked =
    canOffer || !participant || listing.status !== "published"
      ? null
      : member
        ? ("ownListing" as const)
        : !mayTrade
          ? ("role" as const)
          : ("noOrganization" as const);
  return {
    canEdit: !!viewer && canWrite(kind, viewer, listing),
    canReview: reviewer && listing.status === "pending_review",
    seesHistory: member || reviewer || can(viewer, "read:listing:any"),
    canOffer,
    offerBlocked,
    // the matches on this page are of the other kind: results on a need's page take offers
    canOfferOnMatches:
      !!viewer?.organizationId &&
      can(viewer, "create:offer:own") &&
      (kind === "need" ? OFFER_ROLES : PROPOSAL_ROLES).includes(viewer.role),
    // drafts only until verified: the offer button is shown disabled, with the reason
    orgUnverified: !!viewer?.organizationId && !viewer.organization?.verifiedAt,
    // a member of the owning organization (researcher, broker) puts a published result on sale
    canSell: kind === "result" && member && can(viewer, "create:auction:own") && listing.status === "published",
    viewerRole: viewer?.role ?? null,
    loggedIn: !!viewer,
  };
}

export type HistoryEntry = {
  seq: string;
  action: string;
  actor: string | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** The listing's (or organization's) audit events with the actors' names. */
export async function historyOf(entityType: "result" | "need" | "organization", id: string): Promise<HistoryEntry[]> {
  const events = await auditHistory(entityType, id);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const actors = actorIds.length
    ? await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({
    seq: String(e.seq),
    action: e.action,
    actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
    at: e.createdAt.toISOString(),
    before: (e.before as Record<string, unknown> | null) ?? null,
    after: (e.after as Record<string, unknown> | null) ?? null,
  }));
}

/** Reads a listing for a page: 404 (as a page) when the viewer may not see it. */
export async function readableOr404<T extends { organizationId: string; status: string }>(
  row: T | null,
  viewer: SessionUser | null,
  locale: string,
): Promise<T> {
  if (!row || !canRead(viewer, row)) {
    throw data(locale.startsWith("en") ? "Not found" : "页面不存在", { status: 404 });
  }
  return row;
}

// ------------------------------------------------------------------ detail pages

export async function detailData(kind: ListingKind, id: string, viewer: SessionUser | null, locale: string) {
  const include = {
    organization: { select: { id: true, name: true, regionCode: true, kind: true, verifiedAt: true } },
  } as const;
  if (kind === "result") {
    const row = await readableOr404(await prisma.result.findUnique({ where: { id }, include }), viewer, locale);
    const role = viewerRole(kind, viewer, row);
    return {
      kind,
      role,
      history: role.seesHistory ? await historyOf("result", id) : null,
      item: {
        id: row.id,
        title: row.title,
        status: row.status,
        rejectionReason: row.rejectionReason,
        organization: row.organization,
        field: row.field,
        maturity: row.maturity as string | null,
        modes: row.transferModes,
        moneyFen: row.priceFen === null ? null : Number(row.priceFen),
        keywords: row.keywords,
        body: row.summary,
        targetIndicators: "",
        ipDescription: row.ipDescription,
        patentNumbers: row.patentNumbers,
        deadline: null as string | null,
        contact: { name: row.contactName, phone: row.contactPhone, email: row.contactEmail },
        publishedAt: row.publishedAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
      },
    };
  }
  const row = await readableOr404(await prisma.need.findUnique({ where: { id }, include }), viewer, locale);
  const role = viewerRole(kind, viewer, row);
  return {
    kind,
    role,
    history: role.seesHistory ? await historyOf("need", id) : null,
    item: {
      id: row.id,
      title: row.title,
      status: row.status,
      rejectionReason: row.rejectionReason,
      organization: row.organization,
      field: row.field,
      maturity: null as string | null,
      modes: row.cooperationMode ? [row.cooperationMode] : [],
      moneyFen: row.budgetFen === null ? null : Number(row.budgetFen),
      keywords: row.keywords,
      body: row.description,
      targetIndicators: row.targetIndicators,
      ipDescription: "",
      patentNumbers: [] as string[],
      deadline: row.deadline ? row.deadline.toISOString().slice(0, 10) : null,
      contact: { name: row.contactName, phone: row.contactPhone, email: row.contactEmail },
      publishedAt: row.publishedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
    },
  };
}
export type DetailData = Awaited<ReturnType<typeof detailData>>;

// ------------------------------------------------------------------ my listings

/** /my/results, /my/needs: every listing of the viewer's organization, by status. */
export async function myListingsPage(kind: ListingKind, viewer: SessionUser, url: URL, locale: string) {
  if (!can(viewer, kind === "result" ? "create:result:own" : "create:need:own")) {
    throw data(locale.startsWith("en") ? "Your role cannot post this" : "您的角色不能发布此类条目", { status: 403 });
  }
  if (!viewer.organizationId)
    return { hasOrganization: false as const, items: [] as ListingCard[], total: 0, page: 1, pages: 1, status: "" };
  const parsed = parseListingQuery(url.searchParams, "wan");
  const query = parsed.ok
    ? parsed.query
    : (parseListingQuery(new URLSearchParams(), "wan") as { ok: true; query: ListingQuery }).query;
  const scope = {
    statuses: query.status.length
      ? query.status
      : (["draft", "pending_review", "published", "rejected", "withdrawn"] as const).slice(),
    organizationId: viewer.organizationId,
  };
  const list =
    kind === "result"
      ? await listResults({ ...query, sort: query.sort ?? "newest" }, scope)
      : await listNeeds({ ...query, sort: query.sort ?? "newest" }, scope);
  const items: ListingCard[] = list.rows.map((row) =>
    kind === "result" ? resultCard(row as ResultRow) : needCard(row as NeedRow),
  );
  return {
    hasOrganization: true as const,
    items,
    total: list.total,
    page: query.page,
    pages: Math.max(1, Math.ceil(list.total / query.pageSize)),
    status: query.status.length === 1 ? query.status[0]! : "",
  };
}

// ------------------------------------------------------------------ matches (the search feature's)

/**
 * The matches shown on a detail page: results for a need, needs for a result (published only,
 * with score and reasons). A failure of the matcher leaves the section out rather than the page.
 */
export async function detailMatches(kind: ListingKind, id: string) {
  try {
    return kind === "need" ? await matchItemsForNeed(id, 10) : await matchItemsForResult(id, 10);
  } catch (error) {
    console.error("matches failed", error);
    return null;
  }
}
