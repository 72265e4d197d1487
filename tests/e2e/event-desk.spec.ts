// The check-in desk at 390 px and 1366 px, in Chinese and English: a participant registers with a
// phone and sees a QR code that decodes to their check-in token; the desk finds them by part of
// the phone number and checks them in from the list, a second check-in by code says "already",
// and an unknown code is explained in the reader's language. Nothing is wider than the screen.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, test } from "./fixtures.ts";
import { expectNoAxeViolations, waitForHydration } from "./helpers.ts";

const BASE = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const HOUR = 3_600_000;

const TEXT = {
  "zh-CN": {
    register: "报名参加",
    phone: "手机号（可选）",
    lookup: "姓名、手机号或邮箱",
    find: "查找",
    checkInThis: (name: string) => `为 ${name} 签到`,
    checkedIn: (name: string) => `${name} 签到成功。`,
    field: "签到码或二维码",
    submit: "签到",
    already: "已于",
    unknown: "没有找到这份报名",
  },
  en: {
    register: "Register",
    phone: "Phone (optional)",
    lookup: "Name, phone or email",
    find: "Find",
    checkInThis: (name: string) => `Check in ${name}`,
    checkedIn: (name: string) => `${name} is checked in.`,
    field: "Check-in code or QR code",
    submit: "Check in",
    already: "was already checked in",
    unknown: "No such registration",
  },
} as const;

for (const width of [390, 1366]) {
  for (const lang of ["zh-CN", "en"] as const) {
    test.describe(`${width} px, ${lang}`, () => {
      test.use({ viewport: { width, height: 900 } });

      test(`the desk finds a participant by phone and checks them in (${width} px, ${lang})`, async ({
        bureau,
        company,
        consoleErrors,
      }) => {
        test.setTimeout(120_000);
        const t = TEXT[lang];
        for (const p of [bureau.page, company.page])
          await p.context().addCookies([{ name: "lng", value: encodeURIComponent(lang), url: BASE }]);
        const created = await bureau.page.request.post("/api/v1/events", {
          headers: { Origin: BASE },
          data: {
            kind: "fair",
            title: `E2E签到台${width}${lang}${Date.now()}`,
            venue: "赣州科技大市场一楼",
            regionCode: "360702",
            startsAt: new Date(Date.now() - HOUR).toISOString(),
            endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
          },
        });
        expect(created.status()).toBe(201);
        const event = (await created.json()) as { id: string };

        // the participant registers with a phone and gets a QR code carrying their token
        const phone = `139${String(Date.now()).slice(-8)}`;
        const me = company.page;
        await me.goto(`/events/${event.id}`);
        await waitForHydration(me);
        await me.getByLabel(t.phone).fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
        await me.getByRole("button", { name: t.register, exact: true }).click();
        const qr = me.getByTestId("check-in-qr");
        await expect(qr).toBeVisible();
        const detail = await me.request.get(`/api/v1/events/${event.id}`);
        const token = ((await detail.json()) as { myRegistration: { checkInToken: string } }).myRegistration
          .checkInToken;
        const png = PNG.sync.read(await qr.screenshot());
        expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(token);
        const code = (await me.getByTestId("check-in-code").textContent())!.trim();
        expect(await me.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

        // the desk: lookup by part of the phone number, check in from the list
        const desk = bureau.page;
        await desk.goto(`/events/${event.id}/check-in`);
        await waitForHydration(desk);
        await desk.getByLabel(t.lookup).fill(phone.slice(3, 9));
        await desk.getByRole("button", { name: t.find, exact: true }).click();
        await desk.waitForURL(/[?&]q=/);
        await desk.getByRole("button", { name: t.checkInThis(company.name) }).click();
        await expect(desk.getByText(t.checkedIn(company.name))).toBeVisible();
        expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await expectNoAxeViolations(desk, `/events/:id/check-in (${width} px, ${lang})`);

        // the same person again, by code: "already"; an unknown code, in the reader's language
        await desk.getByLabel(t.field).fill(code.toLowerCase());
        await desk.getByRole("button", { name: t.submit, exact: true }).click();
        await expect(desk.getByRole("status").filter({ hasText: t.already })).toBeVisible();
        // the desk's answer to an unknown code is a 404, which the browser logs for the form's request
        consoleErrors.allow(/status of 404/);
        await desk.getByLabel(t.field).fill("ZZZZ9999");
        await desk.getByRole("button", { name: t.submit, exact: true }).click();
        await expect(desk.getByRole("status").filter({ hasText: t.unknown })).toBeVisible();
        await expect(desk.getByText(/not_found|check_in/)).toHaveCount(0);
        expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      });
    });
  }
}
