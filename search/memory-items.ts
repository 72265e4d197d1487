// The list API items of the listings an in-process index holds (docs/decisions/0026, "Eighth"):
// per slot, the item's JSON text as PostgreSQL made it (app/listings/item-json.server.ts), and
// where its title and highlighted text sit in it. The title and text are not kept (nor read from
// PostgreSQL) a second time: a value JSON writes verbatim (no quote, backslash or control
// character: nearly every listing) is a slice of the JSON; the few others are kept unescaped. One
// string per listing, and six integers.

import type { ListItem } from "./types.ts";

/**
 * What the index is given: the JSON, and the keys of its title and of the parts of its text (joined
 * by a line feed), each a string value of the JSON's top level.
 */
export type ItemSource = { json: string; keys: readonly string[] };
/** A list item as the list API's rows statement gives it (ListItem); held ones always have their text. */
export type HeldItem = ListItem & { body: string };

const PARTS = 2;
const STRIDE = 2 + 2 * PARTS;

/**
 * Where the string value of `key` sits in `json`: [start, end) when JSON wrote it verbatim, else
 * the value itself (JSON escaped it), or null when the key holds no string. Only a key can match
 * `"key":"`: a quote inside a value is written \".
 */
function valueOf(json: string, key: string): [number, number] | string | null {
  const at = json.indexOf(`"${key}":"`);
  if (at < 0) return null;
  const start = at + key.length + 4;
  const quote = json.indexOf('"', start);
  const backslash = json.indexOf("\\", start);
  if (backslash < 0 || backslash > quote) return [start, quote];
  let end = start;
  while (json.charCodeAt(end) !== 34) end += json.charCodeAt(end) === 92 ? 2 : 1;
  return JSON.parse(json.slice(start - 1, end + 1)) as string;
}

export class ItemStore {
  private json: Array<string | undefined> = [];
  private spans: number[] = [];
  /** items whose title or text JSON escapes: kept unescaped */
  private escaped = new Map<number, { title: string; body: string }>();

  /** The item of a new slot (slots are added in order; `undefined`: not held). */
  push(slot: number, item: ItemSource | undefined) {
    this.json[slot] = undefined;
    // nothing for a slot without an item (every slot when the index keeps none): get() reads no span of it
    if (!item || item.keys.length < 2 || item.keys.length > PARTS + 1) return;
    const base = slot * STRIDE;
    for (let i = 0; i < STRIDE; i++) this.spans[base + i] = -1;
    const values = item.keys.map((k) => valueOf(item.json, k));
    if (values.some((v) => v === null)) return;
    this.json[slot] = item.json;
    if (values.some((v) => typeof v === "string")) {
      const text = values.map((v) => (typeof v === "string" ? v : item.json.slice(v![0], v![1])));
      this.escaped.set(slot, { title: text[0]!, body: text.slice(1).join("\n") });
      return;
    }
    values.forEach((v, i) => {
      this.spans[base + 2 * i] = (v as [number, number])[0];
      this.spans[base + 2 * i + 1] = (v as [number, number])[1];
    });
  }

  drop(slot: number) {
    this.json[slot] = undefined;
    this.escaped.delete(slot);
  }

  get(slot: number, id: string): HeldItem | null {
    const json = this.json[slot];
    if (json === undefined) return null;
    const kept = this.escaped.get(slot);
    if (kept) return { id, title: kept.title, body: kept.body, json };
    const base = slot * STRIDE;
    const title = json.slice(this.spans[base]!, this.spans[base + 1]!);
    let body = json.slice(this.spans[base + 2]!, this.spans[base + 3]!);
    for (let p = 2; p <= PARTS && this.spans[base + 2 * p]! >= 0; p++) {
      body += `\n${json.slice(this.spans[base + 2 * p]!, this.spans[base + 2 * p + 1]!)}`;
    }
    return { id, title, body, json };
  }

  /** Bytes of the JSON texts held (two per character: an upper bound for one-byte strings). */
  bytes() {
    let n = 0;
    for (const j of this.json) if (j !== undefined) n += 2 * j.length;
    return n + this.spans.length * 8;
  }
}
