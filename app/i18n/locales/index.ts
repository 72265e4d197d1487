// Register each namespace here, in both languages.
import { common as commonEn } from "./en/common.ts";
import { common as commonZh } from "./zh-CN/common.ts";
import { contracts as contractsEn } from "./en/contracts.ts";
import { contracts as contractsZh } from "./zh-CN/contracts.ts";

export const resources = {
  "zh-CN": { common: commonZh, contracts: contractsZh },
  en: { common: commonEn, contracts: contractsEn },
} as const;
