// Register each namespace here, in both languages.
import { common as commonEn } from "./en/common.ts";
import { common as commonZh } from "./zh-CN/common.ts";

export const resources = {
  "zh-CN": { common: commonZh },
  en: { common: commonEn },
} as const;
