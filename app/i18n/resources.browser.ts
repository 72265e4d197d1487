// What the browser gets instead of every language's strings (app/i18n/locales/index.ts): an empty
// shelf that load-language.ts fills with the page's language, fetched as one JSON file, before the
// page hydrates — and with the other language before the reader switches to it. package.json maps
// `#i18n-resources` here under the "browser" condition (decisions 0024 and 0030).
import type { resources as all } from "./locales/index.ts";

export type Resources = typeof all;

export const resources: Partial<Resources> = {};
