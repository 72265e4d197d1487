// The template language of the demo texts (see types.ts).
import type { Rng } from "./random.ts";

const PLACEHOLDER = /\{([^{}]*)\}/;
const RANGE = /^(\d+(?:\.(\d+))?)-(\d+(?:\.\d+)?)$/;

export class Filler {
  private memo = new Map<string, string>();

  constructor(
    private rng: Rng,
    private slots: Record<string, readonly string[]> = {},
  ) {}

  /** Replaces placeholders innermost first, so alternatives may contain ranges and slots. */
  fill(template: string): string {
    let out = template;
    for (let guard = 0; guard < 200; guard++) {
      const m = PLACEHOLDER.exec(out);
      if (!m) return out;
      out = out.slice(0, m.index) + this.resolve(m[1]!) + out.slice(m.index + m[0].length);
    }
    throw new Error(`template does not terminate: ${template}`);
  }

  /** The value a slot has in this listing (picked once). */
  slot(name: string): string {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const values = this.slots[name];
    if (!values) throw new Error(`unknown slot {${name}}`);
    const value = this.fill(this.rng.pick(values));
    this.memo.set(name, value);
    return value;
  }

  private resolve(body: string): string {
    if (body.includes("|")) return this.rng.pick(body.split("|"));
    const range = RANGE.exec(body);
    if (range) {
      const decimals = range[2]?.length ?? 0;
      const lo = Number(range[1]);
      const hi = Number(range[3]);
      if (decimals === 0) {
        // large quantities read better rounded (3900吨, not 3919吨): two significant digits
        if (hi >= 100) {
          const step = 10 ** (Math.floor(Math.log10(hi)) - 1);
          const a = Math.ceil(lo / step);
          const b = Math.floor(hi / step);
          if (a <= b) return String(this.rng.int(a, b) * step);
        }
        return String(this.rng.int(lo, hi));
      }
      const scale = 10 ** decimals;
      return (this.rng.int(Math.round(lo * scale), Math.round(hi * scale)) / scale).toFixed(decimals);
    }
    return this.slot(body);
  }
}
