// Deleting a result or need: only while nobody else depends on it. A draft, or a rejected or
// withdrawn listing without offers, contracts, trading lots or dispatches, may be deleted by those
// who may edit it; a published or pending one is withdrawn first (it is public, or a reviewer is
// looking at it). Its files go with it: the rows by the foreign key's cascade, the stored objects
// after the commit through the storage outbox (docs/decisions/0022-listing-files.md).
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import { drainAfterCommit } from "../files/storage-outbox.server.ts";
import {
  assertWrite,
  canRead,
  KIND,
  lockListing,
  LISTING_TX_OPTIONS,
  notFoundListing,
  type Actor,
  type ListingKind,
} from "./workflow.server.ts";

const DELETABLE = ["draft", "rejected", "withdrawn"];

export async function deleteListing(kind: ListingKind, id: string, actor: Actor) {
  await prisma.$transaction(async (tx) => {
    await lockListing(tx, kind, id);
    const select = { id: true, organizationId: true, status: true, title: true } as const;
    const row =
      kind === "result"
        ? await tx.result.findUnique({ where: { id }, select })
        : await tx.need.findUnique({ where: { id }, select });
    if (!row || !canRead(actor, row)) throw notFoundListing(kind);
    assertWrite(kind, actor, row);
    if (!DELETABLE.includes(row.status)) {
      throw errors.conflict(
        `只有草稿、被退回或已撤回的${KIND[kind].zh}可以删除，请先撤回 / Only a draft, rejected or withdrawn ${KIND[kind].en.toLowerCase()} can be deleted: withdraw it first`,
        "listing_not_deletable",
      );
    }
    const where = kind === "result" ? { resultId: id } : { needId: id };
    const [offers, contracts, lots, dispatches] = await Promise.all([
      tx.offer.count({ where }),
      tx.contract.count({ where }),
      kind === "result" ? tx.auction.count({ where: { resultId: id } }) : 0,
      kind === "need" ? tx.needDispatch.count({ where: { needId: id } }) : 0,
    ]);
    if (offers + contracts + lots + dispatches > 0) {
      throw errors.conflict(
        `该${KIND[kind].zh}已有报价、合同、挂牌或分派记录，不能删除（可以撤回） / This ${KIND[kind].en.toLowerCase()} has offers, contracts, lots or dispatches and cannot be deleted (it can stay withdrawn)`,
        "listing_in_use",
      );
    }
    const files = await tx.listingFile.count({ where });
    await recordAudit(tx, {
      entityType: kind,
      entityId: id,
      action: "delete",
      actorId: actor.id,
      before: { title: row.title, status: row.status, files },
      after: null,
    });
    if (kind === "result") await tx.result.delete({ where: { id } });
    else await tx.need.delete({ where: { id } });
  }, LISTING_TX_OPTIONS);
  await drainAfterCommit();
}
