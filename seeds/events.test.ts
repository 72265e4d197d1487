// The demo events are seeded once, after the demo listings, and never into a database that
// already holds events of its own.
import { expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { DEMO_EVENTS_MARKER_KEY, seedDemoEventsOnce } from "./events.server.ts";

test("demo events: a past roadshow with check-ins and two upcoming events; once only", async () => {
  // the demo bureau account the events are organized by
  const org = await prisma.organization
    .create({
      data: {
        name: "赣州市科学技术局（测试）",
        kind: "government",
        creditCode: "11360700MB0000000X",
        regionCode: "360700",
        verifiedAt: new Date(),
      },
    })
    .catch(() => null);
  await prisma.user.upsert({
    where: { email: "bureau@demo.gz" },
    create: { email: "bureau@demo.gz", name: "曾庆林", role: "bureau", organizationId: org?.id ?? null },
    update: {},
  });
  const logs: string[] = [];
  expect(await seedDemoEventsOnce({ log: (m) => logs.push(m) })).toBe(true);
  const events = await prisma.marketEvent.findMany({ orderBy: { startsAt: "asc" }, include: { registrations: true } });
  expect(events).toHaveLength(3);
  expect(events[0]!.endsAt.getTime()).toBeLessThan(Date.now());
  expect(events[1]!.startsAt.getTime()).toBeGreaterThan(Date.now());
  expect(events[0]!.registrations.every((r) => r.checkedInAt !== null)).toBe(true);
  expect(logs[0]).toMatch(/demo events: 3/);

  expect(await seedDemoEventsOnce({ log: () => {} })).toBe(false);
  expect(await prisma.marketEvent.count()).toBe(3);

  // a database with events of its own is left alone
  await prisma.appSetting.delete({ where: { key: DEMO_EVENTS_MARKER_KEY } });
  expect(await seedDemoEventsOnce({ log: () => {} })).toBe(false);
  expect(await prisma.marketEvent.count()).toBe(3);
  expect((await prisma.appSetting.findUniqueOrThrow({ where: { key: DEMO_EVENTS_MARKER_KEY } })).value).toMatchObject({
    status: "skipped",
  });
});
