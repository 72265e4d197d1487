// The listings an event presents are picked by search on /events/new (no ids to paste): published
// results and needs whose title, or whose organization's name, contains the words typed, plus the
// ones already picked, with their titles.
import { prisma } from "../db/db.server.ts";

export type PickableListing = { id: string; title: string; organization: string };

const listingSelect = { id: true, title: true, organization: { select: { name: true } } } as const;
const toPickable = (r: { id: string; title: string; organization: { name: string } }): PickableListing => ({
  id: r.id,
  title: r.title,
  organization: r.organization.name,
});

export async function pickableListings(q: string, picked: { resultIds: string[]; needIds: string[] }) {
  const term = q.trim().slice(0, 100);
  const matches = term
    ? {
        status: "published" as const,
        OR: [
          { title: { contains: term, mode: "insensitive" as const } },
          { organization: { name: { contains: term, mode: "insensitive" as const } } },
        ],
      }
    : null;
  const order = [{ publishedAt: "desc" as const }, { id: "asc" as const }];
  const [pickedResults, pickedNeeds, results, needs] = await Promise.all([
    picked.resultIds.length
      ? prisma.result.findMany({
          where: { id: { in: picked.resultIds }, status: "published" },
          select: listingSelect,
        })
      : [],
    picked.needIds.length
      ? prisma.need.findMany({ where: { id: { in: picked.needIds }, status: "published" }, select: listingSelect })
      : [],
    matches ? prisma.result.findMany({ where: matches, orderBy: order, take: 10, select: listingSelect }) : [],
    matches ? prisma.need.findMany({ where: matches, orderBy: order, take: 10, select: listingSelect }) : [],
  ]);
  const resultIds = new Set(pickedResults.map((r) => r.id));
  const needIds = new Set(pickedNeeds.map((n) => n.id));
  return {
    q: term,
    picked: { results: pickedResults.map(toPickable), needs: pickedNeeds.map(toPickable) },
    found: term
      ? {
          results: results.filter((r) => !resultIds.has(r.id)).map(toPickable),
          needs: needs.filter((n) => !needIds.has(n.id)).map(toPickable),
        }
      : null,
  };
}
