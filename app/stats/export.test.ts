// Export rendering without a database: labels of the dashboard keys (exact 元: app/domain/money.test.ts).
import { expect, test } from "vitest";
import { groupLabel, toCsv } from "./export.server.ts";

test("labels in both languages", () => {
  expect(groupLabel("type", "development")).toBe("技术开发");
  expect(groupLabel("type", "development", "en")).toBe("Technology development");
  expect(groupLabel("sellerRegion", "360781")).toBe("瑞金市");
  expect(groupLabel("zone", "none")).toBe("未填写");
  expect(groupLabel("month", "03", "en")).toBe("Month 3");
  expect(groupLabel("bayArea", "yes")).toBe("涉大湾区");
});

test("CSV: BOM, CRLF, quoting, yuan columns", () => {
  const csv = toCsv(
    {
      title: "t",
      columns: [
        { key: "n", zh: "名称", en: "Name" },
        { key: "a", zh: "金额（元）", en: "Amount", kind: "yuan" },
      ],
      rows: [
        { n: '含"引号"', a: 12_345 },
        { n: "-1", a: null },
      ],
    },
    "en",
  );
  expect(csv).toBe('\uFEFFName,Amount\r\n"含""引号""",123.45\r\n\'-1,\r\n');
});
