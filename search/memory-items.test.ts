// The items an in-process index keeps (memory-items.ts): title and text come back exactly as given,
// whether they sit verbatim in the JSON (kept as offsets) or JSON escapes them (kept as given).
import { expect, test } from "vitest";
import { ItemStore, type ItemSource } from "./memory-items.ts";

const result = (title: string, summary: string) => ({
  title,
  json: JSON.stringify({ id: "r", subcentreId: null, title, summary, contact: { name: "title" } }),
  keys: ["title", "summary"],
});
const need = (title: string, description: string, targetIndicators: string) => ({
  title,
  json: JSON.stringify({ id: "n", title, description, targetIndicators }),
  keys: ["title", "description", "targetIndicators"],
});

test("title and text come back as given, verbatim or escaped, and a dropped slot holds nothing", () => {
  const cases: Array<[ItemSource & { title: string }, string]> = [
    [result("稀土永磁", "摘要 AlTiN 😀"), "摘要 AlTiN 😀"],
    [result(`引号"标题`, "第一行\n第二行"), "第一行\n第二行"],
    [result("", ""), ""],
    [result("title", `"summary":"假的" \\ 反斜杠`), `"summary":"假的" \\ 反斜杠`],
    [need("需求", "描述", "指标"), "描述\n指标"],
    [need("需求", "描述", ""), "描述\n"],
    [need("需求\t制表", "描\u0001述", "指标"), "描\u0001述\n指标"],
    [need(`"title":"假"`, "\\", `\\"`), `\\\n\\"`],
    [need("假", `\\","targetIndicators":"假的`, "真的"), `\\","targetIndicators":"假的\n真的`],
  ];
  const store = new ItemStore();
  cases.forEach(([item], slot) => store.push(slot, item));
  store.push(cases.length, undefined);
  // a key missing or not a string: not held
  store.push(cases.length + 1, { json: `{"title":"t","summary":null}`, keys: ["title", "summary"] });
  cases.forEach(([item, body], slot) => {
    expect(store.get(slot, `id${slot}`)).toEqual({ id: `id${slot}`, title: item.title, body, json: item.json });
  });
  expect(store.get(cases.length, "none")).toBeNull();
  expect(store.get(cases.length + 1, "null")).toBeNull();
  store.drop(1);
  expect(store.get(1, "id1")).toBeNull();
  expect(store.get(0, "id0")?.title).toBe("稀土永磁");
});
