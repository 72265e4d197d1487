// The demo deal plan's shapes: what generateDemoDeals (deals.ts) returns and
// seeds/contracts.server.ts carries out.
import type { ContractType, Field, TransferMode } from "../app/domain/catalog.ts";

// ------------------------------------------------------------------ plan shapes

export interface DemoImportedContract {
  key: string;
  registrationNumber: string;
  registeredAt: Date;
  type: ContractType;
  subtype: string;
  title: string;
  sellerKey: string;
  buyerKey: string;
  brokerKey: string | null;
  contractAmountFen: number;
  nonTechnicalCostsFen: number;
  /** YYYY-MM-DD */
  signedAt: string;
  validUntil: string | null;
  field: Field;
  ipType: string;
}

export interface DemoTarget {
  year: number;
  /** "" = the whole city */
  regionCode: string;
  amountFen: number;
}

/** `by`: the demo account (e-mail) that acts. */
export type DemoOfferStep =
  | { do: "message"; by: string; body: string; counterAmountFen?: number }
  | { do: "accept" | "reject" | "withdraw"; by: string };

export interface DemoOffer {
  key: string;
  by: string;
  resultKey?: string;
  needKey?: string;
  amountFen: number | null;
  mode: TransferMode;
  message: string;
  /** after the creation: messages, counter-offers, closing */
  steps: DemoOfferStep[];
}

export type DemoContractStep =
  | { do: "submit"; by: string }
  | { do: "review"; by: string; decision: "register" | "return" | "reject"; note?: string }
  | { do: "amend"; by: string; contractAmountFen?: number; nonTechnicalCostsFen?: number; reason: string }
  | { do: "cancel"; by: string; reason: string };

export interface DemoLiveContract {
  key: string;
  /** the account that enters it */
  by: string;
  /** created from this accepted offer (parties and amount prefilled) */
  offerKey?: string;
  type: ContractType;
  subtype: string;
  title: string;
  sellerKey?: string;
  buyerKey?: string;
  brokerKey?: string;
  contractAmountFen?: number;
  nonTechnicalCostsFen: number;
  signedAt: string;
  validUntil: string;
  resultKey?: string;
  needKey?: string;
  field?: Field;
  ipType: string;
  steps: DemoContractStep[];
}

/** A later change to an imported contract (found by its registration number). */
export interface DemoContractChange {
  registrationNumber: string;
  steps: DemoContractStep[];
}

/** The bureau's conclusion on the flags a rule raised on these contracts. */
export interface DemoFlagResolution {
  kind: "year_end_spike" | "split_deal" | "related_parties" | "amount_outlier";
  registrationNumbers: string[];
  by: string;
  resolution: string;
}

export interface DemoDeals {
  seed: number;
  now: Date;
  lastYear: number;
  thisYear: number;
  targets: DemoTarget[];
  /** last year's and this year's back-dated registrations, in registration order */
  imported: DemoImportedContract[];
  offers: DemoOffer[];
  contracts: DemoLiveContract[];
  changes: DemoContractChange[];
  resolutions: DemoFlagResolution[];
}
