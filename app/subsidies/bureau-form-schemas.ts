// The bureau's forms on a programme's page (/bureau/subsidies/:programme): decide an application
// (approve, or reject with a note) and record its disbursement, each behind a confirmation box.
// One schema per intent, read into the API's bodies (decideSchema, disburseSchema). Client-safe.
import { z } from "zod";
import { dayOrInstant, enumOf, L, text } from "../domain/schema-fields.ts";

const applicationId = z.string().trim().min(1).max(64);
const confirm = z.literal("yes", { error: "请先勾选确认框 / Tick the confirmation box first" });

const paidAt = dayOrInstant(L("拨付日期", "Date paid"), {
  message: "请选择拨付日期 / Choose the date paid",
}).refine((d) => d.getTime() <= Date.now() + 5 * 60_000, {
  error: "拨付日期不能晚于今天 / The date paid cannot be in the future",
});

export const subsidyDecisionFormSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("decide"),
      applicationId,
      confirm,
      decision: enumOf(["approve", "reject"], L("审核结果", "Decision")),
      note: text(L("审核意见", "Review note"), 1000).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.decision === "reject" && !v.note)
        ctx.addIssue({ code: "custom", path: ["note"], message: "不予批准须说明理由 / A rejection needs a note" });
    }),
  z.object({
    intent: z.literal("disburse"),
    applicationId,
    confirm,
    paidAt,
    bankReference: text(L("银行流水号", "Bank reference"), 64, { required: true, singleLine: true }),
  }),
]);
