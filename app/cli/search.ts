// `search:reindex [--engine postgres|meili]`.
import fs from "node:fs";
import path from "node:path";
import { badInput, log, usage, type Values } from "./args.ts";
import { closeDatabase, openDatabase } from "./database.ts";
import { progress } from "./import.ts";

/** The search developer's reindexSearch(), found by name in search/*.server.ts. */
async function findReindex(): Promise<((options: Record<string, unknown>) => Promise<unknown>) | null> {
  const dir = path.resolve("search");
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".server.ts"))
        .sort()
    : [];
  for (const file of files) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    if (!/export\s+(async\s+)?function\s+reindexSearch\b|export\s+const\s+reindexSearch\b/.test(source)) continue;
    const mod = (await import(path.join(dir, file))) as {
      reindexSearch?: (o: Record<string, unknown>) => Promise<unknown>;
    };
    if (typeof mod.reindexSearch === "function") return mod.reindexSearch;
  }
  return null;
}

export async function searchReindex(values: Values) {
  const engine = values.engine === undefined ? undefined : String(values.engine);
  if (engine !== undefined && engine !== "postgres" && engine !== "meili") {
    throw usage("search:reindex: --engine 只能是 postgres 或 meili / --engine must be postgres or meili");
  }
  const reindexSearch = await findReindex();
  if (!reindexSearch) {
    throw badInput(
      "search:reindex 暂不可用：search/ 中还没有 reindexSearch() / search:reindex is not available yet: search/ has no reindexSearch()",
    );
  }
  const db = await openDatabase();
  try {
    const result = await reindexSearch({
      ...(engine ? { engine: engine === "meili" ? "meilisearch" : "postgres" } : {}),
      onProgress: progress("重建索引 / reindexing"),
      log,
    });
    process.stdout.write(
      `索引已重建 / Search index rebuilt${result !== undefined ? `: ${JSON.stringify(result)}` : ""}\n`,
    );
  } finally {
    await closeDatabase(db);
  }
}
