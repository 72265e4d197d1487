// The list API items of the listings an in-process index holds (docs/decisions/0026, "Eighth"):
// per slot, the item's JSON text as PostgreSQL made it (app/listings/item-json.server.ts), and
// where its title and highlighted text sit in it. The title and text are not kept a second time:
// a value JSON writes verbatim (no quote, backslash or control character: nearly every listing) is
// a slice of the JSON; the few others are kept as they are. One string per listing, and six
// integers.

/** What the index is given: the JSON, the raw title, and the text as [JSON key, value] parts joined by a line feed. */
export type ItemSource = { json: string; title: string; parts: Array<[key: string, value: string]> };
export type HeldItem = { id: string; title: string; body: string; json: string };

const PARTS = 2;
const STRIDE = 2 + 2 * PARTS;

/** [start, end) of `value` written as the value of `key` in `json`, or null when it is not written verbatim. */
function spanOf(json: string, key: string, value: string): [number, number] | null {
  const quoted = JSON.stringify(value);
  if (quoted.length !== value.length + 2) return null;
  const at = json.indexOf(`"${key}":${quoted}`);
  if (at < 0) return null;
  const start = at + key.length + 4;
  return [start, start + value.length];
}

export class ItemStore {
  private json: Array<string | undefined> = [];
  private spans: number[] = [];
  /** items whose title or text JSON escapes: kept as given */
  private verbatim = new Map<number, { title: string; body: string }>();

  /** The item of a new slot (slots are added in order; `undefined`: not held). */
  push(slot: number, item: ItemSource | undefined) {
    this.json[slot] = item?.json;
    const base = slot * STRIDE;
    for (let i = 0; i < STRIDE; i++) this.spans[base + i] = -1;
    if (!item) return;
    const spans = [spanOf(item.json, "title", item.title), ...item.parts.map(([k, v]) => spanOf(item.json, k, v))];
    if (item.parts.length > PARTS || spans.some((s) => !s)) {
      this.verbatim.set(slot, { title: item.title, body: item.parts.map(([, v]) => v).join("\n") });
      return;
    }
    spans.forEach((s, i) => {
      this.spans[base + 2 * i] = s![0];
      this.spans[base + 2 * i + 1] = s![1];
    });
  }

  drop(slot: number) {
    this.json[slot] = undefined;
    this.verbatim.delete(slot);
  }

  get(slot: number, id: string): HeldItem | null {
    const json = this.json[slot];
    if (json === undefined) return null;
    const kept = this.verbatim.get(slot);
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
