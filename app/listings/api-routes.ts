// The /api/v1/results, /api/v1/needs, matching and search-suggestion endpoints, for the OpenAPI
// document (app/api/openapi/). Bodies are the schemas the handlers read (schemas.ts).
import { z } from "zod";
import { ok, readErrors, writeErrors, type ApiRoute } from "../api/openapi/spec.ts";
import { fileApiRoutes } from "./file-api-routes.ts";
import { listingQuery, Need, NeedMatch, NeedPage, Result, ResultMatch, ResultPage } from "./api-schemas.ts";
import {
  needCreateSchema,
  needUpdateSchema,
  resultCreateSchema,
  resultUpdateSchema,
  reviewSchema,
  withdrawSchema,
} from "./schemas.ts";

const textNote = "Text is stored as typed; HTML or script is kept as text and always rendered escaped.";

const ResultInput = resultCreateSchema.meta({
  id: "ResultInput",
  example: {
    title: "晶界扩散重稀土提高烧结钕铁硼矫顽力技术",
    summary: "采用晶界扩散工艺……",
    keywords: ["钕铁硼", "NdFeB"],
    field: "rare_earth",
    maturity: "small_batch",
    transferModes: ["license", "joint_development"],
    priceFen: 300000000,
    submit: true,
  },
});
const ResultPatch = resultUpdateSchema.meta({
  id: "ResultPatch",
  description: "Any subset of ResultInput (without organizationId).",
});
const NeedInput = needCreateSchema.meta({
  id: "NeedInput",
  example: {
    title: "电机磁钢高温后磁力变弱",
    description: "电机在 150℃ 运行半小时后磁力明显下降……",
    field: "rare_earth",
    budgetFen: 100000000,
    deadline: "2026-12-31",
    cooperationMode: "joint_development",
  },
});
const NeedPatch = needUpdateSchema.meta({
  id: "NeedPatch",
  description: "Any subset of NeedInput (without organizationId).",
});
const ReviewInput = reviewSchema.meta({ id: "ReviewInput" });
const WithdrawInput = withdrawSchema.meta({ id: "WithdrawInput" });

function listingRoutes(kind: "result" | "need"): ApiRoute[] {
  const Name = kind === "result" ? "Result" : "Need";
  const base = `/api/v1/${kind}s`;
  const tag = kind === "result" ? "Results" : "Needs";
  const creators = kind === "result" ? "researcher, broker, admin" : "company, broker, admin";
  const item = kind === "result" ? Result : Need;
  return [
    {
      method: "get",
      path: base,
      operationId: `list${Name}s`,
      tags: [tag],
      summary: `Search and list ${kind}s`,
      description:
        "Published only, unless the caller owns (`mine=1`, or `status=` for their organization's listings) or reviews (bureau/admin). Invalid filter values are a 400 naming the parameter; a page beyond the end is empty.",
      auth: "public",
      request: { query: listingQuery(kind) },
      responses: {
        200: ok(kind === "result" ? ResultPage : NeedPage),
        ...readErrors,
        403: "Forbidden",
        429: "RateLimited",
      },
    },
    {
      method: "post",
      path: base,
      operationId: `create${Name}`,
      tags: [tag],
      summary: `Create a ${kind} (${creators})`,
      description: `Created as a draft of the caller's organization; with \`"submit": true\` it goes straight to review (pending_review), which needs a verified organization (403 \`organization_unverified\` otherwise, and nothing is written). ${textNote}`,
      request: { body: kind === "result" ? ResultInput : NeedInput },
      responses: { 201: ok(item, "Created"), ...writeErrors },
    },
    {
      method: "get",
      path: `${base}/{id}`,
      operationId: `get${Name}`,
      tags: [tag],
      summary: `One ${kind}`,
      description:
        "Published listings are public; others only for members of the owning organization and reviewers (404 for everyone else).",
      auth: "public",
      responses: { 200: ok(item), 401: "Unauthorized", 404: "NotFound" },
    },
    {
      method: "patch",
      path: `${base}/{id}`,
      operationId: `update${Name}`,
      tags: [tag],
      summary: `Edit a ${kind} (owning organization, admin)`,
      description:
        'Any subset of the fields. Editing a published listing sends it back to review (pending_review). `"submit": true` also sends a draft, rejected or withdrawn listing to review. Another organization\'s draft is a 404; a published listing of another organization is a 403.',
      request: { body: kind === "result" ? ResultPatch : NeedPatch },
      responses: { 200: ok(item), ...writeErrors },
    },
    {
      method: "delete",
      path: `${base}/{id}`,
      operationId: `delete${Name}`,
      tags: [tag],
      summary: `Delete a draft, rejected or withdrawn ${kind} (owning organization, admin)`,
      description:
        "With its files (removed from storage after the commit). 409 `listing_not_deletable` while pending review or published (withdraw it first); 409 `listing_in_use` when offers, contracts, lots or dispatches refer to it.",
      responses: { 200: ok(z.object({ id: z.string(), deleted: z.literal(true) })), ...writeErrors },
    },
    {
      method: "post",
      path: `${base}/{id}/review`,
      operationId: `review${Name}`,
      tags: [tag, "Review"],
      summary: `Approve or reject a ${kind} waiting for review (bureau, admin)`,
      description:
        "Only from pending_review (409 otherwise). Rejecting needs a reason, which the submitter sees. The submitter is notified in the app and by mail.",
      request: { body: ReviewInput },
      responses: { 200: ok(item), ...writeErrors },
    },
    {
      method: "post",
      path: `${base}/{id}/submit`,
      operationId: `submit${Name}`,
      tags: [tag],
      summary: `Send a draft, rejected or withdrawn ${kind} to review (owning organization, admin)`,
      description:
        "Needs a verified organization (403 `organization_unverified`). 409 from pending_review or published.",
      responses: { 200: ok(item), ...writeErrors },
    },
    {
      method: "post",
      path: `${base}/{id}/withdraw`,
      operationId: `withdraw${Name}`,
      tags: [tag],
      summary: `Withdraw a ${kind} (owning organization, admin)`,
      description:
        "From pending_review, published or rejected (409 otherwise). A withdrawn listing is hidden and can be edited and resubmitted.",
      request: { body: WithdrawInput, bodyOptional: true },
      responses: { 200: ok(item), ...writeErrors },
    },
    {
      method: "get",
      path: `${base}/{id}/matches`,
      operationId: `${kind}Matches`,
      tags: ["Matching"],
      summary:
        kind === "need" ? "Published results that could solve this need" : "Published needs this result could answer",
      description: "Each match has a score and its reasons (shared terms and concepts from the domain thesaurus).",
      auth: "public",
      request: { query: z.object({ limit: z.number().int().min(1).max(50).default(10).optional() }) },
      responses: {
        200: ok(z.object({ items: z.array(kind === "need" ? ResultMatch : NeedMatch) })),
        ...readErrors,
        404: "NotFound",
      },
    },
  ];
}

export const listingApiRoutes: ApiRoute[] = [
  ...listingRoutes("result"),
  ...listingRoutes("need"),
  ...fileApiRoutes,
  {
    method: "get",
    path: "/api/v1/search/suggest",
    operationId: "suggest",
    tags: ["Search"],
    summary: "Search-as-you-type suggestions",
    auth: "public",
    request: {
      query: z.object({
        q: z.string().max(100).optional().describe("Empty gives no suggestions; over 100 characters is a 400"),
        limit: z.number().int().min(1).max(20).default(8).optional(),
      }),
    },
    responses: {
      200: ok(
        z.object({
          items: z.array(
            z.object({
              text: z.string(),
              kind: z.enum(["result", "need", "term"]).describe("a listing title, or a thesaurus term"),
              id: z.string().optional().describe("the listing, for titles"),
            }),
          ),
        }),
      ),
      ...readErrors,
    },
  },
];
