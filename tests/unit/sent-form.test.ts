// replyFor gives a page's conform reply only to the form that was sent; allErrors gathers its messages.
import { expect, test } from "vitest";
import { allErrors, replyFor } from "../../app/components/sent-form.ts";

const reply = {
  status: "error" as const,
  initialValue: { intent: "visit", dispatchId: "d1" },
  error: { visitedAt: ["请填写走访时间 / Enter the time of the visit"], "": ["表单 / Form"] },
};

test("the reply goes only to the form whose intent and row it echoes", () => {
  expect(replyFor(reply, { intent: "visit", dispatchId: "d1" })).toBe(reply);
  expect(replyFor(reply, { intent: "visit", dispatchId: "d2" })).toBeNull();
  expect(replyFor(reply, { intent: "review" })).toBeNull();
  // an entry left undefined is not compared (a form not tied to a row)
  expect(replyFor(reply, { intent: "visit", flagId: undefined })).toBe(reply);
  // a success (no echoed values) or nothing at all answers no form
  expect(replyFor({ done: "visit" }, { intent: "visit" })).toBeNull();
  expect(replyFor(undefined, { intent: "visit" })).toBeNull();
  expect(replyFor({ ...reply, initialValue: null }, { intent: "visit" })).toBeNull();
});

test("allErrors lists every message of the reply, none without one", () => {
  expect(allErrors(replyFor(reply, { intent: "visit" }))).toEqual([
    "请填写走访时间 / Enter the time of the visit",
    "表单 / Form",
  ]);
  expect(allErrors(null)).toBeUndefined();
});

test("a form tells itself apart by a field it never sends, or by one of several intents", () => {
  const custom = { status: "error" as const, initialValue: { intent: "bid", amountYuan: "x" }, error: {} };
  const quick = { status: "error" as const, initialValue: { intent: "bid", amountFen: "120000" }, error: {} };
  const quickEmpty = { status: "error" as const, initialValue: { intent: "bid", amountFen: "" }, error: {} };
  expect(replyFor(custom, { intent: "bid", amountFen: null })).toBe(custom);
  expect(replyFor(quickEmpty, { intent: "bid", amountFen: null })).toBe(quickEmpty);
  expect(replyFor(quick, { intent: "bid", amountFen: null })).toBeNull();
  const rejected = { status: "error" as const, initialValue: { intent: "reject" }, error: {} };
  expect(replyFor(rejected, [{ intent: "approve" }, { intent: "reject" }])).toBe(rejected);
  expect(replyFor(rejected, [{ intent: "approve" }, { intent: "cancel" }])).toBeNull();
  expect(replyFor(rejected, [])).toBeNull();
});
