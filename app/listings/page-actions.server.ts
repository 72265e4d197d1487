// The POST actions of the listing pages (detail, edit, review queue): submit, withdraw, approve,
// reject, verify. Domain errors come back as data for the page, in the reader's language.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { formId, formIntent } from "../components/form-intent.ts";
import { verifyOrganization } from "../organizations/organizations.server.ts";
import { reviewNeed, submitNeed, withdrawNeed } from "./needs.server.ts";
import { reviewResult, submitResult, withdrawResult } from "./results.server.ts";
import type { ListingKind } from "./workflow.server.ts";
import { reviewFormSchema } from "./form-schemas.ts";

export type ListingActionData = {
  intent: string;
  kind?: ListingKind | "organization";
  id: string;
  done?: "submitted" | "withdrawn" | "approved" | "rejected" | "verified";
  title?: string;
  error?: string;
  submission?: SubmissionResult<string[]>;
};

export async function listingAction(
  user: SessionUser,
  form: FormData,
  locale: string,
  fallback: { kind?: ListingKind; id?: string } = {},
) {
  // the buttons carry only what to do and to which listing (the review queue holds many); the
  // review's own fields go through reviewFormSchema below
  const intent = formIntent(form, ["verify", "submit", "withdraw", "review"]) ?? "";
  const kindSent = formId(form, "kind") ?? fallback.kind ?? "";
  const id = formId(form, "id") ?? fallback.id ?? "";
  const kind = kindSent === "need" ? "need" : kindSent === "organization" ? "organization" : "result";
  const base = { intent, kind, id } as const;
  try {
    if (intent === "verify") {
      const org = await verifyOrganization(user, id);
      return data<ListingActionData>({ ...base, done: "verified", title: org.name });
    }
    if (kind === "organization") throw new ApiError(400, "invalid_input", "无效的请求 / Invalid request");
    if (intent === "submit") {
      const row = kind === "result" ? await submitResult(user, id) : await submitNeed(user, id);
      return data<ListingActionData>({ ...base, done: "submitted", title: row.title });
    }
    if (intent === "withdraw") {
      const row = kind === "result" ? await withdrawResult(user, id) : await withdrawNeed(user, id);
      return data<ListingActionData>({ ...base, done: "withdrawn", title: row.title });
    }
    if (intent === "review") {
      const submission = parseWithZod(form, { schema: reviewFormSchema });
      if (submission.status !== "success") {
        return data<ListingActionData>({ ...base, submission: submission.reply() }, { status: 400 });
      }
      const row =
        kind === "result"
          ? await reviewResult(user, id, submission.value)
          : await reviewNeed(user, id, submission.value);
      return data<ListingActionData>({
        ...base,
        done: submission.value.decision === "approve" ? "approved" : "rejected",
        title: row.title,
        submission: submission.reply({ resetForm: true }),
      });
    }
    throw new ApiError(400, "invalid_input", "无效的请求 / Invalid request");
  } catch (error) {
    if (error instanceof ApiError) {
      return data<ListingActionData>({ ...base, error: userMessage(error, locale) }, { status: error.status });
    }
    throw error;
  }
}
