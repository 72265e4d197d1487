// The contract page's subsidy form (/contracts/:id#subsidies): apply for one programme in one role,
// both sent by the Apply button; the contract is the page's. Client-safe.
import { z } from "zod";
import { SUBSIDY_ROLES } from "./schemas.ts";

export const subsidyApplyForm = z.object({
  intent: z.literal("applySubsidy"),
  programme: z
    .string({ error: "请选择奖补项目 / Choose a programme" })
    .trim()
    .min(1, { error: "请选择奖补项目 / Choose a programme" })
    .max(64, { error: "请选择奖补项目 / Choose a programme" }),
  role: z.enum(SUBSIDY_ROLES, { error: "请选择申请角色 / Choose the role you apply in" }),
});
