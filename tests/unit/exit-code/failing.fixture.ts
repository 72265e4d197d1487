import { expect, test } from "vitest";

test("fails on purpose, so the run must exit non-zero", () => {
  expect(1).toBe(2);
});
