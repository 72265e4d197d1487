// Joining an existing organization in the browser: a new researcher picks 江西理工大学 at signup,
// waits (the dashboard says so; nothing can be published on its behalf), a researcher of that
// university approves on /memberships, and the newcomer now works for it.
import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, pageAs, runId, waitForHydration } from "./helpers.ts";

const RUN = runId();

test("a signup joining an existing organization waits for a member's approval", async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `周申请${RUN}`;
  const applicant = await pageAs(browser, null);
  await applicant.goto("/signup");
  await waitForHydration(applicant);
  await applicant.getByLabel("电子邮箱").fill(`e2e.joiner.${RUN}@example.com`);
  await applicant.getByLabel("姓名").fill(name);
  await applicant.getByLabel(/^密码(\s*\*)?$/).fill(`E2e-${RUN}-Passwort`);
  await applicant.getByRole("radio", { name: /^科研人员/ }).check();
  await applicant.getByRole("radio", { name: "加入已有机构" }).check();
  await applicant.getByLabel("按名称搜索机构").fill("江西理工");
  await applicant
    .getByRole("radio", { name: /^江西理工大学/ })
    .first()
    .check();
  await applicant.getByRole("checkbox", { name: /我已阅读并同意/ }).check();
  await applicant.getByRole("button", { name: "注册", exact: true }).click();
  await applicant.waitForURL("**/dashboard");
  await expect(applicant.getByText(/您已申请加入“江西理工大学”，正在等待机构成员或科技局审核/)).toBeVisible();
  // no organization yet: "my" listings are refused
  expect((await applicant.request.get("/api/v1/results?mine=1")).status()).toBe(403);

  const member = await pageAs(browser, DEMO.researcher);
  await member.goto("/memberships");
  await waitForHydration(member);
  const row = member.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expectNoAxeViolations(member, "/memberships (researcher, one request)");
  await member.getByRole("button", { name: `批准 ${name} 加入` }).click();
  await expect(member.getByText(`已批准 ${name} 加入“江西理工大学”。`)).toBeVisible();
  await expect(member.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);

  await applicant.reload();
  await expect(applicant.getByText("机构：江西理工大学")).toBeVisible();
  await expect(applicant.getByText(/正在等待机构成员或科技局审核/)).toHaveCount(0);
  await expect(applicant.getByText("您已加入“江西理工大学”").first()).toBeVisible();
});
