// An offer as the API returns it: the rows it is read with and its JSON (with what the viewer
// may do next). The negotiation itself: offers.server.ts.
import type { SessionUser } from "../auth/session.server.ts";
import type { Prisma } from "../db/db.server.ts";

const orgSelect = { select: { id: true, name: true, kind: true, regionCode: true, verifiedAt: true } } as const;

/** A party as the API shows it: `verified` lets every page mark an unverified one. */
function partyJson(o: { id: string; name: string; kind: string; regionCode: string; verifiedAt: Date | null }) {
  return { id: o.id, name: o.name, kind: o.kind, regionCode: o.regionCode, verified: !!o.verifiedAt };
}

export const offerInclude = {
  fromOrg: orgSelect,
  toOrg: orgSelect,
  result: { select: { id: true, title: true, organizationId: true, field: true, status: true } },
  need: { select: { id: true, title: true, organizationId: true, field: true, status: true } },
  contract: { select: { id: true, status: true } },
  lead: {
    select: {
      id: true,
      brokerUserId: true,
      broker: { select: { name: true } },
      brokerOrg: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.OfferInclude;

export type OfferRow = Prisma.OfferGetPayload<{ include: typeof offerInclude }>;
export type MessageRow = Prisma.OfferMessageGetPayload<object>;

export function isOfferParty(offer: { fromOrgId: string; toOrgId: string }, user: SessionUser) {
  return !!user.organizationId && (offer.fromOrgId === user.organizationId || offer.toOrgId === user.organizationId);
}

/** The offer as the API returns it; `viewer` adds what the viewer may do next (for the UI). */
export function offerJson(o: OfferRow, viewer?: SessionUser, messages?: MessageRow[]) {
  const orgId = viewer?.organizationId ?? null;
  const party = !!viewer && isOfferParty(o, viewer);
  const open = o.status === "open";
  const listing = o.result
    ? { type: "result" as const, id: o.result.id, title: o.result.title, field: o.result.field }
    : o.need
      ? { type: "need" as const, id: o.need.id, title: o.need.title, field: o.need.field }
      : null;
  return {
    id: o.id,
    kind: o.kind,
    status: o.status,
    resultId: o.resultId,
    needId: o.needId,
    listing,
    fromOrg: partyJson(o.fromOrg),
    toOrg: partyJson(o.toOrg),
    amountFen: o.amountFen === null ? null : Number(o.amountFen),
    mode: o.mode,
    message: o.message,
    awaitingOrgId: o.awaitingOrgId,
    eventId: o.eventId,
    // who introduced the two sides (a broker's live lead when the offer was made)
    leadId: o.leadId,
    broker: o.lead ? { userId: o.lead.brokerUserId, name: o.lead.broker.name, org: o.lead.brokerOrg } : null,
    createdById: o.createdById,
    closedById: o.closedById,
    closedAt: o.closedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    contract: o.contract ? { id: o.contract.id, status: o.contract.status } : null,
    ...(viewer
      ? {
          viewer: {
            side: !party ? null : o.fromOrgId === orgId ? ("maker" as const) : ("receiver" as const),
            canReply: party && open,
            canAccept: party && open && o.awaitingOrgId === orgId,
            canReject: party && open && o.awaitingOrgId === orgId,
            canWithdraw: party && open && o.awaitingOrgId !== orgId,
          },
        }
      : {}),
    ...(messages
      ? {
          messages: messages.map((m) => ({
            id: m.id,
            authorId: m.authorId,
            orgId: m.orgId,
            body: m.body,
            counterAmountFen: m.counterAmountFen === null ? null : Number(m.counterAmountFen),
            createdAt: m.createdAt.toISOString(),
          })),
        }
      : {}),
  };
}
export type OfferJson = ReturnType<typeof offerJson>;
