// The server half of /results/:id and /needs/:id (one implementation for both kinds): the listing
// as its reader may see it, its files and pictures, its matches; and the page's POST actions.
import { getUser, requireUser } from "../auth/session.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import { filesOf } from "../files/files.server.ts";
import { fileJson } from "../files/serialize.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { listingAction } from "./page-actions.server.ts";
import { detailData, detailMatches } from "./pages.server.ts";
import type { ListingKind } from "./workflow.server.ts";

export async function detailLoader(kind: ListingKind, request: Request, id: string) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  // detailData answers 404 first when the viewer may not see the listing; its files follow it
  const detail = await detailData(kind, id, viewer, locale);
  const [matches, files] = await Promise.all([detailMatches(kind, id), filesOf(kind, id)]);
  return {
    ...detail,
    matches,
    files: files.map(fileJson),
    meta: `${detail.item.title} · ${serverT(locale)("siteName")}`,
    regionNames: regionNamesIn(detail),
  };
}

export async function detailAction(kind: ListingKind, request: Request, id: string) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  return listingAction(user, await request.formData(), locale, { kind, id });
}
