// Working days for deadlines (the winner confirms within 5 working days): Monday–Friday in
// Asia/Shanghai, except the days staff list in the calendar table as holidays, plus the weekend
// days they list as working (调休). Deadlines end at midnight Shanghai time after the last day.
import { recordAudit } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import { dateFromDay, dayFromDate, shanghaiDayStart, shanghaiDayString } from "../domain/time.ts";
import { requireMarketStaff, type Actor } from "./lots.server.ts";

const DAY = 86_400_000;

function nextDay(day: string) {
  return dayFromDate(new Date(dateFromDay(day).getTime() + DAY))!;
}

export function isWorkingDay(day: string, overrides: Map<string, boolean>) {
  const listed = overrides.get(day);
  if (listed !== undefined) return listed;
  const weekday = dateFromDay(day).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The instant a period of `workingDays` working days, counted from the day after `from`, ends:
 * the start (Shanghai midnight) of the day after the last working day.
 */
export async function workingDeadline(from: Date, workingDays: number) {
  const first = shanghaiDayString(from);
  const rows = await prisma.calendarDay.findMany({
    where: {
      date: { gt: dateFromDay(first), lte: new Date(dateFromDay(first).getTime() + (workingDays * 3 + 30) * DAY) },
    },
    select: { date: true, working: true },
  });
  const overrides = new Map(rows.map((r) => [dayFromDate(r.date)!, r.working]));
  let day = first;
  let left = workingDays;
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, overrides)) left -= 1;
  }
  const [y, m, d] = nextDay(day).split("-").map(Number) as [number, number, number];
  return shanghaiDayStart(y, m, d);
}

export async function listCalendar(from?: string, to?: string) {
  const rows = await prisma.calendarDay.findMany({
    where: { date: { ...(from ? { gte: dateFromDay(from) } : {}), ...(to ? { lte: dateFromDay(to) } : {}) } },
    orderBy: { date: "asc" },
    take: 1000,
  });
  return rows.map((r) => ({ date: dayFromDate(r.date)!, working: r.working, note: r.note }));
}

/** Staff list a day as a holiday (working=false) or a working weekend day (working=true). */
export async function setCalendarDay(staff: Actor, input: { date: string; working: boolean; note?: string }) {
  requireMarketStaff(staff);
  const date = dateFromDay(input.date);
  return prisma.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date } });
    const row = await tx.calendarDay.upsert({
      where: { date },
      create: { date, working: input.working, note: input.note ?? "" },
      update: { working: input.working, note: input.note ?? "" },
    });
    await recordAudit(tx, {
      entityType: "calendar",
      entityId: input.date,
      action: "set",
      actorId: staff.id,
      before: before ? { working: before.working, note: before.note } : null,
      after: { working: row.working, note: row.note },
    });
    return { date: input.date, working: row.working, note: row.note };
  });
}

export async function removeCalendarDay(staff: Actor, day: string) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: dateFromDay(day) } });
    if (!before) return false;
    await tx.calendarDay.delete({ where: { date: dateFromDay(day) } });
    await recordAudit(tx, {
      entityType: "calendar",
      entityId: day,
      action: "remove",
      actorId: staff.id,
      before: { working: before.working, note: before.note },
      after: null,
    });
    return true;
  });
}
