// Offline matchmaking in the browser: the bureau publishes a roadshow presenting a demo result,
// a company registers and gets its check-in code, the bureau checks it in at the desk, and the
// company starts a negotiation on the presented result from the event — the event's outcome.
import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, pageAs, runId, waitForHydration } from "./helpers.ts";

const RUN = runId();

/** Beijing wall-clock time `hours` from now, as a datetime-local field takes it. */
function beijingIn(hours: number) {
  return new Date(Date.now() + (hours + 8) * 3_600_000).toISOString().slice(0, 16);
}

test("a roadshow: published, registered for, checked in at the door, and its outcome counted", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `E2E稀土永磁项目路演${RUN}`;
  const bureau = await pageAs(browser, DEMO.bureau);
  const results = await bureau.request.get("/api/v1/results?pageSize=1&q=%E7%A8%80%E5%9C%9F");
  const result = ((await results.json()) as { items: Array<{ id: string; title: string }> }).items[0]!;

  await bureau.goto("/events/new");
  await waitForHydration(bureau);
  await bureau.getByLabel("活动类型").selectOption("roadshow");
  await bureau.getByLabel("活动名称").fill(title);
  await bureau.getByLabel("活动地点").fill("赣州科技大市场路演厅");
  await bureau.getByLabel("所在地区").selectOption("360702");
  // running now: the desk checks in only on the event's days (docs/decisions/0027)
  await bureau.getByLabel("开始时间").fill(beijingIn(-1));
  await bureau.getByLabel("结束时间").fill(beijingIn(3));
  await bureau.getByLabel("人数上限（可选）").fill("50");
  // the presented result is found by search; what was typed survives the search
  await bureau.getByLabel("搜索成果或需求").fill(result.title);
  await bureau.getByRole("button", { name: "搜索", exact: true }).click();
  await bureau.waitForURL(/listingQuery=/);
  await expect(bureau.getByLabel("活动名称")).toHaveValue(title);
  await bureau
    .getByRole("checkbox", { name: new RegExp(result.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
    .first()
    .check();
  await bureau.getByRole("button", { name: "发布活动" }).click();
  await bureau.waitForURL((url) => /^\/events\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  const eventUrl = new URL(bureau.url()).pathname;
  await expect(bureau.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(bureau.getByText("活动已发布，用户现在可以报名。")).toBeVisible();
  await expect(bureau.getByRole("link", { name: result.title })).toBeVisible();

  const company = await pageAs(browser, DEMO.company);
  await company.goto("/events");
  await waitForHydration(company);
  await company.getByRole("link", { name: title }).click();
  await company.waitForURL(`**${eventUrl}`);
  await company.getByRole("button", { name: "报名参加" }).click();
  const code = (await company.getByTestId("check-in-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await expectNoAxeViolations(company, "/events/:id (registered)");

  await bureau.goto(`${eventUrl}/check-in`);
  await waitForHydration(bureau);
  await bureau.getByLabel("签到码").fill(code.toLowerCase());
  await bureau.getByRole("button", { name: "签到", exact: true }).click();
  await expect(bureau.getByText(/签到成功/)).toBeVisible();
  await expect(bureau.getByRole("heading", { name: "报名与签到（1 / 1）" })).toBeVisible();
  await expectNoAxeViolations(bureau, "/events/:id/check-in");

  await company.reload();
  await expect(company.getByText(/已于 .* 签到/)).toBeVisible();
  await company.getByRole("link", { name: "对此成果发起洽谈" }).click();
  await company.waitForURL(/\/offers\/new\?/);
  await expect(company.getByLabel("洽谈来源活动（可选）")).toHaveValue(/.+/);
  await company.getByRole("textbox", { name: "报价金额" }).fill("20");
  await company.getByRole("button", { name: "发送报价" }).click();
  await company.waitForURL(/\/offers\/[^/?]+\?done=sent/);

  await company.goto(eventUrl);
  const outcomes = company.getByRole("region", { name: "活动成果" });
  await expect(outcomes.getByText("发起洽谈").locator("xpath=..")).toContainText("1");
});
