// The network and subsidies end to end, in the browser: a broker files a lead on two organizations,
// the two make the deal without them (offer → accept), the contract still names the broker as 丙方
// (with the commission agreed in the contract form),
// the bureau registers it, it is paid by bank transfer, the buyer applies for the Jiangxi subsidy
// and the bureau approves and disburses it; the sub-centre the buyer belongs to shows the deal on
// its desk and in its scorecard. The subsidy pages are checked in zh-CN and en and at 390 px.
// Fresh organizations from the fixtures (no leads, contracts or subsidies of their own yet); the
// broker and the sub-centre's staff are demo accounts (seeds/README.md).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { contextAs, DEMO, expectNoAxeViolations, pageAs, runId, waitForHydration } from "./helpers.ts";

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const json = { headers: { Origin: ORIGIN, "Content-Type": "application/json" } };
const RARE_EARTH = "稀土新材料及应用分中心";
const PHONE = 390;

async function api(page: Page, method: "get" | "post", path: string, data?: unknown) {
  const r =
    method === "get" ? await page.request.get(path) : await page.request.post(path, { ...json, data: data ?? {} });
  const body = await r.json();
  expect(r.ok(), `${method} ${path}: ${JSON.stringify(body)}`).toBe(true);
  return body;
}

async function figure(page: Page, key: string) {
  return Number(await page.getByTestId(`figure-${key}`).getAttribute("data-value"));
}

/** A signed-in page's cookies but its language: for the same account in another language. */
async function sessionCookies(page: Page) {
  return (await page.context().cookies()).filter((c) => c.name !== "lng");
}

async function fitsWidth(page: Page, width: number, label: string) {
  const scroll = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scroll, `${label} fits ${width} px`).toBeLessThanOrEqual(width);
}

test("broker lead → offer → three-party contract → registered → paid → subsidy applied, approved, disbursed → sub-centre figures", async ({
  browser,
  researcher,
  company,
  bureau,
  database,
}) => {
  test.setTimeout(300_000);
  const tag = runId();
  for (const a of [researcher, company, bureau]) await a.page.setViewportSize({ width: 1366, height: 900 });
  const orgId = async (name: string) =>
    (await database.query<{ id: string }>(`SELECT id FROM "Organization" WHERE name = $1`, [name])).rows[0]!.id;
  const buyerOrgId = await orgId(company.orgName!);

  // Setup through the API: the researcher's result, published by the bureau; the buyer joins the
  // rare-earth sub-centre (the bureau affiliates it), so its deals count there.
  await researcher.page.goto("/");
  const made = await api(researcher.page, "post", "/api/v1/results", {
    title: `废旧钕铁硼磁体稀土回收短流程工艺 ${tag}`,
    summary: "经纪人引荐成交的测试成果：废旧磁体中稀土元素的短流程回收。",
    field: "rare_earth",
    maturity: "pilot",
    transferModes: ["transfer"],
    submit: true,
  });
  const result = made as { id: string; title: string };
  await bureau.page.goto("/");
  await api(bureau.page, "post", `/api/v1/results/${result.id}/review`, { decision: "approve" });
  const subcentres = (await api(bureau.page, "get", "/api/v1/subcentres")).items as Array<{ id: string; name: string }>;
  const rareEarth = subcentres.find((s) => s.name === RARE_EARTH)!;
  expect(rareEarth, "the demo data has the rare-earth sub-centre").toBeTruthy();
  await api(bureau.page, "post", `/api/v1/subcentres/${rareEarth.id}/affiliations`, { organizationIds: [buyerOrgId] });

  // The sub-centre desk before the deal.
  const desk = await pageAs(browser, DEMO.subcentre);
  await desk.setViewportSize({ width: 1366, height: 900 });
  await desk.goto("/subcentre");
  await waitForHydration(desk);
  await expect(desk.getByRole("heading", { level: 1 })).toContainText(RARE_EARTH);
  const registeredBefore = await figure(desk, "registeredContracts");
  const amountBefore = await figure(desk, "registeredAmount");
  const paidBefore = await figure(desk, "paid");
  const cardBefore = (await api(bureau.page, "get", "/api/v1/subcentres/scorecard")).items as Array<{
    subcentreId: string;
    registeredContracts: number;
  }>;
  const countInCard = (items: typeof cardBefore) =>
    items.find((i) => i.subcentreId === rareEarth.id)!.registeredContracts;

  // 1. The broker files the lead: the result (seller side) and the buyer organization.
  const broker = await pageAs(browser, DEMO.broker);
  await broker.setViewportSize({ width: 1366, height: 900 });
  await broker.goto("/my/leads");
  await waitForHydration(broker);
  const form = broker.locator("#lead-form");
  const resultGroup = form.getByRole("group", { name: "科技成果", exact: true });
  await resultGroup.getByRole("searchbox").fill(tag);
  await resultGroup.getByRole("combobox").selectOption(result.id);
  const buyerGroup = form.getByRole("group", { name: "买方单位", exact: true });
  await buyerGroup.getByRole("searchbox").fill(company.orgName!);
  await buyerGroup.getByRole("combobox").selectOption(buyerOrgId);
  await form.getByLabel("线索说明").fill(`在稀土产业对接会上介绍双方认识（${tag}）。`);
  await form.getByRole("button", { name: "备案线索" }).click();
  await expect(broker.getByText("线索已备案，双方已收到通知。")).toBeVisible();
  const leadCard = broker.locator("li", { hasText: `${company.orgName} ⇄ ${researcher.orgName}` });
  await expect(leadCard).toContainText("有效");
  const me = (await api(broker, "get", "/api/v1/leads?pageSize=100")).items as Array<{
    buyerOrgId: string;
    broker: { id: string; name: string; org: { id: string; name: string } };
  }>;
  const lead = me.find((l) => l.buyerOrgId === buyerOrgId)!;
  const brokerOrgName = lead.broker.org.name;
  // the broker's list of leads on a phone
  await broker.setViewportSize({ width: PHONE, height: 844 });
  await broker.reload();
  await waitForHydration(broker);
  await expect(leadCard).toBeVisible();
  await fitsWidth(broker, PHONE, "/my/leads (broker, zh-CN)");
  await expectNoAxeViolations(broker, "/my/leads (broker, zh-CN, 390 px)");

  // Both parties see who introduced them.
  await company.page.goto("/my/leads");
  await expect(company.page.getByText(`由 ${lead.broker.name}（${brokerOrgName}）引荐`)).toBeVisible();

  // 2. The two parties deal directly (around the broker): an offer of 60万元, accepted.
  await company.page.goto(`/offers/new?resultId=${result.id}`);
  await waitForHydration(company.page);
  await company.page.getByRole("textbox", { name: "报价金额" }).fill("60");
  await company.page.getByLabel("合作方式").selectOption("transfer");
  await company.page.getByLabel("留言").fill(`希望以 60 万元受让（${tag}）。`);
  await company.page.getByRole("button", { name: "发送报价" }).click();
  await company.page.waitForURL(/\/offers\/(?!new)[^/?]+\?done=sent/);
  const offerPath = new URL(company.page.url()).pathname;
  // the offer carries the broker of the live lead
  await expect(company.page.getByText(`由 ${lead.broker.name}（${brokerOrgName}）引荐`)).toBeVisible();

  await researcher.page.goto(offerPath);
  await waitForHydration(researcher.page);
  await researcher.page.locator("summary", { hasText: "接受报价" }).click();
  await researcher.page.getByRole("button", { name: "确认接受" }).click();
  await expect(researcher.page.getByText("已接受报价。")).toBeVisible();

  // 3. The contract drafted from the offer is three-party: 甲 buyer, 乙 seller, 丙 the broker organization.
  await researcher.page.getByRole("link", { name: "据此起草技术合同" }).click();
  await expect(researcher.page).toHaveURL(/\/contracts\/new\?offerId=/);
  await waitForHydration(researcher.page);
  await researcher.page.getByLabel("合同类型").selectOption("transfer");
  await researcher.page.getByLabel("子类型").selectOption("patent");
  const title = `稀土回收专利转让合同 ${tag}`;
  await researcher.page.getByLabel("合同名称").fill(title);
  // the commission the parties agreed with the broker: 3% of the contract amount
  await researcher.page.getByLabel("约定佣金比例（%，选填）").fill("3");
  await researcher.page.getByRole("button", { name: "保存草稿" }).click();
  await expect(researcher.page).toHaveURL(/\/contracts\/[^/?]+\?done=created/);
  const contractPath = new URL(researcher.page.url()).pathname;
  const contractId = contractPath.split("/").pop()!;
  const parties = researcher.page.getByRole("region", { name: "当事方" });
  await expect(parties.getByText("丙方（技术中介方）")).toBeVisible();
  await expect(parties).toContainText(brokerOrgName);
  await expect(parties.getByText("中介人（技术经纪人）")).toBeVisible();
  await expect(parties.getByRole("link", { name: lead.broker.name })).toBeVisible();
  await expect(parties.getByText("合同成交额的 3%")).toBeVisible();
  const asJson = await api(researcher.page, "get", `/api/v1/contracts/${contractId}`);
  expect(asJson.brokerUserId).toBe(lead.broker.id);
  expect(asJson.commission).toMatchObject({ rateBp: 300 });
  expect(asJson.subcentreId).toBe(rareEarth.id);

  // submitted by the seller, registered by the bureau
  await researcher.page.locator("summary", { hasText: "提交认定登记" }).click();
  await researcher.page.getByRole("button", { name: "确认提交" }).click();
  await expect(researcher.page.getByText("已提交认定登记")).toBeVisible();
  await bureau.page.goto(contractPath);
  await waitForHydration(bureau.page);
  await bureau.page.getByRole("radio", { name: "准予登记" }).check();
  await bureau.page.getByRole("button", { name: "准予登记" }).click();
  await expect(bureau.page.getByText("已准予登记。")).toBeVisible();
  // the certificate names the 中介人
  await bureau.page.getByRole("link", { name: "查看登记证明" }).click();
  await expect(bureau.page.getByRole("heading", { name: "技术合同认定登记证明" })).toBeVisible();
  await expect(bureau.page.getByText(lead.broker.name).first()).toBeVisible();

  // Before any payment the paid-basis subsidy is not eligible yet.
  await company.page.goto(`${contractPath}#subsidies`);
  await waitForHydration(company.page);
  const jxBuyer = company.page.getByTestId("subsidy-jx-online-market-buyer");
  await expect(jxBuyer).toContainText("暂不符合");
  await expect(jxBuyer).toContainText("平台上尚无已确认的付款");
  await expect(jxBuyer).not.toContainText("关联交易");
  await expect(jxBuyer.getByRole("button", { name: "申请奖补" })).toHaveCount(0);

  // 4. Paid in full by bank transfer: the buyer records it, the seller confirms receipt.
  const reference = `E2E-NET-${tag}`;
  const payForm = company.page.locator("form").filter({ has: company.page.getByRole("button", { name: "登记付款" }) });
  await payForm.getByRole("textbox", { name: "金额" }).fill("600000");
  await payForm
    .getByLabel("付款日期")
    .fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()));
  await payForm.getByLabel("银行回单号 / 参考号").fill(reference);
  await payForm.getByRole("button", { name: "登记付款" }).click();
  await expect(company.page.getByText("付款已登记，等待卖方确认。")).toBeVisible();
  await researcher.page.goto(contractPath);
  await waitForHydration(researcher.page);
  const row = researcher.page.getByTestId("payment-row").filter({ hasText: reference });
  await row.locator("summary", { hasText: "确认收款" }).click();
  await row.getByRole("button", { name: "确认已收到" }).click();
  await expect(researcher.page.getByText("已确认收款。", { exact: true })).toBeVisible();

  // 5. The buyer applies: 2.5% of the 600,000 yuan paid = 15,000.00 yuan (under the 15万 cap).
  await company.page.goto(`${contractPath}#subsidies`);
  await waitForHydration(company.page);
  await expect(jxBuyer).toContainText("符合条件");
  await expect(jxBuyer.locator("[data-fen]")).toHaveAttribute("data-fen", "1500000");
  await expectNoAxeViolations(company.page, "contract subsidies, eligible (buyer, zh-CN, 1366 px)");
  await jxBuyer.getByRole("button", { name: "申请奖补" }).click();
  await expect(company.page.getByText("已提交奖补申请。")).toBeVisible();
  await expect(company.page.getByTestId("subsidy-jx-online-market-buyer")).toContainText("待审核");

  // the same section in English on a phone
  const buyerEn = await contextAs(browser, null, "en");
  await buyerEn.addCookies(await sessionCookies(company.page));
  const phone = await buyerEn.newPage();
  await phone.setViewportSize({ width: PHONE, height: 844 });
  await phone.goto(`${contractPath}#subsidies`);
  await waitForHydration(phone);
  await expect(phone.getByRole("heading", { name: "Subsidies" })).toBeVisible();
  await expect(phone.getByTestId("subsidy-jx-online-market-buyer")).toContainText("Pending");
  await fitsWidth(phone, PHONE, "contract page (buyer, en)");
  await expectNoAxeViolations(phone, "contract subsidies, pending (buyer, en, 390 px)");

  // 6. The bureau approves (behind the confirmation box) and records the disbursement.
  await bureau.page.goto("/bureau/subsidies/jx-online-market?status=pending");
  await waitForHydration(bureau.page);
  const card = bureau.page.locator("li", { hasText: title }).filter({ hasText: "待审核" });
  await expect(card).toContainText("15,000.00");
  await expectNoAxeViolations(bureau.page, "programme page, pending (bureau, zh-CN, 1366 px)");
  await card.getByLabel("我已核对合同、付款凭证与关联交易情况").check();
  await card.getByRole("button", { name: "批准" }).click();
  await expect(bureau.page.getByText("已批准该申请。")).toBeVisible();

  await bureau.page.goto("/bureau/subsidies/jx-online-market?status=approved");
  await waitForHydration(bureau.page);
  const approved = bureau.page.locator("li", { hasText: title });
  await approved
    .getByLabel("拨付日期")
    .fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()));
  await approved.getByLabel("银行流水号").fill(`GZCZ-${tag}`);
  await approved.getByLabel("我确认该笔奖补已经拨付").check();
  await approved.getByRole("button", { name: "登记拨付" }).click();
  await expect(bureau.page.getByText("已登记拨付。")).toBeVisible();

  // the programme page in English on a phone, with the disbursed application
  const bureauEn = await contextAs(browser, null, "en");
  await bureauEn.addCookies(await sessionCookies(bureau.page));
  const bureauPhone = await bureauEn.newPage();
  await bureauPhone.setViewportSize({ width: PHONE, height: 844 });
  await bureauPhone.goto("/bureau/subsidies/jx-online-market?status=disbursed");
  await waitForHydration(bureauPhone);
  await expect(bureauPhone.locator("li", { hasText: title })).toContainText("Disbursed");
  await expect(bureauPhone.locator("li", { hasText: title })).toContainText(`GZCZ-${tag}`);
  await fitsWidth(bureauPhone, PHONE, "programme page (bureau, en)");
  await expectNoAxeViolations(bureauPhone, "programme page, disbursed (bureau, en, 390 px)");

  // The buyer's own list says so, in both languages and on a phone.
  await company.page.goto("/my/subsidies");
  await expect(company.page.locator("tr", { hasText: title }).filter({ hasText: "jx-online-market" })).toContainText(
    "已拨付",
  );
  await phone.goto("/my/subsidies");
  await waitForHydration(phone);
  await expect(phone.locator("tr", { hasText: title }).filter({ hasText: "jx-online-market" })).toContainText(
    "Disbursed",
  );
  await fitsWidth(phone, PHONE, "/my/subsidies (buyer, en)");
  await expectNoAxeViolations(phone, "/my/subsidies (buyer, en, 390 px)");

  // 7. The sub-centre desk: the deal in its pipeline (with its broker) and in its figures.
  await desk.goto("/subcentre");
  await waitForHydration(desk);
  const pipelineRow = desk.getByRole("row", { name: new RegExp(title) });
  await expect(pipelineRow).toContainText(lead.broker.name);
  await expect(pipelineRow).toContainText("已登记");
  expect(await figure(desk, "registeredContracts")).toBe(registeredBefore + 1);
  expect(await figure(desk, "registeredAmount")).toBe(amountBefore + 60_000_000);
  expect(await figure(desk, "paid")).toBe(paidBefore + 60_000_000);
  const cardAfter = (await api(bureau.page, "get", "/api/v1/subcentres/scorecard")).items as typeof cardBefore;
  expect(countInCard(cardAfter)).toBe(countInCard(cardBefore) + 1);
  // the desk on a phone
  await desk.setViewportSize({ width: PHONE, height: 844 });
  await desk.reload();
  await waitForHydration(desk);
  await fitsWidth(desk, PHONE, "/subcentre desk (zh-CN)");

  for (const p of [desk, broker, phone, bureauPhone]) await p.context().close();
});
