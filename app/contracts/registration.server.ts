// 认定登记: registration numbers and the registration-time snapshot of the parties.
// The number's format lives in registration-number.ts. The serial comes from RegistrationSerial through one
// atomic upsert that row-locks the (year, point) row until the transaction ends, so parallel
// registrations never share a number and a rolled-back one gives its number back.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { isBayArea } from "../domain/regions.ts";
import { registrationNumber } from "./registration-number.ts";

export const DEFAULT_REGISTRATION_POINT = "01";
const POINTS_SETTING = "contracts.registrationPoints";

export function formatRegistrationNumber(year: number, point: string, serial: number) {
  if (serial > 999_999) {
    throw errors.conflict(
      "本年度登记序号已用完 / The registration serials of this year are exhausted",
      "serial_exhausted",
    );
  }
  return registrationNumber(year, point, serial);
}

/** Imported numbers must never be handed out again: move the serial past them. */
export async function reserveRegistrationSerial(tx: Tx, year: number, point: string, serial: number) {
  await tx.$executeRaw`
    INSERT INTO "RegistrationSerial" (year, point, last) VALUES (${year}, ${point}, ${serial})
    ON CONFLICT (year, point) DO UPDATE SET last = GREATEST("RegistrationSerial".last, EXCLUDED.last)`;
}

type PointsSetting = Record<string, string>;

async function pointsSetting(): Promise<PointsSetting> {
  const row = await prisma.appSetting.findUnique({ where: { key: POINTS_SETTING } });
  return (row?.value ?? {}) as PointsSetting;
}

/**
 * The registration point (登记点) of the registering bureau: configured per bureau organization
 * (`setRegistrationPoint`), else the installation default, else "01".
 */
export async function registrationPointFor(user: Pick<SessionUser, "organizationId">) {
  const points = await pointsSetting();
  return (user.organizationId && points[user.organizationId]) || points.default || DEFAULT_REGISTRATION_POINT;
}

/** Sets the two-digit registration point of a bureau organization (or "default"). */
export async function setRegistrationPoint(orgIdOrDefault: string, point: string, actorId: string | null = null) {
  if (!/^\d{2}$/.test(point) || point === "00") {
    throw errors.invalid("登记点应为两位数字 01–99 / The registration point is two digits 01–99", { point: "01–99" });
  }
  await prisma.$transaction(async (tx) => {
    const row = await tx.appSetting.findUnique({ where: { key: POINTS_SETTING } });
    const before = (row?.value ?? {}) as PointsSetting;
    const after = { ...before, [orgIdOrDefault]: point };
    await tx.appSetting.upsert({
      where: { key: POINTS_SETTING },
      create: { key: POINTS_SETTING, value: after },
      update: { value: after },
    });
    await recordAudit(tx, {
      entityType: "organization",
      entityId: orgIdOrDefault,
      action: "registration_point",
      actorId,
      before,
      after,
    });
  });
}

/** The configured points: the installation default and each bureau organization's, with names. */
export async function listRegistrationPoints() {
  const points = await pointsSetting();
  const ids = Object.keys(points).filter((k) => k !== "default");
  const orgs = ids.length
    ? await prisma.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    default: points.default ?? DEFAULT_REGISTRATION_POINT,
    points: ids
      .filter((id) => names.has(id))
      .map((id) => ({ organizationId: id, organizationName: names.get(id)!, point: points[id]! }))
      .sort((a, b) => a.point.localeCompare(b.point) || a.organizationName.localeCompare(b.organizationName)),
  };
}

type PartyOrg = { regionCode: string; zone: string | null; kind: string };

/** The columns the statistics group by, as the parties are at registration time. */
export function registrationSnapshot(seller: PartyOrg, buyer: PartyOrg, field: string | null) {
  return {
    sellerRegion: seller.regionCode,
    buyerRegion: buyer.regionCode,
    sellerZone: seller.zone,
    sellerKind: seller.kind,
    buyerKind: buyer.kind,
    bayArea: isBayArea(seller.regionCode) || isBayArea(buyer.regionCode),
    field,
  };
}
