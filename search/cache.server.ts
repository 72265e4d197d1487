// A small cache for the embedded engine's searches and the list API's whole responses. The
// expensive part of a search over a large index is reading every hit (exact totals, facets,
// tiers); the same queries come back often (listing pages, popular terms). Entries are dropped
// when anything they show changes: triggers NOTIFY 'search_changed' at commit (on the search
// documents, and on the listing and organization columns the API shows) and a LISTEN connection
// here clears the cache. Until that connection is up, or after it drops, nothing is cached.
// Listings served from the cache are re-checked against the current statuses by the callers
// (search/pg-engine.server.ts, app/listings/api.server.ts), so a withdrawn listing never comes
// back from the cache, even in the instant before the notification arrives. SEARCH_CACHE=0
// turns it off.
import pg from "pg";
import { getEnv } from "../app/env.server.ts";

type Entry<T> = { value: T; at: number };

const TTL_MS = getEnv().SEARCH_CACHE_TTL_MS;
const MAX_ENTRIES = 1_000;

const state = globalThis as unknown as {
  __searchCache?: {
    url: string;
    entries: Map<string, Entry<unknown>>;
    epoch: number;
    listening: boolean;
    client?: pg.Client;
    connecting?: Promise<void>;
  };
};

export function cacheEnabled() {
  return getEnv().SEARCH_CACHE !== "0";
}

function current() {
  const url = getEnv().DATABASE_URL ?? "";
  if (!state.__searchCache || state.__searchCache.url !== url) {
    void state.__searchCache?.client?.end().catch(() => {});
    state.__searchCache = { url, entries: new Map(), epoch: 0, listening: false };
  }
  return state.__searchCache;
}

function clear() {
  const c = current();
  c.entries.clear();
  c.epoch++;
}

/** Starts listening (once per process); the cache is used only while listening. */
function ensureListening() {
  const c = current();
  if (c.listening || c.connecting || !c.url) return;
  c.connecting = (async () => {
    const client = new pg.Client({ connectionString: c.url, application_name: "search-cache" });
    const down = () => {
      if (c.client === client) {
        c.listening = false;
        c.client = undefined;
        clear();
      }
    };
    client.on("error", down);
    client.on("end", down);
    client.on("notification", () => clear());
    try {
      await client.connect();
      // keep the process able to exit: this connection is not work in progress
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await client.query("LISTEN search_changed");
      c.client = client;
      clear();
      c.listening = true;
    } catch {
      await client.end().catch(() => {});
    } finally {
      c.connecting = undefined;
    }
  })();
}

/**
 * `compute` through the cache. The value is stored only if no change was notified while it was
 * computed (a search that raced a commit is not kept). A cached value is served only if `fresh`
 * (when given) says it still holds; otherwise it is computed again and replaces the entry.
 */
export async function cached<T>(
  key: string,
  compute: () => Promise<T>,
  fresh?: (value: T) => Promise<boolean>,
): Promise<{ value: T; hit: boolean }> {
  if (!cacheEnabled()) return { value: await compute(), hit: false };
  ensureListening();
  const c = current();
  if (!c.listening) return { value: await compute(), hit: false };
  const e = c.entries.get(key);
  if (e && Date.now() - e.at < TTL_MS) {
    // LRU: most recently used last
    c.entries.delete(key);
    c.entries.set(key, e);
    if (!fresh || (await fresh(e.value as T))) return { value: e.value as T, hit: true };
  }
  const epoch = c.epoch;
  const value = await compute();
  if (c.listening && c.epoch === epoch) {
    c.entries.set(key, { value, at: Date.now() });
    if (c.entries.size > MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value!);
  }
  return { value, hit: false };
}

export async function waitForCacheListener(timeoutMs = 2_000) {
  ensureListening();
  const started = Date.now();
  while (!current().listening && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 10));
  return current().listening;
}
