// Joining an organization that already exists. Its name and its credit code are public, so a
// signup naming it only asks to join: the user belongs to no organization (sees none of its
// drafts, offers or contracts, acts in nothing on its behalf) until one of its members, or bureau
// or admin staff, approves. Every decision is an audit event on the user.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { notificationText } from "../notifications/messages.server.ts";

type Actor = Pick<SessionUser, "id" | "role" | "organizationId">;

/**
 * Inside the signup's transaction: records the request and tells the organization's members
 * (staff see every pending request on /memberships).
 */
export async function requestMembership(
  tx: Tx,
  user: { id: string; name: string; email: string },
  organization: { id: string; name: string },
) {
  await tx.membershipRequest.create({ data: { userId: user.id, organizationId: organization.id } });
  await recordAudit(tx, {
    entityType: "user",
    entityId: user.id,
    action: "membership_request",
    actorId: user.id,
    after: { organizationId: organization.id },
  });
  const members = await tx.user.findMany({ where: { organizationId: organization.id }, select: { id: true } });
  if (members.length) {
    const text = notificationText(
      { key: "auth:membership.requestedTitle", values: { name: user.name, email: user.email } },
      { key: "auth:membership.requestedBody", values: { organization: organization.name } },
    );
    await tx.notification.createMany({
      data: members.map((m) => ({ userId: m.id, kind: "membership_requested", ...text, link: "/memberships" })),
    });
  }
  await tx.notification.create({
    data: {
      userId: user.id,
      kind: "membership_pending",
      ...notificationText(
        { key: "auth:membership.pendingTitle", values: { organization: organization.name } },
        { key: "auth:membership.pendingBody" },
      ),
      link: null,
    },
  });
}

/**
 * Whose requests `actor` decides, as a filter on MembershipRequest: every organization's for staff
 * (`{}`), their own organization's for a member, none (null) for anyone else.
 */
export function membershipScope(
  actor: Pick<SessionUser, "role" | "organizationId">,
): { organizationId?: string } | null {
  if (can(actor, "manage:membership:any")) return {};
  if (actor.organizationId && can(actor, "update:organization:own")) return { organizationId: actor.organizationId };
  return null;
}

/** The requests `actor` may decide: their own organization's, or all of them for staff. */
export async function pendingMembershipRequests(actor: Actor) {
  const scope = membershipScope(actor);
  if (!scope) return [];
  return prisma.membershipRequest.findMany({
    where: scope,
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, role: true } },
      organization: { select: { id: true, name: true } },
    },
  });
}

export type MembershipDecision = "approve" | "reject";

/**
 * Approve (the user joins the organization) or reject (the request is dropped; the user may sign
 * up for another organization from their account). The request row is locked and deleted in the
 * same transaction, so two deciders cannot both win: the second gets a 404.
 */
export async function decideMembership(actor: Actor, requestId: string, decision: MembershipDecision) {
  return prisma.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<Array<{ id: string; userId: string; organizationId: string }>>`
      SELECT id, "userId", "organizationId" FROM "MembershipRequest" WHERE id = ${requestId} FOR UPDATE`;
    if (!request) throw errors.notFound("加入申请");
    const scope = membershipScope(actor);
    // Someone else's organization: as if the request did not exist.
    if (!scope || (scope.organizationId !== undefined && scope.organizationId !== request.organizationId))
      throw errors.notFound("加入申请");
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: request.organizationId },
      select: { id: true, name: true },
    });
    const applicant = await tx.user.findUniqueOrThrow({
      where: { id: request.userId },
      select: { id: true, name: true },
    });
    await tx.membershipRequest.delete({ where: { id: request.id } });
    if (decision === "approve") {
      await tx.user.update({ where: { id: request.userId }, data: { organizationId: organization.id } });
    }
    await recordAudit(tx, {
      entityType: "user",
      entityId: request.userId,
      action: decision === "approve" ? "membership_approve" : "membership_reject",
      actorId: actor.id,
      before: { organizationId: null, requestedOrganizationId: organization.id },
      after: { organizationId: decision === "approve" ? organization.id : null },
    });
    await tx.notification.create({
      data: {
        userId: request.userId,
        kind: decision === "approve" ? "membership_approved" : "membership_rejected",
        ...notificationText({
          key: decision === "approve" ? "auth:membership.approvedTitle" : "auth:membership.rejectedTitle",
          values: { organization: organization.name },
        }),
        link: decision === "approve" ? "/dashboard" : null,
      },
    });
    return { applicant, organization, decision };
  });
}
