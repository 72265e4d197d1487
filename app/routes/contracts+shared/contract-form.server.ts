// The options of the contract form's organization pickers.
import { prisma } from "../../db/db.server.ts";
import type { OrgOption } from "../../components/org-picker.tsx";

/**
 * The organizations for the pickers. A read of names only (no business rule): the organizations
 * module has a paged search but no "all options" function.
 */
export async function organizationOptions(): Promise<OrgOption[]> {
  return prisma.organization.findMany({
    select: { id: true, name: true, kind: true, regionCode: true },
    orderBy: [{ name: "asc" }],
    take: 5000,
  });
}
