// Issue #2 end to end, in the browser:
// - a company signs up with a new organization, drafts a need (unverified: drafts only), the
//   bureau verifies the organization, the company submits, the bureau approves, and an anonymous
//   visitor finds it on /needs and opens it; its history shows every step;
// - a researcher lists a result, it waits for review, the bureau approves, /results?q= finds it
//   with the query highlighted;
// - forbidden actions are refused (pages, API token, other organizations' drafts);
// - the need form refuses bad input in the browser and writes nothing.
// Demo accounts come from seeds/ (first start of a fresh database).
import { expect, test, type Page } from "@playwright/test";
import { makeCreditCode } from "../../app/domain/credit-code.ts";
import { DEMO, pageAs, runId, waitForHydration } from "./helpers.ts";

const RUN = runId();

async function myNeedCount(page: Page) {
  const res = await page.request.get("/api/v1/needs?mine=1&pageSize=1");
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { total: number }).total;
}

test("a new company signs up, drafts a need, is verified, submits it; the bureau approves; the public finds it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const orgName = `赣州E2E磁材测试有限公司${RUN}`;
  const creditCode = makeCreditCode("91", "360703", RUN);
  const email = `e2e.company.${RUN}@example.com`;
  const needTitle = `E2E需求${RUN}：烧结钕铁硼磁钢高温退磁`;

  // Sign up: a company user with a new organization in 南康区.
  const company = await pageAs(browser, null);
  await company.goto("/signup");
  await waitForHydration(company);
  await company.getByLabel("电子邮箱").fill(email);
  await company.getByLabel("姓名").fill("刘测试");
  await company.getByLabel(/^密码(\s*\*)?$/).fill(`E2e-${RUN}-Passwort`);
  await company.getByRole("radio", { name: /^企业用户/ }).check();
  await company.getByRole("radio", { name: "登记新机构" }).check();
  await company.getByLabel("机构名称").fill(orgName);
  await company.getByLabel("机构类型").selectOption("enterprise");
  await company.getByLabel("统一社会信用代码").fill(creditCode);
  await company.getByLabel("省级").selectOption("360000");
  await company.getByLabel("地级").selectOption("360700");
  await company.getByLabel("县级").selectOption("360703");
  await expect(company.getByText("已选：江西省赣州市南康区（360703）")).toBeVisible();
  await company.getByRole("checkbox", { name: /我已阅读并同意/ }).check();
  await company.getByRole("button", { name: "注册", exact: true }).click();
  await company.waitForURL("**/dashboard");

  // An unverified organization can only save drafts.
  await company.goto("/my/needs/new");
  await expect(company.getByText("您的机构尚未通过科技局认证")).toBeVisible();
  await expect(company.getByRole("button", { name: "提交审核" })).toBeDisabled();
  await company.getByLabel("名称").fill(needTitle);
  await company.getByLabel("技术领域").selectOption("rare_earth");
  await company.getByLabel("需求描述").fill("磁钢在 150℃ 工作后磁力明显变弱，希望提高耐温性能，降低重稀土用量。");
  await company.getByLabel("技术指标").fill("150℃ 下退磁率 < 5%");
  await company.getByRole("textbox", { name: "预算（万元）" }).fill("30");
  await company.getByRole("button", { name: "保存草稿" }).click();
  await company.waitForURL(/\/my\/needs\/[^/]+\/edit\?done=saved/);
  const needId = new URL(company.url()).pathname.split("/")[3]!;
  await expect(company.getByText("已保存。")).toBeVisible();
  await expect(company.getByRole("button", { name: "保存并提交审核" })).toBeDisabled();

  // Nobody else sees the draft.
  const anonymous = await pageAs(browser, null);
  expect((await anonymous.goto(`/needs/${needId}`))?.status()).toBe(404);

  // The bureau verifies the organization from its review queue.
  const bureau = await pageAs(browser, DEMO.bureau);
  await bureau.goto("/review");
  const orgItem = bureau.getByRole("listitem").filter({ hasText: creditCode });
  await expect(orgItem).toBeVisible();
  await orgItem.getByRole("button", { name: `认证机构 ${orgName}` }).click();
  await expect(bureau.getByRole("status")).toContainText(`“${orgName}”已认证。`);

  // Now the company can submit its draft.
  await company.reload();
  await expect(company.getByText("您的机构尚未通过科技局认证")).toHaveCount(0);
  await company.getByRole("button", { name: "保存并提交审核" }).click();
  await company.waitForURL(/done=submitted/);
  await expect(company.getByText("已提交审核。")).toBeVisible();

  // The bureau approves it on /review.
  await bureau.goto(`/review?q=${encodeURIComponent(needTitle)}`);
  await bureau.locator("summary", { hasText: needTitle }).first().click();
  await bureau.getByRole("button", { name: `通过并发布 ${needTitle}` }).click();
  await expect(bureau.getByRole("status")).toContainText(`“${needTitle}”已通过并发布。`);

  // An anonymous visitor finds it with the search box of /needs and opens it.
  await anonymous.goto("/needs");
  await anonymous.getByRole("search").getByLabel("关键词").fill(needTitle);
  await anonymous.getByRole("search").getByRole("button", { name: "搜索" }).click();
  await anonymous.waitForURL(/\/needs\?.*q=/);
  const link = anonymous.getByRole("link", { name: needTitle });
  await expect(link).toBeVisible();
  await link.click();
  await anonymous.waitForURL(`**/needs/${needId}`);
  await expect(anonymous.getByRole("heading", { level: 1, name: needTitle })).toBeVisible();
  await expect(anonymous.getByText(orgName).first()).toBeVisible();
  await expect(anonymous.getByText("30万元").first()).toBeVisible();
  // The history is for the owner and reviewers only.
  await expect(anonymous.getByRole("heading", { name: "变更记录" })).toHaveCount(0);

  // The owner sees the history: created, submitted, approved.
  await company.goto(`/needs/${needId}`);
  const history = company.getByRole("region", { name: "变更记录" }).first();
  await expect(history).toBeVisible();
  for (const action of ["创建", "提交审核", "审核通过"]) {
    await expect(history.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  }
  // The bureau's approval is attributed to a person.
  await expect(history.getByRole("row").filter({ hasText: "审核通过" })).not.toContainText("系统");

  for (const p of [company, anonymous, bureau]) await p.context().close();
});

test("a researcher lists a result: pending until the bureau approves, then found with the query highlighted", async ({
  browser,
}) => {
  const title = `E2E成果${RUN}：废旧钕铁硼磁体短流程再生技术`;
  const researcher = await pageAs(browser, DEMO.researcher);
  await researcher.goto("/my/results/new");
  await researcher.getByLabel("名称").fill(title);
  await researcher.getByLabel("技术领域").selectOption("rare_earth");
  await researcher.getByLabel("成熟度").selectOption("pilot");
  await researcher
    .getByLabel("成果简介")
    .fill("以废旧烧结钕铁硼磁体为原料，经氢破碎、气流磨和晶界扩散直接再生磁体，稀土回收率 > 98%，能耗降低 40%。");
  await researcher.getByLabel("关键词").fill("钕铁硼，再生，氢破碎");
  await researcher.getByRole("checkbox", { name: "许可" }).check();
  await researcher.getByRole("checkbox", { name: "合作开发" }).check();
  await researcher.getByRole("textbox", { name: "参考价格（万元）" }).fill("12.5");
  await researcher.getByRole("button", { name: "提交审核" }).click();
  // the result's own page says what happens next
  await researcher.waitForURL(/\/results\/[^/?]+\?done=submitted/);
  await expect(researcher.getByRole("heading", { name: "接下来会怎样" })).toBeVisible();
  const resultId = new URL(researcher.url()).pathname.split("/")[2]!;
  await expect(researcher.getByText("待审核").first()).toBeVisible();

  // Pending: not public yet, not in the public list.
  const anonymous = await pageAs(browser, null);
  expect((await anonymous.goto(`/results/${resultId}`))?.status()).toBe(404);
  const before = await anonymous.request.get(`/api/v1/results?q=${encodeURIComponent(title)}`);
  expect(((await before.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(resultId);

  // The bureau approves it.
  const bureau = await pageAs(browser, DEMO.bureau);
  await bureau.goto(`/review?q=${encodeURIComponent(title)}`);
  await bureau.locator("summary", { hasText: title }).first().click();
  await bureau.getByRole("button", { name: `通过并发布 ${title}` }).click();
  await expect(bureau.getByRole("status")).toContainText(`“${title}”已通过并发布。`);

  // Public: /results?q=<title> lists it, the query highlighted.
  await anonymous.goto(`/results?q=${encodeURIComponent(title)}`);
  const card = anonymous.getByRole("article").filter({ has: anonymous.locator(`a[href="/results/${resultId}"]`) });
  await expect(card).toHaveCount(1);
  const marks = card.getByRole("heading").locator("mark");
  expect(await marks.count()).toBeGreaterThan(0);
  await expect(card.getByRole("heading")).toHaveText(title);
  const detail = await anonymous.goto(`/results/${resultId}`);
  expect(detail?.status()).toBe(200);
  await expect(anonymous.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(anonymous.getByText("12.5万元").first()).toBeVisible();

  for (const p of [researcher, anonymous, bureau]) await p.context().close();
});

test("forbidden actions are refused: review queue, bureau pages, API writes beyond the role, other organizations' drafts", async ({
  browser,
  playwright,
}) => {
  const company = await pageAs(browser, DEMO.company);

  // Pages beyond the role: 403 with the forbidden page.
  const review = await company.goto("/review");
  expect(review?.status()).toBe(403);
  await expect(company.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(company.getByRole("button", { name: /^通过并发布/ })).toHaveCount(0);
  const bureauPage = await company.goto("/bureau");
  expect(bureauPage?.status()).toBe(403);
  await expect(company.getByRole("heading", { name: "无权访问" })).toBeVisible();

  // An API token created in the UI (shown once) …
  await company.goto("/account/tokens");
  await company.getByLabel("令牌名称").fill(`e2e ${RUN}`);
  await company.getByRole("button", { name: "创建", exact: true }).click();
  await expect(company.getByText("令牌已创建")).toBeVisible();
  const token = (await company.locator("code").first().textContent())?.trim() ?? "";
  expect(token.length).toBeGreaterThan(20);

  // … cannot create a result: companies post needs, not results.
  const api = await playwright.request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 3100}` });
  const headers = { Authorization: `Bearer ${token}` };
  const created = await api.post("/api/v1/results", {
    headers,
    data: {
      title: `E2E 越权 ${RUN}`,
      summary: "企业用户不能发布科技成果。",
      keywords: [],
      field: "rare_earth",
      maturity: "lab",
      transferModes: ["license"],
      priceFen: null,
    },
  });
  expect(created.status()).toBe(403);
  const body = (await created.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("forbidden");
  expect(body.error.message).toMatch(/\S/);
  // The token itself is valid: it can read.
  expect((await api.get("/api/v1/needs?mine=1", { headers })).status()).toBe(200);
  expect((await api.post("/api/v1/results", { data: {} })).status()).toBe(401);

  // Another organization's draft result: 404 for an anonymous visitor, for the company and for its token.
  const researcher = await pageAs(browser, DEMO.researcher);
  const drafts = await researcher.request.get("/api/v1/results?mine=1&status=draft&pageSize=1");
  expect(drafts.ok()).toBeTruthy();
  const draft = ((await drafts.json()) as { items: Array<{ id: string; status: string }> }).items[0];
  expect(draft?.status).toBe("draft");
  expect((await researcher.goto(`/results/${draft!.id}`))?.status()).toBe(200);
  const anonymous = await pageAs(browser, null);
  expect((await anonymous.goto(`/results/${draft!.id}`))?.status()).toBe(404);
  expect((await company.goto(`/results/${draft!.id}`))?.status()).toBe(404);
  expect((await company.goto(`/my/results/${draft!.id}/edit`))?.status()).toBe(404);
  const viaApi = await api.get(`/api/v1/results/${draft!.id}`, { headers });
  expect(viaApi.status()).toBe(404);
  expect(((await viaApi.json()) as { error: { code: string } }).error.code).toBe("not_found");
  expect((await api.patch(`/api/v1/results/${draft!.id}`, { headers, data: { title: "被篡改" } })).status()).toBe(404);

  await api.dispose();
  for (const p of [company, researcher, anonymous]) await p.context().close();
});

test("the need form refuses an empty title and a budget of “abc” with messages in Chinese, and writes nothing", async ({
  browser,
}) => {
  const company = await pageAs(browser, DEMO.company);
  const before = await myNeedCount(company);
  await company.goto("/my/needs/new");
  await waitForHydration(company);
  await company.getByLabel("技术领域").selectOption("equipment");
  await company.getByLabel("需求描述").fill("刀片磨损太快，想延长寿命。");
  await company.getByRole("textbox", { name: "预算（万元）" }).fill("abc");
  await company.getByRole("button", { name: "提交审核" }).click();

  const title = company.getByLabel("名称");
  const budget = company.getByRole("textbox", { name: "预算（万元）" });
  await expect(company.getByText("请填写需求名称")).toBeVisible();
  await expect(company.getByText("预算请填写以万元为单位的数字")).toBeVisible();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(budget).toHaveAttribute("aria-invalid", "true");
  // The messages are in the reader's language only.
  await expect(company.getByText("is required")).toHaveCount(0);
  expect(new URL(company.url()).pathname).toBe("/my/needs/new");

  // The server refuses the same input on its own (a form POST without the browser's checks).
  const posted = await company.request.post("/my/needs/new", {
    form: { intent: "submit", title: "", field: "equipment", description: "刀片磨损太快。", budgetWan: "abc" },
  });
  expect(posted.status()).toBe(400);
  expect(await myNeedCount(company)).toBe(before);

  await company.context().close();
});
