// The /api/v1/organizations and /api/v1/memberships endpoints, for the OpenAPI document.
import { z } from "zod";
import { date, dateTime, ok, readErrors, writeErrors, type ApiRoute } from "../api/openapi/spec.ts";
import { ORG_KINDS } from "../domain/catalog.ts";
import { ZONES } from "../domain/regions.ts";
import { organizationCreateSchema, organizationProfileSchema } from "./schemas.ts";

const fenOrNull = z.number().int().min(0).nullable();

export const Organization = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORG_KINDS),
    creditCode: z
      .string()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
      .describe("统一社会信用代码 (GB 32100)"),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .describe("GB/T 2260 code from the national table"),
    zone: z.enum(ZONES).nullable().optional(),
    description: z.string().optional(),
    website: z.string().nullable().optional(),
    verified: z.boolean(),
    verifiedAt: dateTime().nullable().optional(),
    createdAt: dateTime().optional(),
    updatedAt: dateTime().optional(),
    publishedResults: z.number().int().optional().describe("In lists and profiles"),
    publishedNeeds: z.number().int().optional().describe("In lists and profiles"),
  })
  .meta({ id: "Organization" });

const OrganizationProfile = Organization.extend({
  results: z
    .array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          field: z.string(),
          maturity: z.string(),
          priceFen: fenOrNull,
          publishedAt: dateTime().nullable(),
        })
        .partial(),
    )
    .describe("The latest published results"),
  needs: z
    .array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          field: z.string(),
          budgetFen: fenOrNull,
          deadline: date().nullable(),
          publishedAt: dateTime().nullable(),
        })
        .partial(),
    )
    .describe("The latest published needs"),
}).meta({ id: "OrganizationProfile" });

const OrganizationInput = organizationCreateSchema.meta({ id: "OrganizationInput" });

const nameRef = z.object({ id: z.string(), name: z.string() });

export const organizationApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/organizations",
    operationId: "searchOrganizations",
    tags: ["Organizations"],
    summary: "Search organizations by name",
    description: "Verified organizations first, then by name.",
    auth: "public",
    request: {
      query: z.object({
        q: z.string().optional().describe("Part of the name"),
        kind: z.enum(ORG_KINDS).optional(),
        regionCode: z.string().optional().describe("A six-digit code, `ganzhou` or `bay_area`"),
        verified: z.enum(["true", "false", "1", "0"]).optional(),
        page: z.number().int().min(1).default(1).optional(),
        pageSize: z.number().int().min(1).max(100).default(50).optional(),
      }),
    },
    responses: {
      200: ok(
        z.object({
          items: z.array(Organization),
          total: z.number().int(),
          page: z.number().int(),
          pageSize: z.number().int(),
        }),
      ),
      ...readErrors,
    },
  },
  {
    method: "post",
    path: "/api/v1/organizations",
    operationId: "createOrganization",
    tags: ["Organizations"],
    summary: "Create an organization (bureau, admin); created by staff, so verified",
    description:
      "A credit code already registered is a 409 (`duplicate`, with `fields.creditCode`). Staff may create an organization whose name looks like a verified one's (members and signups cannot: `organization_name_taken`).",
    request: { body: OrganizationInput },
    responses: { 201: ok(Organization, "Created"), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/organizations/{id}",
    operationId: "getOrganization",
    tags: ["Organizations"],
    summary: "The public profile, with counts and the latest published listings",
    auth: "public",
    responses: { 200: ok(OrganizationProfile), 401: "Unauthorized", 404: "NotFound" },
  },
  {
    method: "patch",
    path: "/api/v1/organizations/{id}",
    operationId: "updateOrganizationProfile",
    tags: ["Organizations"],
    summary: "Edit the description and website, and the name while unverified (its members, admin)",
    description:
      'A field left out is kept; `""` clears it. The name can be changed by its members until the bureau verifies the organization (then only by an admin: a 400 naming `name` otherwise); a name that equals a verified organization\'s after trimming, removing spaces, NFKC (full-width/half-width) folding and case folding is a 409 `organization_name_taken` with `fields.name` (admins excepted). Kind, credit code and region were verified by the bureau and cannot be changed here (an unknown field is a 400). Others get a 403.',
    request: { body: organizationProfileSchema },
    responses: { 200: ok(Organization), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/verify",
    operationId: "verifyOrganization",
    tags: ["Organizations", "Review"],
    summary: "Verify a self-registered organization (bureau, admin)",
    description:
      "Its members can then submit and publish. Already verified is a 409 `invalid_state`; a name that equals an already verified organization's after the same normalisation (trim, spaces, NFKC, case) is a 409 `organization_name_taken` with `fields.name`: staff rename one of them first.",
    responses: { 200: ok(Organization), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/memberships",
    operationId: "listMembershipRequests",
    tags: ["Organizations"],
    summary: "Pending requests to join an organization that the caller may decide",
    description:
      "Signups naming an existing organization wait here. Members see their organization's; bureau and admin staff see all.",
    responses: {
      200: ok(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              createdAt: dateTime(),
              user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }),
              organization: nameRef,
            }),
          ),
        }),
      ),
      401: "Unauthorized",
    },
  },
  {
    method: "post",
    path: "/api/v1/memberships/{id}/{decision}",
    operationId: "decideMembershipRequest",
    tags: ["Organizations"],
    summary: "Approve (the user joins) or reject a request to join an organization (its members, bureau, admin)",
    description: "A request of another organization, or one already decided, is a 404.",
    request: { params: z.object({ id: z.string(), decision: z.enum(["approve", "reject"]) }) },
    responses: {
      200: ok(
        z.object({
          id: z.string(),
          decision: z.enum(["approve", "reject"]),
          user: z.object({ id: z.string(), name: z.string(), organizationId: z.string().nullable() }),
          organization: nameRef,
        }),
      ),
      401: "Unauthorized",
      404: "NotFound",
      405: "MethodNotAllowed",
    },
  },
];
