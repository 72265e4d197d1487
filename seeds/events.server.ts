// Demo matchmaking events (对接会/路演), seeded once after the demo listings: a roadshow held two
// weeks ago (demo accounts registered and checked in), an upcoming roadshow of rare-earth results
// and an upcoming fair for 脐橙 and agriculture needs. Never into a database that already has
// events of its own; the marker makes it run once.
import { prisma } from "../app/db/db.server.ts";
import { newCheckInCode, newCheckInToken } from "../app/events/events.server.ts";

export const DEMO_EVENTS_MARKER_KEY = "demo_events_seeded";
const EVENTS_LOCK_KEY = 727004;
const DAY = 86_400_000;

/** 09:00 Beijing time, `days` from today. */
function beijingMorning(days: number, hour = 9) {
  const d = new Date(Date.now() + days * DAY);
  const day = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);
}

export async function seedDemoEventsOnce({ log }: { log: (m: string) => void }): Promise<boolean> {
  if (await prisma.appSetting.findUnique({ where: { key: DEMO_EVENTS_MARKER_KEY }, select: { key: true } }))
    return false;
  const done = await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${EVENTS_LOCK_KEY})`);
    if (await tx.appSetting.findUnique({ where: { key: DEMO_EVENTS_MARKER_KEY }, select: { key: true } })) return null;
    const skip = async (reason: string) => {
      await tx.appSetting.create({
        data: { key: DEMO_EVENTS_MARKER_KEY, value: { status: "skipped", reason, at: new Date().toISOString() } },
      });
      return null;
    };
    if ((await tx.marketEvent.count()) > 0) return skip("the database already has events");
    const bureau = await tx.user.findUnique({
      where: { email: "bureau@demo.gz" },
      select: { id: true, organizationId: true },
    });
    if (!bureau) return skip("no demo bureau account");
    const pick = (field: string, kind: "result" | "need", take: number) =>
      kind === "result"
        ? tx.result.findMany({
            where: { field, status: "published" },
            orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
            take,
            select: { id: true },
          })
        : tx.need.findMany({
            where: { field, status: "published" },
            orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
            take,
            select: { id: true },
          });
    const plans = [
      {
        kind: "roadshow",
        title: "稀土永磁与硬质合金成果路演（第一期）",
        description: "高校院所稀土永磁、硬质合金成果集中路演，每个项目 10 分钟，会后分组对接。",
        venue: "赣州科技大市场路演厅（章贡区）",
        regionCode: "360702",
        startsAt: beijingMorning(-14),
        endsAt: beijingMorning(-14, 12),
        capacity: 80,
        results: [...(await pick("rare_earth", "result", 3)), ...(await pick("tungsten", "result", 2))] as Array<{
          id: string;
        }>,
        needs: [] as Array<{ id: string }>,
        attendees: ["company@demo.gz", "broker@demo.gz", "researcher@demo.gz"],
      },
      {
        kind: "roadshow",
        title: "稀土新材料成果路演（第二期）",
        description: "聚焦晶界扩散、低重稀土永磁和稀土发光材料，欢迎永磁电机、磁材企业报名。",
        venue: "赣州高新区创新大厦多功能厅",
        regionCode: "360704",
        startsAt: beijingMorning(10),
        endsAt: beijingMorning(10, 12),
        capacity: 100,
        results: await pick("rare_earth", "result", 4),
        needs: [],
        attendees: ["company@demo.gz"],
      },
      {
        kind: "fair",
        title: "赣南脐橙与现代农业技术需求对接会",
        description: "发布脐橙黄龙病防控、果园机械化、采后保鲜等技术需求，邀请大湾区和省内科研团队现场对接。",
        venue: "信丰县农业科技园报告厅",
        regionCode: "360722",
        startsAt: beijingMorning(25),
        endsAt: beijingMorning(25, 17),
        capacity: null,
        results: await pick("agriculture", "result", 2),
        needs: await pick("agriculture", "need", 3),
        attendees: [],
      },
    ];
    // The demo deal flow's offers by the past roadshow's participants started there: present their
    // results at it and link the offers, so the event page shows what came of it.
    const pastAttendees = await tx.user.findMany({
      where: { email: { in: plans[0]!.attendees } },
      select: { organizationId: true },
    });
    const followUps = await tx.offer.findMany({
      where: {
        kind: "offer",
        fromOrgId: { in: pastAttendees.flatMap((u) => (u.organizationId ? [u.organizationId] : [])) },
        resultId: { not: null },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 2,
      select: { id: true, resultId: true },
    });
    const followUpResults = followUps.map((o) => ({ id: o.resultId! }));
    plans[0]!.results = [
      ...followUpResults,
      ...plans[0]!.results.filter((r) => !followUpResults.some((f) => f.id === r.id)),
    ].slice(0, 6);
    let registrations = 0;
    let pastEventId: string | null = null;
    for (const p of plans) {
      const event = await tx.marketEvent.create({
        data: {
          kind: p.kind,
          title: p.title,
          description: p.description,
          venue: p.venue,
          regionCode: p.regionCode,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          capacity: p.capacity,
          organizerOrgId: bureau.organizationId,
          createdById: bureau.id,
          createdAt: new Date(p.startsAt.getTime() - 20 * DAY),
          showcases: {
            create: [
              ...p.results.map((r, position) => ({ kind: "result", listingId: r.id, position })),
              ...p.needs.map((n, position) => ({ kind: "need", listingId: n.id, position })),
            ],
          },
        },
        select: { id: true },
      });
      pastEventId ??= event.id;
      const users = await tx.user.findMany({
        where: { email: { in: p.attendees } },
        select: { id: true, organizationId: true },
      });
      const past = p.endsAt < new Date();
      for (const u of users) {
        await tx.eventRegistration.create({
          data: {
            eventId: event.id,
            userId: u.id,
            organizationId: u.organizationId,
            checkInCode: newCheckInCode(),
            checkInToken: newCheckInToken(),
            createdAt: new Date(p.startsAt.getTime() - 7 * DAY),
            ...(past ? { checkedInAt: new Date(p.startsAt.getTime() - 15 * 60_000), checkedInById: bureau.id } : {}),
          },
        });
        registrations += 1;
      }
    }
    if (pastEventId && followUps.length) {
      await tx.offer.updateMany({ where: { id: { in: followUps.map((o) => o.id) } }, data: { eventId: pastEventId } });
    }
    await tx.appSetting.create({
      data: {
        key: DEMO_EVENTS_MARKER_KEY,
        value: { status: "done", events: plans.length, registrations, at: new Date().toISOString() },
      },
    });
    return { events: plans.length, registrations };
  });
  if (!done) return false;
  log(`demo events: ${done.events} fairs and roadshows, ${done.registrations} registrations`);
  return true;
}
