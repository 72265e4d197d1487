// The server half of /my/results/new, /my/needs/new and their /:id/edit pages (one implementation
// for both kinds; the page: routes/listings+shared/edit-route.tsx).
import { requireUser } from "../auth/session.server.ts";
import { isUpload, uploadPageAction } from "../files/page-actions.server.ts";
import { editFilesData } from "../files/page-data.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { editPageData, newPageData, saveListingForm } from "./form-actions.server.ts";
import type { ListingKind } from "./workflow.server.ts";

const TITLE_KEY = {
  result: { new: "listings:form.newResult", edit: "listings:form.editResult" },
  need: { new: "listings:form.newNeed", edit: "listings:form.editNeed" },
} as const;

export async function newListingLoader(kind: ListingKind, request: Request) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  return { ...(await newPageData(kind, user, locale)), meta: `${t(TITLE_KEY[kind].new)} · ${t("siteName")}` };
}

export async function editListingLoader(kind: ListingKind, request: Request, id: string) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const page = await editPageData(kind, id, user, locale);
  const files = await editFilesData(kind, id);
  const t = serverT(locale);
  return { ...page, ...files, meta: `${t(TITLE_KEY[kind].edit)} · ${page.title} · ${t("siteName")}` };
}

/**
 * POST of both pages (`id` on the edit page): save, submit, withdraw (saveListingForm), or, on the
 * edit page, the file upload form (multipart, app/files/page-actions.server.ts).
 */
export async function saveListingAction(kind: ListingKind, request: Request, id?: string) {
  const user = await requireUser(request);
  if (id && (await isUpload(request))) return uploadPageAction(kind, request, id);
  return saveListingForm(kind, user, await request.formData(), localeFromRequest(request, user.locale), id);
}
