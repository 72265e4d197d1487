import { expect, test } from "vitest";
import { pickMessage } from "./i18n.ts";

test("pickMessage shows the reader's half of a bilingual message", () => {
  expect(pickMessage("必填 / Required", "zh-CN")).toBe("必填");
  expect(pickMessage("必填 / Required", "en")).toBe("Required");
  expect(pickMessage("只有中文", "en")).toBe("只有中文");
  expect(pickMessage(null, "en")).toBe("");
});
