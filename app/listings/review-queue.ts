// The review queue's URL parameters and choices, shared by the page (client) and its query
// (review-queue.server.ts).
import { FIELDS, type Field } from "../domain/catalog.ts";
import type { ListingKind } from "./workflow.server.ts";

export const QUEUE_PAGE_SIZE = 20;
export const QUEUE_SORTS = ["oldest", "newest", "title"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
/** "waiting at least N days" choices of the age filter */
export const QUEUE_AGES = [1, 3, 7, 14, 30] as const;
/** The most items one bulk approval takes (one page of the queue). */
export const BULK_MAX = 50;
const MAX_Q = 100;

export type QueueQuery = {
  q: string;
  kind: ListingKind | "";
  field: Field | "";
  organizationId: string;
  minAgeDays: number;
  sort: QueueSort;
  page: number;
};

/** The queue's URL parameters; anything unknown falls back to its default (a bookmark never breaks). */
export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  const kind = params.get("kind");
  const field = params.get("field") ?? "";
  const sort = params.get("sort") ?? "";
  const age = Number(params.get("age"));
  const page = Number(params.get("page"));
  return {
    q: (params.get("q") ?? "").trim().slice(0, MAX_Q),
    kind: kind === "result" || kind === "need" ? kind : "",
    field: (FIELDS as readonly string[]).includes(field) ? (field as Field) : "",
    organizationId: (params.get("org") ?? "").trim().slice(0, 64),
    minAgeDays: (QUEUE_AGES as readonly number[]).includes(age) ? age : 0,
    sort: (QUEUE_SORTS as readonly string[]).includes(sort) ? (sort as QueueSort) : "oldest",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** What a bulk approval step returns to the page: the confirmation's list, the outcome, or an error. */
export type BulkActionData =
  | { intent: "bulk-preview"; items: Array<{ ref: string; title: string }>; error?: undefined }
  | { intent: "bulk-approve"; outcomes: BulkOutcome[]; error?: undefined }
  | { intent: "bulk-preview" | "bulk-approve"; error: string };

export type BulkOutcome = {
  kind: ListingKind;
  id: string;
  title: string;
  ok: boolean;
  error?: string;
};
