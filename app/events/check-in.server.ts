// The door of a fair or roadshow (docs/decisions/0027-event-check-in.md): each registration has a
// typed code and a long token that its QR code carries; the desk checks a participant in by
// either, or by the registration found through a lookup by name or phone. Check-in is accepted
// on the event's days (Asia/Shanghai); staff may check in on another day with a reason, which the
// audit trail keeps. Checking in twice is not an error.
import QRCode from "qrcode";
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { shanghaiDayString } from "../domain/time.ts";
import { requireEventStaff } from "./events.server.ts";
import { phoneDigits, type CheckInInput } from "./schemas.ts";

type Staff = Pick<SessionUser, "id" | "role" | "organizationId">;

/** The QR code of a token, as an SVG data URL (pages) or a PNG data URL (mail clients show PNG). */
export async function checkInQr(token: string, type: "svg" | "png" = "svg") {
  if (type === "png") return QRCode.toDataURL(token, { errorCorrectionLevel: "M", margin: 2, width: 240 });
  const svg = await QRCode.toString(token, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The Shanghai calendar days an event runs on, "YYYY-MM-DD" (an end at midnight is the day before). */
export function eventDays(event: { startsAt: Date; endsAt: Date }) {
  return {
    first: shanghaiDayString(event.startsAt),
    last: shanghaiDayString(new Date(Math.max(event.startsAt.getTime(), event.endsAt.getTime() - 1))),
  };
}

export function isEventDay(event: { startsAt: Date; endsAt: Date }, now: Date) {
  const { first, last } = eventDays(event);
  const today = shanghaiDayString(now);
  return today >= first && today <= last;
}

const unknownReference = () =>
  new ApiError(
    404,
    "not_found",
    "没有找到这份报名：签到码或二维码不属于本活动 / No such registration: the code or QR code is not for this event",
  );

/** Staff check a participant in by code, QR token or registration id. */
export async function checkIn(
  staff: Staff,
  eventId: string,
  input: Pick<CheckInInput, "code" | "token" | "registrationId" | "override">,
  now = new Date(),
) {
  requireEventStaff(staff);
  const via = input.code !== undefined ? "code" : input.token !== undefined ? "token" : "registration";
  const where =
    input.code !== undefined
      ? { checkInCode: input.code }
      : input.token !== undefined
        ? { checkInToken: input.token }
        : { id: input.registrationId ?? "" };
  const reg = await prisma.eventRegistration.findUnique({
    where,
    select: {
      id: true,
      eventId: true,
      checkedInAt: true,
      user: { select: { name: true } },
      event: { select: { status: true, startsAt: true, endsAt: true } },
    },
  });
  if (!reg || reg.eventId !== eventId) throw unknownReference();
  const answer = (checkedInAt: Date, already: boolean, override: boolean) => ({
    registrationId: reg.id,
    name: reg.user.name,
    checkedInAt,
    already,
    override,
  });
  if (reg.checkedInAt) return answer(reg.checkedInAt, true, false);
  if (reg.event.status !== "published")
    throw errors.conflict("活动已取消，不能签到 / The event was cancelled: no check-in", "invalid_state");
  const onTheDay = isEventDay(reg.event, now);
  if (!onTheDay && !input.override) {
    const { first, last } = eventDays(reg.event);
    const days = first === last ? first : `${first} – ${last}`;
    throw errors.conflict(
      `今天不是活动日（${days}）：确需签到，请填写原因后补签 / Today is not the event's day (${days}): to check in anyway, give a reason`,
      "check_in_not_today",
    );
  }
  return prisma.$transaction(async (tx) => {
    // only the first of two simultaneous scans writes
    const updated = await tx.eventRegistration.updateMany({
      where: { id: reg.id, checkedInAt: null },
      data: { checkedInAt: now, checkedInById: staff.id },
    });
    if (!updated.count) {
      const row = await tx.eventRegistration.findUniqueOrThrow({
        where: { id: reg.id },
        select: { checkedInAt: true },
      });
      return answer(row.checkedInAt!, true, false);
    }
    await recordAudit(tx, {
      entityType: "event",
      entityId: eventId,
      action: onTheDay ? "check_in" : "check_in_override",
      actorId: staff.id,
      before: { registrationId: reg.id, checkedInAt: null },
      after: {
        registrationId: reg.id,
        checkedInAt: now.toISOString(),
        via,
        ...(onTheDay ? {} : { reason: input.override!.reason }),
      },
    });
    return answer(now, false, !onTheDay);
  });
}

/**
 * The event's registrations for the desk, optionally those whose name, email or phone contains
 * `q` (phone compared by digits, so "138 0013" finds 13800138000).
 */
export async function listRegistrations(staff: Staff, eventId: string, q?: string) {
  requireEventStaff(staff);
  if (!(await prisma.marketEvent.findUnique({ where: { id: eventId }, select: { id: true } })))
    throw errors.notFound("活动");
  const term = q?.trim() ?? "";
  const digits = phoneDigits(term);
  const match = term
    ? {
        OR: [
          { user: { name: { contains: term, mode: "insensitive" as const } } },
          { user: { email: { contains: term, mode: "insensitive" as const } } },
          ...(digits.length >= 3 && /^[\d\s+\-()]+$/.test(term) ? [{ phone: { contains: digits } }] : []),
        ],
      }
    : {};
  const rows = await prisma.eventRegistration.findMany({
    where: { eventId, ...match },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: term ? 50 : 5_000,
    select: {
      id: true,
      phone: true,
      createdAt: true,
      checkedInAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          organization: { select: { id: true, name: true, verifiedAt: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    phone: r.phone,
    registeredAt: r.createdAt.toISOString(),
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    user: {
      ...r.user,
      organization: r.user.organization
        ? { id: r.user.organization.id, name: r.user.organization.name, verified: !!r.user.organization.verifiedAt }
        : null,
    },
  }));
}
