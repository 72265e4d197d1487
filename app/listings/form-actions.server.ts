// Server side of the create/edit pages: defaults for the forms, and the save/submit/withdraw
// actions (the same domain functions as the API, so the same rules).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { deleteListing } from "./delete.server.ts";
import { ApiError, userMessage } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { createNeed, updateNeed, withdrawNeed } from "./needs.server.ts";
import { readableOr404 } from "./pages.server.ts";
import { createResult, updateResult, withdrawResult } from "./results.server.ts";
import { fenToInput } from "../domain/money.ts";
import { canWrite, KIND, type ListingKind } from "./workflow.server.ts";
import { pickMessage } from "../i18n/i18n.ts";
import { formIntent } from "../components/form-intent.ts";
import { needFormSchema, resultFormSchema } from "./form-schemas.ts";

function forbidden(locale: string): never {
  throw data(locale.startsWith("en") ? "You cannot edit this listing" : "您无权修改此条目", { status: 403 });
}

/** Who may open the "new" page: their role may create this kind, and they belong to an organization. */
export async function newPageData(kind: ListingKind, user: SessionUser, locale: string) {
  if (!can(user, KIND[kind].create)) {
    throw data(locale.startsWith("en") ? "Your role cannot post this" : "您的角色不能发布此类条目", { status: 403 });
  }
  return {
    hasOrganization: !!user.organizationId,
    verified: !!user.organization?.verifiedAt,
    defaultValue: { contactName: user.name, contactEmail: user.email },
  };
}

/** The edit page: the listing (404 if invisible, 403 if not the viewer's to change) and form defaults. */
export async function editPageData(kind: ListingKind, id: string, user: SessionUser, locale: string) {
  const include = { organization: { select: { verifiedAt: true, name: true } } } as const;
  if (kind === "result") {
    const r = await readableOr404(await prisma.result.findUnique({ where: { id }, include }), user, locale);
    if (!canWrite(kind, user, r)) forbidden(locale);
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      rejectionReason: r.rejectionReason,
      verified: !!r.organization.verifiedAt,
      organizationName: r.organization.name,
      defaultValue: {
        title: r.title,
        summary: r.summary,
        keywords: r.keywords.join("，"),
        field: r.field,
        maturity: r.maturity,
        transferModes: r.transferModes,
        priceWan: fenToInput(r.priceFen, "wan"),
        ipDescription: r.ipDescription,
        patentNumbers: r.patentNumbers.join("\n"),
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        contactEmail: r.contactEmail,
      },
    };
  }
  const n = await readableOr404(await prisma.need.findUnique({ where: { id }, include }), user, locale);
  if (!canWrite(kind, user, n)) forbidden(locale);
  return {
    id: n.id,
    title: n.title,
    status: n.status,
    rejectionReason: n.rejectionReason,
    verified: !!n.organization.verifiedAt,
    organizationName: n.organization.name,
    defaultValue: {
      title: n.title,
      description: n.description,
      targetIndicators: n.targetIndicators,
      keywords: n.keywords.join("，"),
      field: n.field,
      budgetWan: fenToInput(n.budgetFen, "wan"),
      deadline: n.deadline ? n.deadline.toISOString().slice(0, 10) : "",
      cooperationMode: n.cooperationMode ?? "",
      contactName: n.contactName,
      contactPhone: n.contactPhone,
      contactEmail: n.contactEmail,
    },
  };
}

/**
 * POST of the new/edit pages. intent: "save" (draft, or save changes), "submit" (save and send
 * to review), "withdraw" (edit page only). A submission lands on the listing's page, which says what
 * happens next; anything else on the edit page with a notice.
 */
export async function saveListingForm(
  kind: ListingKind,
  user: SessionUser,
  formData: FormData,
  locale: string,
  id?: string,
) {
  const intent = formIntent(formData, ["save", "submit", "withdraw", "delete"], "save");
  const base = `/my${KIND[kind].path}`;
  if (intent === "withdraw" && id) {
    try {
      if (kind === "result") await withdrawResult(user, id);
      else await withdrawNeed(user, id);
      return redirect(`${base}/${id}/edit?done=withdrawn`);
    } catch (error) {
      if (error instanceof ApiError) {
        return data(
          { status: "error" as const, error: { "": [userMessage(error, locale)] } },
          { status: error.status },
        );
      }
      throw error;
    }
  }
  if (intent === "delete" && id) {
    try {
      await deleteListing(kind, id, user);
      return redirect(`${base}?done=deleted`);
    } catch (error) {
      if (error instanceof ApiError) {
        return data(
          { status: "error" as const, error: { "": [userMessage(error, locale)] } },
          { status: error.status },
        );
      }
      throw error;
    }
  }
  const submit = intent === "submit";
  const submission = parseWithZod(formData, { schema: kind === "result" ? resultFormSchema : needFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    let savedId: string;
    if (kind === "result") {
      const value = submission.value as typeof resultFormSchema._output;
      savedId = id
        ? (await updateResult(user, id, { ...value, submit })).id
        : (await createResult(user, { ...value, submit })).id;
    } else {
      const value = submission.value as typeof needFormSchema._output;
      savedId = id
        ? (await updateNeed(user, id, { ...value, submit })).id
        : (await createNeed(user, { ...value, submit })).id;
    }
    const after = await (kind === "result"
      ? prisma.result.findUnique({ where: { id: savedId }, select: { status: true } })
      : prisma.need.findUnique({ where: { id: savedId }, select: { status: true } }));
    // after "submit", the listing's own page says what happens next (not the edit form)
    if (after?.status === "pending_review" && submit) {
      return redirect(`${KIND[kind].path}/${savedId}?done=submitted`);
    }
    return redirect(`${base}/${savedId}/edit?done=${after?.status === "pending_review" ? "submitted" : "saved"}`);
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fields ?? {}).map(([k, v]) => [k, [pickMessage(v, locale)]]),
      );
      return data(submission.reply({ formErrors: [userMessage(error, locale)], fieldErrors }), {
        status: error.status,
      });
    }
    throw error;
  }
}
