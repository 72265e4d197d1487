// A contract's statuses and their names, apart from the schemas: the status badge is on pages
// (the bureau's dashboard) that have no form, and importing it from schemas.ts put zod in their
// script (docs/decisions/0030-page-weight-and-lighthouse.md).
export const CONTRACT_STATUSES = ["draft", "submitted", "returned", "registered", "rejected", "cancelled"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_NAMES: Record<ContractStatus, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  submitted: { zh: "待审核", en: "Submitted" },
  returned: { zh: "退回补正", en: "Returned for correction" },
  registered: { zh: "已登记", en: "Registered" },
  rejected: { zh: "不予登记", en: "Rejected" },
  cancelled: { zh: "已注销", en: "Cancelled" },
};
