// Every translation key the code names literally exists, in both languages. i18next shows an unknown
// key as the key itself, so a renamed or moved string would otherwise reach the page unnoticed.
// Checked: "ns:key" literals anywhere under app/ (any translate function), and t("key") /
// t(`key.${x}`) calls resolved against the namespaces the same file binds `t` to with
// useTranslation("ns"). Keys built entirely at run time are not checked.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { resources } from "../../app/i18n/locales/index.ts";

const root = join(import.meta.dirname, "../../app");
const namespaces = Object.keys(resources["zh-CN"]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    // the command line is not translated ("search:reindex" is a command, not a key)
    if (e.isDirectory()) return e.name === "locales" || e.name === "cli" ? [] : files(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The value at a dotted path, or undefined. */
function lookup(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    const record = node as Record<string, unknown>;
    // plural forms: t("x", { count }) reads x_one / x_other
    node = part in record ? record[part] : (record[`${part}_other`] ?? record[`${part}_one`]);
  }
  return node;
}

/** A full key must name a string; a prefix (before `${…}`) must name an object. */
function exists(ns: string, key: string, prefix: boolean) {
  return (["zh-CN", "en"] as const).every((lang) => {
    const value = lookup((resources[lang] as Record<string, unknown>)[ns], key.replace(/\.$/, ""));
    return prefix ? typeof value === "object" && value !== null : typeof value === "string";
  });
}

test("every literal translation key exists in zh-CN and en", () => {
  const missing: string[] = [];
  const nsPattern = namespaces.join("|");
  for (const file of files(root)) {
    const source = readFileSync(file, "utf8");
    const where = relative(root, file);
    // "ns:key" and `ns:key.${…}` anywhere
    for (const m of source.matchAll(new RegExp(`["'\`](${nsPattern}):([A-Za-z0-9_.]+)(\\$\\{)?`, "g"))) {
      if (!exists(m[1]!, m[2]!, Boolean(m[3]))) missing.push(`${where}: ${m[1]}:${m[2]}`);
    }
    // t("key") with the namespaces `t` is bound to in this file
    const bound = [...source.matchAll(/const \{[^}]*\bt\b[^}]*\} = useTranslation\("([a-z]+)"\)/g)].map((m) => m[1]!);
    if (!bound.length) continue;
    for (const m of source.matchAll(/(?<![.\w])t\(\s*["'`]([A-Za-z0-9_.]+)(\$\{|["'`])/g)) {
      const key = m[1]!;
      const prefix = m[2] === "${";
      // "common" too: meta functions translate the site name with the default namespace
      if (![...bound, "common"].some((ns) => exists(ns, key, prefix)))
        missing.push(`${where}: ${bound.join("|")} ${key}`);
    }
  }
  expect(missing).toEqual([]);
});
