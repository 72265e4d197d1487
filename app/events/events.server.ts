// Matchmaking fairs (对接会) and roadshows (路演): staff publish an event with the listings it
// presents; users register (capacity enforced under a row lock), get a check-in code, and are
// checked in at the door; offers started at the event carry its id, so the event page can show
// what came of it online (offers, accepted deals, registered contracts and their value).
import { randomBytes, randomInt } from "node:crypto";
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { notificationText } from "../notifications/messages.server.ts";
import type { EventInput } from "./schemas.ts";

type Actor = Pick<SessionUser, "id" | "role" | "organizationId">;

export const isEventStaff = (user: Pick<SessionUser, "role"> | null | undefined) => can(user, "manage:event:any");

export function requireEventStaff(user: Pick<SessionUser, "role">) {
  if (!isEventStaff(user))
    throw errors.forbidden("只有科技局工作人员可以管理对接活动 / Only bureau staff manage events");
}

const eventSelect = {
  id: true,
  subcentreId: true,
  kind: true,
  title: true,
  description: true,
  venue: true,
  regionCode: true,
  startsAt: true,
  endsAt: true,
  capacity: true,
  status: true,
  createdAt: true,
  organizerOrg: { select: { id: true, name: true, verifiedAt: true } },
  _count: { select: { registrations: true } },
} as const;

type EventRow = {
  id: string;
  subcentreId: string | null;
  kind: string;
  title: string;
  description: string;
  venue: string;
  regionCode: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  status: string;
  createdAt: Date;
  organizerOrg: { id: string; name: string; verifiedAt: Date | null } | null;
  _count: { registrations: number };
};

export function eventJson(e: EventRow) {
  return {
    id: e.id,
    subcentreId: e.subcentreId,
    kind: e.kind,
    title: e.title,
    description: e.description,
    venue: e.venue,
    regionCode: e.regionCode,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    capacity: e.capacity,
    registered: e._count.registrations,
    status: e.status,
    // `verified`: pages mark an unverified organization (docs/decisions/0019-organization-trust.md)
    organizer: e.organizerOrg
      ? { id: e.organizerOrg.id, name: e.organizerOrg.name, verified: !!e.organizerOrg.verifiedAt }
      : null,
    createdAt: e.createdAt.toISOString(),
  };
}
export type EventJson = ReturnType<typeof eventJson>;

/** Creates a published event; the listings it presents must be published. */
export async function createEvent(actor: Actor, input: EventInput) {
  requireEventStaff(actor);
  const resultIds = [...new Set(input.resultIds ?? [])];
  const needIds = [...new Set(input.needIds ?? [])];
  const [results, needs] = await Promise.all([
    resultIds.length
      ? prisma.result.findMany({ where: { id: { in: resultIds }, status: "published" }, select: { id: true } })
      : [],
    needIds.length
      ? prisma.need.findMany({ where: { id: { in: needIds }, status: "published" }, select: { id: true } })
      : [],
  ]);
  const missing = (ids: string[], found: Array<{ id: string }>) => ids.filter((id) => !found.some((f) => f.id === id));
  const fields: Record<string, string> = {};
  if (missing(resultIds, results).length)
    fields.resultIds = `不存在或未发布的科技成果：${missing(resultIds, results).join(", ")} / Unknown or unpublished results`;
  if (missing(needIds, needs).length)
    fields.needIds = `不存在或未发布的技术需求：${missing(needIds, needs).join(", ")} / Unknown or unpublished needs`;
  if (Object.keys(fields).length) throw errors.invalid(Object.values(fields)[0]!, fields);

  return prisma.$transaction(async (tx) => {
    const event = await tx.marketEvent.create({
      data: {
        kind: input.kind,
        title: input.title,
        description: input.description ?? "",
        venue: input.venue,
        regionCode: input.regionCode,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity ?? null,
        organizerOrgId: actor.organizationId,
        createdById: actor.id,
        showcases: {
          create: [
            ...resultIds.map((listingId, position) => ({ kind: "result", listingId, position })),
            ...needIds.map((listingId, position) => ({ kind: "need", listingId, position })),
          ],
        },
      },
      select: eventSelect,
    });
    await recordAudit(tx, {
      entityType: "event",
      entityId: event.id,
      action: "create",
      actorId: actor.id,
      after: { ...input },
    });
    return event;
  });
}

export async function listEvents(
  query: { when: "upcoming" | "past"; page: number; pageSize: number },
  now = new Date(),
) {
  const where = query.when === "upcoming" ? { endsAt: { gte: now } } : { endsAt: { lt: now } };
  const [rows, total] = await Promise.all([
    prisma.marketEvent.findMany({
      where,
      orderBy: query.when === "upcoming" ? [{ startsAt: "asc" }, { id: "asc" }] : [{ startsAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: eventSelect,
    }),
    prisma.marketEvent.count({ where }),
  ]);
  return { items: rows.map(eventJson), total, page: query.page, pageSize: query.pageSize };
}

/** The public page: the event, what it presents, what came of it, and the viewer's registration. */
export async function getEvent(id: string, viewer: Actor | null) {
  const event = await prisma.marketEvent.findUnique({
    where: { id },
    select: { ...eventSelect, showcases: { orderBy: [{ kind: "asc" }, { position: "asc" }] } },
  });
  if (!event) throw errors.notFound("活动");
  const resultIds = event.showcases.filter((s) => s.kind === "result").map((s) => s.listingId);
  const needIds = event.showcases.filter((s) => s.kind === "need").map((s) => s.listingId);
  const [results, needs, checkedIn, mine, outcomes] = await Promise.all([
    prisma.result.findMany({
      where: { id: { in: resultIds }, status: "published" },
      select: { id: true, title: true, organization: { select: { name: true } } },
    }),
    prisma.need.findMany({
      where: { id: { in: needIds }, status: "published" },
      select: { id: true, title: true, organization: { select: { name: true } } },
    }),
    prisma.eventRegistration.count({ where: { eventId: id, checkedInAt: { not: null } } }),
    viewer
      ? prisma.eventRegistration.findUnique({
          where: { eventId_userId: { eventId: id, userId: viewer.id } },
          select: { checkInCode: true, checkInToken: true, checkedInAt: true, createdAt: true },
        })
      : null,
    eventOutcomes(id),
  ]);
  const order = (ids: string[]) => (a: { id: string }, b: { id: string }) => ids.indexOf(a.id) - ids.indexOf(b.id);
  return {
    ...eventJson(event),
    checkedIn,
    results: results
      .sort(order(resultIds))
      .map((r) => ({ id: r.id, title: r.title, organization: r.organization.name })),
    needs: needs.sort(order(needIds)).map((n) => ({ id: n.id, title: n.title, organization: n.organization.name })),
    myRegistration: mine
      ? {
          checkInCode: mine.checkInCode,
          checkInToken: mine.checkInToken,
          checkedInAt: mine.checkedInAt?.toISOString() ?? null,
          registeredAt: mine.createdAt.toISOString(),
        }
      : null,
    outcomes,
  };
}

/** What the event led to online: offers started there, accepted ones, contracts and their value. */
export async function eventOutcomes(eventId: string) {
  const [offers, accepted, contracts] = await Promise.all([
    prisma.offer.count({ where: { eventId } }),
    prisma.offer.count({ where: { eventId, status: "accepted" } }),
    prisma.contract.aggregate({
      where: { offer: { eventId }, status: "registered" },
      _count: { _all: true },
      _sum: { contractAmountFen: true, techTransactionAmountFen: true },
    }),
  ]);
  return {
    offers,
    acceptedOffers: accepted,
    registeredContracts: contracts._count._all,
    contractAmountFen: Number(contracts._sum.contractAmountFen ?? 0n),
    techTransactionAmountFen: Number(contracts._sum.techTransactionAmountFen ?? 0n),
  };
}

// 8 characters without look-alikes (0/O, 1/I/L): read aloud or typed at the door
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newCheckInCode() {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** 24 random bytes as base64url (32 characters): what the registration's QR code carries. */
export function newCheckInToken() {
  return randomBytes(24).toString("base64url");
}

/** Registers the user; the event row is locked so that the last seat is given once. */
export async function registerForEvent(
  user: Actor,
  eventId: string,
  details: { phone?: string } = {},
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const [event] = await tx.$queryRaw<Array<{ status: string; endsAt: Date; capacity: number | null }>>`
      SELECT status, "endsAt", capacity FROM "MarketEvent" WHERE id = ${eventId} FOR UPDATE`;
    if (!event) throw errors.notFound("活动");
    if (event.status !== "published") throw errors.conflict("活动已取消 / The event was cancelled", "invalid_state");
    if (event.endsAt < now) throw errors.conflict("活动已结束 / The event is over", "invalid_state");
    const existing = await tx.eventRegistration.findUnique({
      where: { eventId_userId: { eventId, userId: user.id } },
      select: { id: true },
    });
    if (existing) throw errors.conflict("您已报名该活动 / You are already registered", "already_registered");
    if (event.capacity !== null && (await tx.eventRegistration.count({ where: { eventId } })) >= event.capacity) {
      throw errors.conflict("报名人数已满 / The event is full", "event_full");
    }
    return tx.eventRegistration.create({
      data: {
        eventId,
        userId: user.id,
        organizationId: user.organizationId,
        checkInCode: newCheckInCode(),
        checkInToken: newCheckInToken(),
        phone: details.phone ?? "",
      },
      select: { id: true, checkInCode: true, checkInToken: true, createdAt: true, checkedInAt: true },
    });
  });
}

/** Withdraws the user's own registration, before it is used at the door. */
export async function cancelRegistration(user: Actor, eventId: string) {
  const reg = await prisma.eventRegistration.findUnique({
    where: { eventId_userId: { eventId, userId: user.id } },
    select: { id: true, checkedInAt: true },
  });
  if (!reg) throw errors.notFound("报名");
  if (reg.checkedInAt) throw errors.conflict("已签到，不能取消报名 / Already checked in", "invalid_state");
  await prisma.eventRegistration.delete({ where: { id: reg.id } });
}

/** Cancels an event; every registered participant is told in the app. */
export async function cancelEvent(staff: Actor, eventId: string, reason: string) {
  requireEventStaff(staff);
  return prisma.$transaction(async (tx) => {
    const [event] = await tx.$queryRaw<
      Array<{ status: string; title: string }>
    >`SELECT status, title FROM "MarketEvent" WHERE id = ${eventId} FOR UPDATE`;
    if (!event) throw errors.notFound("活动");
    if (event.status === "cancelled")
      throw errors.conflict("活动已取消 / The event is already cancelled", "invalid_state");
    await tx.marketEvent.update({ where: { id: eventId }, data: { status: "cancelled" } });
    const regs = await tx.eventRegistration.findMany({ where: { eventId }, select: { userId: true } });
    const text = notificationText({ key: "events:notifications.cancelled", values: { title: event.title } }, reason);
    if (regs.length) {
      await tx.notification.createMany({
        data: regs.map((r) => ({ userId: r.userId, kind: "event_cancelled", ...text, link: `/events/${eventId}` })),
      });
    }
    await recordAudit(tx, {
      entityType: "event",
      entityId: eventId,
      action: "cancel",
      actorId: staff.id,
      before: { status: event.status },
      after: { status: "cancelled", reason },
    });
    return tx.marketEvent.findUniqueOrThrow({ where: { id: eventId }, select: eventSelect });
  });
}
