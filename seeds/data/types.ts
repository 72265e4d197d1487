// Shapes of the hand-written demo data. Text fields are templates (see text.ts): `{slot}` picks a
// value from the topic's slots (the same value everywhere in one listing), `{a|b|c}` picks one
// alternative, `{12-30}` an integer (two significant digits once the upper bound is ≥ 100),
// `{1.5-3.0}` a number with as many decimals as the bounds. A listing's title and body share one
// set of slot values, so a title naming 紫钨 never sits above a body about 蓝钨.
import type { Field, Maturity, OrgKind, Role, TransferMode } from "../../app/domain/catalog.ts";
import type { Zone } from "../../app/domain/regions.ts";

export interface OrganizationDef {
  /** stable key used by templates, accounts and generated data, e.g. "jxust" */
  key: string;
  name: string;
  kind: OrgKind;
  regionCode: string;
  zone?: Zone;
  /** first two characters of the credit code: 11 government, 12 public institution, 52 social organization, 91 company, 93 cooperative */
  creditPrefix: "11" | "12" | "52" | "91" | "93";
  /** region part of the credit code (the registering authority's area), defaults to regionCode */
  creditRegion?: string;
  description: string;
  website?: string;
  /** domain used for contact mail addresses; always under the non-existent .demo.gz TLD */
  mailDomain: string;
  /** landline area code used for contact numbers */
  phoneArea: string;
}

export type IpKind = "patent" | "software" | "variety" | "knowhow" | "standard";

/** One technology; the generator makes `count` listings from it, owned in turn by `orgs`. */
export interface ResultTopic {
  /** globally unique slug; listing keys are result-<field>-<slug>-<n> */
  slug: string;
  field: Field;
  /** industry label (Chinese), e.g. 稀土永磁 */
  industry: string;
  count: number;
  /** owners in rotation; the first instance always goes to orgs[0] */
  orgs: string[];
  titles: string[];
  background: string[];
  method: string[];
  /** indicator clauses without final punctuation; 2–3 are used */
  metrics: string[];
  /** application areas (noun phrases); 1–3 are used */
  applications: string[];
  /** the first three are always used, then 2–4 more (templates too, e.g. "{amp}") */
  keywords: string[];
  maturities: Maturity[];
  /** the first is used most often */
  modes: TransferMode[];
  /** price range in 万元; null price (面议) is drawn at random as well */
  priceWan: [number, number];
  ip: IpKind;
  slots?: Record<string, string[]>;
}

/** One kind of problem companies post; `matches` names the result topics that solve it. */
export interface NeedTemplate {
  slug: string;
  field: Field;
  industry: string;
  count: number;
  /** posting organizations in rotation; the first instance always goes to companies[0] */
  companies: string[];
  titles: string[];
  /** who we are (company language) */
  situation: string[];
  /** per posting organization, replaces any of the text lists (e.g. an agency posting for a client) */
  byCompany?: Record<string, Partial<Record<"titles" | "situation" | "problem" | "ask" | "targets", string[]>>>;
  /** what goes wrong */
  problem: string[];
  /** what we want */
  ask: string[];
  /** target indicator lines; 2–3 are used */
  targets: string[];
  keywords: string[];
  /** budget range in 万元; a null budget (面议) is drawn at random as well */
  budgetWan: [number, number];
  modes: TransferMode[];
  /** result topic slugs that answer this need (ground truth for matching) */
  matches: string[];
  slots?: Record<string, string[]>;
}

export interface IndustryData {
  results: ResultTopic[];
  needs: NeedTemplate[];
}

export interface AccountDef {
  email: string;
  name: string;
  role: Role;
  /** organization key; admins have none */
  org: string | null;
  /** shown in the README */
  note: string;
}
