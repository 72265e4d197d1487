// A broker's record, from the leads and contracts attributed to them: leads filed, leads that led
// to a contract (conversion), deals (contracts not rejected or cancelled), registered contracts
// and their 技术交易额, and the commission agreed (a fixed amount, or the rate applied to the
// contract amount, rounded down to the fen).
import { prisma } from "../db/db.server.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type BrokerRecord = {
  leads: number;
  convertedLeads: number;
  /** convertedLeads / leads in basis points */
  conversionBp: number;
  deals: number;
  registeredContracts: number;
  registeredAmountFen: number;
  commissionAgreedFen: number;
};

export async function brokerRecords(userIds: string[]): Promise<Map<string, BrokerRecord>> {
  const out = new Map<string, BrokerRecord>();
  if (!userIds.length) return out;
  const [leads, deals] = await Promise.all([
    prisma.$queryRaw<Array<{ broker: string; leads: number; converted: number }>>`
      SELECT l."brokerUserId" AS broker, count(*)::int AS leads,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "Contract" c WHERE c."leadId" = l.id AND c.status NOT IN ('rejected', 'cancelled')
        ))::int AS converted
      FROM "Lead" l WHERE l."brokerUserId" IN (${Prisma.join(userIds)})
      GROUP BY l."brokerUserId"`,
    prisma.$queryRaw<
      Array<{ broker: string; deals: number; registered: number; amount: bigint | null; commission: bigint | null }>
    >`
      SELECT "brokerUserId" AS broker,
        count(*)::int AS deals,
        count(*) FILTER (WHERE status = 'registered')::int AS registered,
        sum("techTransactionAmountFen") FILTER (WHERE status = 'registered')::bigint AS amount,
        sum(coalesce("commissionAmountFen", floor("contractAmountFen"::numeric * "commissionRateBp" / 10000)::bigint, 0))::bigint AS commission
      FROM "Contract"
      WHERE "brokerUserId" IN (${Prisma.join(userIds)}) AND status NOT IN ('rejected', 'cancelled')
      GROUP BY "brokerUserId"`,
  ]);
  for (const id of userIds) {
    out.set(id, {
      leads: 0,
      convertedLeads: 0,
      conversionBp: 0,
      deals: 0,
      registeredContracts: 0,
      registeredAmountFen: 0,
      commissionAgreedFen: 0,
    });
  }
  for (const l of leads) {
    const r = out.get(l.broker)!;
    r.leads = l.leads;
    r.convertedLeads = l.converted;
    r.conversionBp = l.leads ? Math.floor((l.converted * 10_000) / l.leads) : 0;
  }
  for (const d of deals) {
    const r = out.get(d.broker)!;
    r.deals = d.deals;
    r.registeredContracts = d.registered;
    r.registeredAmountFen = Number(d.amount ?? 0n);
    r.commissionAgreedFen = Number(d.commission ?? 0n);
  }
  return out;
}
