// The fixed vocabularies of the market. Codes are API contracts (clients store them); labels are shown
// through i18n (see app/i18n), these zh/en names are the source of those labels.

export const FIELDS = [
  "rare_earth",
  "tungsten",
  "new_materials",
  "electronics",
  "equipment",
  "biomedicine",
  "agriculture",
  "new_energy",
  "energy_env",
  "software",
  "other",
] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_NAMES: Record<Field, { zh: string; en: string }> = {
  rare_earth: { zh: "稀土", en: "Rare earths" },
  tungsten: { zh: "钨与硬质合金", en: "Tungsten & cemented carbide" },
  new_materials: { zh: "新材料", en: "New materials" },
  electronics: { zh: "电子信息", en: "Electronics & IT" },
  equipment: { zh: "装备制造", en: "Equipment manufacturing" },
  biomedicine: { zh: "生物医药", en: "Biomedicine" },
  agriculture: { zh: "现代农业", en: "Agriculture" },
  new_energy: { zh: "新能源", en: "New energy" },
  energy_env: { zh: "节能环保", en: "Energy saving & environment" },
  software: { zh: "软件与信息服务", en: "Software" },
  other: { zh: "其他", en: "Other" },
};

export const MATURITIES = ["lab", "pilot", "small_batch", "industrial"] as const;
export type Maturity = (typeof MATURITIES)[number];
export const MATURITY_NAMES: Record<Maturity, { zh: string; en: string }> = {
  lab: { zh: "实验室阶段", en: "Lab" },
  pilot: { zh: "中试阶段", en: "Pilot" },
  small_batch: { zh: "小批量生产", en: "Small batch" },
  industrial: { zh: "产业化", en: "Industrial" },
};

export const TRANSFER_MODES = ["transfer", "license", "joint_development", "equity", "service"] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
export const TRANSFER_MODE_NAMES: Record<TransferMode, { zh: string; en: string }> = {
  transfer: { zh: "转让", en: "Transfer" },
  license: { zh: "许可", en: "License" },
  joint_development: { zh: "合作开发", en: "Joint development" },
  equity: { zh: "作价入股", en: "Equity" },
  service: { zh: "技术服务", en: "Technical service" },
};

export const ORG_KINDS = ["university", "institute", "enterprise", "agency", "government"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_NAMES: Record<OrgKind, { zh: string; en: string }> = {
  university: { zh: "高等院校", en: "University" },
  institute: { zh: "科研院所", en: "Research institute" },
  enterprise: { zh: "企业", en: "Enterprise" },
  agency: { zh: "服务机构", en: "Service agency" },
  government: { zh: "政府部门", en: "Government" },
};

export const ROLES = ["researcher", "company", "broker", "bureau", "admin", "subcentre"] as const;
export type Role = (typeof ROLES)[number];

export const LISTING_STATUSES = ["draft", "pending_review", "published", "rejected", "withdrawn"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LISTING_STATUS_NAMES: Record<ListingStatus, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  pending_review: { zh: "待审核", en: "Pending review" },
  published: { zh: "已发布", en: "Published" },
  rejected: { zh: "已驳回", en: "Rejected" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
};

// 技术合同 types (Civil Code) and their subtypes.
export const CONTRACT_TYPES = ["development", "transfer", "license", "consulting", "service"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_TYPE_NAMES: Record<ContractType, { zh: string; en: string }> = {
  development: { zh: "技术开发", en: "Technology development" },
  transfer: { zh: "技术转让", en: "Technology transfer" },
  license: { zh: "技术许可", en: "Technology license" },
  consulting: { zh: "技术咨询", en: "Technical consulting" },
  service: { zh: "技术服务", en: "Technical service" },
};
export const CONTRACT_SUBTYPES: Record<ContractType, Record<string, { zh: string; en: string }>> = {
  development: {
    commissioned: { zh: "委托开发", en: "Commissioned development" },
    cooperative: { zh: "合作开发", en: "Cooperative development" },
  },
  transfer: {
    patent: { zh: "专利权转让", en: "Patent transfer" },
    patent_application: { zh: "专利申请权转让", en: "Patent application transfer" },
    know_how: { zh: "技术秘密转让", en: "Know-how transfer" },
  },
  license: {
    patent: { zh: "专利实施许可", en: "Patent license" },
    know_how: { zh: "技术秘密许可", en: "Know-how license" },
  },
  consulting: {
    consulting: { zh: "技术咨询", en: "Technical consulting" },
  },
  service: {
    service: { zh: "技术服务", en: "Technical service" },
    training: { zh: "技术培训", en: "Technical training" },
    brokerage: { zh: "技术中介", en: "Technology brokerage" },
  },
};

export function localName(names: { zh: string; en: string } | undefined, locale: string) {
  if (!names) return "";
  return locale.startsWith("en") ? names.en : names.zh;
}
