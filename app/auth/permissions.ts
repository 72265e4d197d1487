// Permissions as `action:entity:access` strings (Epic Stack style). `own` means "of the user's own
// organization"; `any` means regardless of owner. Roles map to fixed sets: roles are few and
// defined by the bureau's rules, so a table in the database would only hide them.
import type { Role } from "../domain/catalog.ts";

export type Permission =
  | "create:result:own"
  | "update:result:own"
  | "update:result:any"
  | "create:need:own"
  | "update:need:own"
  | "update:need:any"
  | "review:listing:any"
  | "read:listing:any"
  | "create:organization:any"
  | "verify:organization:any"
  | "update:organization:own"
  | "update:organization:any"
  | "create:offer:own"
  | "create:contract:own"
  // a party's consent to a contract entered without an accepted offer or won lot (docs/decisions/0018)
  | "confirm:contract:own"
  | "create:contract:any"
  | "read:contract:any"
  | "review:contract:any"
  | "amend:contract:any"
  | "import:contract:any"
  | "configure:registration:any"
  | "manage:event:any"
  | "read:stats:any"
  | "update:target:any"
  | "read:audit:any"
  | "read:mail:any"
  | "manage:user:any"
  | "manage:membership:any"
  // contract settlement: the buyer side records a payment, the seller side confirms it
  | "record:payment:own"
  | "confirm:payment:own"
  | "create:broker:own"
  | "verify:broker:any"
  | "create:lead:own"
  | "read:lead:any"
  | "manage:subcentre:any"
  | "manage:subsidy:any"
  // 奖补: a party's member applies for their organization's subsidy on a registered contract
  | "apply:subsidy:own"
  | "work:subcentre:own"
  // trading: lots by the result's organization, bids by companies, the market's staff
  | "create:auction:own"
  | "bid:auction:own"
  | "manage:auction:any";

/** The bureau's (科技局) permissions; an admin has them all too. */
const BUREAU_PERMISSIONS: readonly Permission[] = [
  "review:listing:any",
  "read:listing:any",
  "create:organization:any",
  "verify:organization:any",
  "create:contract:any",
  "read:contract:any",
  "review:contract:any",
  "amend:contract:any",
  "import:contract:any",
  "configure:registration:any",
  "manage:event:any",
  "read:stats:any",
  "update:target:any",
  "read:audit:any",
  "manage:membership:any",
  "verify:broker:any",
  "read:lead:any",
  "manage:subcentre:any",
  "manage:subsidy:any",
  "manage:auction:any",
];

/** A party to deals, with its own organization: its profile, offers and contracts, their settlement and subsidies. */
const PARTY_PERMISSIONS: readonly Permission[] = [
  "apply:subsidy:own",
  "update:organization:own",
  "create:offer:own",
  "create:contract:own",
  "confirm:contract:own",
  "record:payment:own",
  "confirm:payment:own",
];

const OWN_RESULTS: readonly Permission[] = ["create:result:own", "update:result:own"];
const OWN_NEEDS: readonly Permission[] = ["create:need:own", "update:need:own"];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // scoped to the one sub-centre of SubcentreStaff (app/subcentres/scope.server.ts)
  subcentre: ["work:subcentre:own"],
  researcher: [...PARTY_PERMISSIONS, ...OWN_RESULTS, "create:auction:own"],
  company: [...PARTY_PERMISSIONS, ...OWN_NEEDS, "bid:auction:own"],
  broker: [
    ...PARTY_PERMISSIONS,
    ...OWN_RESULTS,
    ...OWN_NEEDS,
    "create:broker:own",
    "create:lead:own",
    "create:auction:own",
  ],
  bureau: BUREAU_PERMISSIONS,
  // the bureau's, and the platform's own: listings and organizations of any party, contracts of
  // its own (it neither settles nor applies for subsidies), the mail outbox and user accounts
  admin: [
    ...BUREAU_PERMISSIONS,
    ...OWN_RESULTS,
    "update:result:any",
    ...OWN_NEEDS,
    "update:need:any",
    "update:organization:own",
    "update:organization:any",
    "create:offer:own",
    "create:contract:own",
    "confirm:contract:own",
    "read:mail:any",
    "manage:user:any",
  ],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role] ?? [];
}

export function can(user: { role: Role } | null | undefined, permission: Permission) {
  return !!user && permissionsOf(user.role).includes(permission);
}
