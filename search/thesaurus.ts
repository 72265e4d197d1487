// The domain thesaurus (search/thesaurus/ganzhou.json): concepts with equivalent technical terms,
// company (colloquial) phrasings, broader and related concepts. Used at query time to expand
// search terms (expansions rank below exact hits) and by matching to bridge company words and
// academic words. Pure data + functions: no database, safe to import anywhere on the server.
import data from "./thesaurus/ganzhou.json";
import lay from "./thesaurus/lay-vocabulary.json";
import { HAN_CLASS, LATIN_CLASS, normalizeText } from "./normalize.ts";

export type ConceptDef = {
  id: string;
  label: string;
  field?: string;
  terms: string[];
  colloquial: string[];
  broader?: string[];
  related?: string[];
  /**
   * What a company wants done to whatever it makes (卖不上价 → 高值化), said alike in every
   * industry: it names no subject of its own, so matching counts it only beside a shared subject
   * (docs/decisions/0017-matching-lay-vocabulary.md).
   */
  modifier?: boolean;
};
export type ThesaurusFile = { version: string; updated?: string; about?: string; concepts: ConceptDef[] };

export type Concept = {
  id: string;
  label: string;
  field?: string;
  terms: string[]; // normalised
  colloquial: string[]; // normalised
  display: Map<string, string>; // normalised form → form as written in the file
  broader: string[];
  narrower: string[];
  related: string[];
  modifier: boolean;
};

export type FormHit = { conceptId: string; kind: "term" | "colloquial" };
export type Expansion = {
  form: string;
  weight: number;
  conceptId: string;
  relation: "equivalent" | "narrower" | "colloquial" | "related";
};

const LATIN_CHAR = new RegExp(`[${LATIN_CLASS}]`, "u");

export class Thesaurus {
  readonly version: string;
  readonly concepts = new Map<string, Concept>();
  /** normalised surface form → the concepts it names */
  readonly forms = new Map<string, FormHit[]>();
  /** first character → forms starting with it, longest first */
  private readonly byFirstChar = new Map<string, string[]>();

  constructor(file: ThesaurusFile) {
    this.version = file.version;
    for (const def of file.concepts) {
      const display = new Map<string, string>();
      const norm = (list: string[]) => [
        ...new Set(
          list
            .map((f) => {
              const n = normalizeText(f).trim();
              display.set(n, f);
              return n;
            })
            .filter(usableForm),
        ),
      ];
      this.concepts.set(def.id, {
        id: def.id,
        label: def.label,
        field: def.field,
        terms: norm(def.terms),
        colloquial: norm(def.colloquial),
        display,
        broader: def.broader ?? [],
        narrower: [],
        related: def.related ?? [],
        modifier: def.modifier === true,
      });
    }
    for (const c of this.concepts.values()) {
      for (const b of c.broader) this.concepts.get(b)?.narrower.push(c.id);
      // related is symmetric
      for (const r of c.related) {
        const other = this.concepts.get(r);
        if (other && !other.related.includes(c.id)) other.related.push(c.id);
      }
      for (const f of c.terms) this.addForm(f, { conceptId: c.id, kind: "term" });
      for (const f of c.colloquial) this.addForm(f, { conceptId: c.id, kind: "colloquial" });
    }
    for (const form of [...this.forms.keys()].sort((a, b) => b.length - a.length)) {
      const list = this.byFirstChar.get(form[0]!) ?? [];
      list.push(form);
      this.byFirstChar.set(form[0]!, list);
    }
  }

  private addForm(form: string, hit: FormHit) {
    const list = this.forms.get(form) ?? [];
    if (!list.some((h) => h.conceptId === hit.conceptId)) list.push(hit);
    // a form that is a technical term somewhere counts as a term first
    list.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "term" ? -1 : 1));
    this.forms.set(form, list);
  }

  display(conceptId: string, form: string) {
    return this.concepts.get(conceptId)?.display.get(form) ?? form;
  }

  /**
   * Alternative forms for one query term, best first, the term itself excluded. Equivalent terms
   * (钕铁硼 ↔ NdFeB ↔ 磁钢) and narrower concepts (刀具 → 刀片) for search; a colloquial phrase
   * (磁力变弱) expands to its concept's technical terms and, more weakly, to related concepts.
   * Broader concepts are not added (钕铁硼 must not return every rare-earth listing).
   */
  expand(term: string, max = 12): Expansion[] {
    const t = normalizeText(term).trim();
    const hits = this.forms.get(t);
    if (!hits) return [];
    const out = new Map<string, Expansion>();
    const add = (form: string, weight: number, conceptId: string, relation: Expansion["relation"]) => {
      if (form === t) return;
      const prev = out.get(form);
      if (!prev || prev.weight < weight) out.set(form, { form, weight, conceptId, relation });
    };
    for (const hit of hits) {
      const c = this.concepts.get(hit.conceptId)!;
      const fromColloquial = hit.kind === "colloquial";
      for (const f of c.terms) add(f, fromColloquial ? 0.6 : 0.7, c.id, "equivalent");
      for (const f of c.colloquial) add(f, 0.4, c.id, "colloquial");
      for (const n of c.narrower) {
        const nc = this.concepts.get(n)!;
        for (const f of nc.terms) add(f, 0.5, nc.id, "narrower");
      }
      if (fromColloquial) {
        for (const r of c.related) {
          const rc = this.concepts.get(r)!;
          for (const f of rc.terms.slice(0, 4)) add(f, 0.3, rc.id, "related");
        }
      }
    }
    // Best weight first, then shorter forms: a shorter form already finds every document holding
    // a longer one that contains it (钕铁硼 ⊂ 烧结钕铁硼), so the longer one is redundant for recall.
    const sorted = [...out.values()]
      .filter((e) => !t.includes(e.form) || e.form.length > 1)
      .sort((a, b) => b.weight - a.weight || a.form.length - b.form.length || (a.form < b.form ? -1 : 1));
    const kept: Expansion[] = [];
    for (const e of sorted) {
      if (kept.some((k) => k.weight >= e.weight && e.form.includes(k.form))) continue;
      if (e.form.includes(t)) continue; // the exact term already finds it
      kept.push(e);
      if (kept.length >= max) break;
    }
    return kept;
  }

  /**
   * Surface forms of the thesaurus found in a (normalised) text, scanning left to right and
   * taking the longest form at each position: a shorter form inside a matched longer one is not
   * counted again (黄龙病 inside 柑橘黄龙病). Latin forms must stand as whole words (BMS, not the
   * "bms" inside "abmsx").
   */
  findForms(normText: string): Array<{ form: string; count: number; hits: FormHit[] }> {
    const found = new Map<string, number>();
    const text = normText;
    let i = 0;
    while (i < text.length) {
      const candidates = this.byFirstChar.get(text[i]!);
      let matched = 0;
      if (candidates) {
        // Latin forms start at a word start only
        const wordStart = !(LATIN_CHAR.test(text[i]!) && i > 0 && LATIN_CHAR.test(text[i - 1]!));
        for (const form of candidates) {
          if (!text.startsWith(form, i)) continue;
          const end = i + form.length;
          if (LATIN_CHAR.test(form[0]!) && !wordStart) continue;
          if (LATIN_CHAR.test(form[form.length - 1]!) && end < text.length && LATIN_CHAR.test(text[end]!)) continue;
          found.set(form, (found.get(form) ?? 0) + 1);
          matched = form.length; // longest first: 柑橘黄龙病 is not counted again as 黄龙病
          break;
        }
      }
      i += matched || 1;
    }
    return [...found.entries()].map(([form, count]) => ({ form, count, hits: this.forms.get(form)! }));
  }

  /** Synonym groups for an engine with its own synonym support (Meilisearch). */
  synonymMap(): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const form of this.forms.keys()) {
      const ex = this.expand(form, 20).filter((e) => e.relation === "equivalent" || e.relation === "narrower");
      if (ex.length) map[form] = ex.map((e) => e.form);
    }
    return map;
  }

  /** Every multi-character Han form: a segmentation dictionary (jieba, Meilisearch). */
  dictionaryWords(): string[] {
    return [...this.forms.keys()].filter((f) => f.length >= 2 && new RegExp(`[${HAN_CLASS}]`, "u").test(f));
  }
}

function usableForm(f: string) {
  if (!f) return false;
  const chars = Array.from(f);
  // single Latin letters (W) are too ambiguous; single Han characters are fine (钨, 镝)
  if (chars.length === 1 && !new RegExp(`[${HAN_CLASS}]`, "u").test(f)) return false;
  return true;
}

let cached: Thesaurus | undefined;
export function thesaurus(): Thesaurus {
  cached ??= new Thesaurus(mergeThesauri(data as ThesaurusFile, lay as ThesaurusFile));
  return cached;
}

/**
 * The domain thesaurus plus the lay-to-technical vocabulary (search/thesaurus/lay-vocabulary.json):
 * kept in two files because they are written differently — one from the literature, the other from
 * how company owners describe problems — but used as one. A concept id present in both gets the
 * union of its forms and links; the version names both files' versions.
 */
export function mergeThesauri(base: ThesaurusFile, extra: ThesaurusFile): ThesaurusFile {
  const union = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])];
  const concepts = new Map(base.concepts.map((c) => [c.id, { ...c }]));
  for (const c of extra.concepts) {
    const prev = concepts.get(c.id);
    concepts.set(
      c.id,
      prev
        ? {
            ...prev,
            terms: union(prev.terms, c.terms),
            colloquial: union(prev.colloquial, c.colloquial),
            broader: union(prev.broader, c.broader),
            related: union(prev.related, c.related),
            modifier: prev.modifier || c.modifier,
          }
        : { ...c, terms: c.terms ?? [], colloquial: c.colloquial ?? [] },
    );
  }
  return { version: `${base.version}+lay.${extra.version}`, about: base.about, concepts: [...concepts.values()] };
}
