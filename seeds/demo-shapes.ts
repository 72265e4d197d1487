// The demo data set's shapes: what generateDemoData (generate.ts) returns and the seeding inserts.
import type { Maturity, Role, TransferMode } from "../app/domain/catalog.ts";
import type { ListingStatus } from "../app/domain/catalog.ts";
import { type OrganizationDef } from "./data/index.ts";

export interface DemoContact {
  name: string;
  phone: string;
  email: string;
}

export interface DemoOrganization {
  key: string;
  id: string;
  name: string;
  kind: OrganizationDef["kind"];
  creditCode: string;
  regionCode: string;
  zone: string | null;
  description: string;
  website: string | null;
  createdAt: Date;
  verifiedAt: Date;
  contacts: DemoContact[];
}

export interface DemoUser {
  key: string; // the e-mail address
  id: string;
  email: string;
  name: string;
  role: Role;
  orgKey: string | null;
  createdAt: Date;
}

interface ListingBase {
  key: string;
  id: string;
  orgKey: string;
  createdByKey: string | null;
  industry: string;
  field: string;
  title: string;
  keywords: string[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  status: ListingStatus;
  rejectionReason: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  updatedAt: Date;
  viewCount: number;
}

export interface DemoResult extends ListingBase {
  topic: string;
  summary: string;
  maturity: Maturity;
  ipDescription: string;
  patentNumbers: string[];
  transferModes: TransferMode[];
  priceFen: number | null;
}

export interface DemoNeed extends ListingBase {
  template: string;
  description: string;
  targetIndicators: string;
  budgetFen: number | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  cooperationMode: TransferMode;
  /** result topics that answer this need */
  matchingTopics: string[];
  /** published results of those topics: the labelled matches */
  matchingResultKeys: string[];
}

export interface DemoData {
  seed: number;
  version: number;
  now: Date;
  organizations: DemoOrganization[];
  users: DemoUser[];
  results: DemoResult[];
  needs: DemoNeed[];
}
