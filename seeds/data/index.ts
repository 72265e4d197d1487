// All hand-written demo data definitions, in one place for generate.ts and for other code.
import type { IndustryData, NeedTemplate, ResultTopic } from "./types.ts";
import { AGRICULTURE } from "./industries/agriculture.ts";
import { BIOMEDICINE } from "./industries/biomedicine.ts";
import { ELECTRONICS } from "./industries/electronics.ts";
import { ENVIRONMENT } from "./industries/environment.ts";
import { EQUIPMENT } from "./industries/equipment.ts";
import { FURNITURE } from "./industries/furniture.ts";
import { MATERIALS } from "./industries/materials.ts";
import { NEW_ENERGY } from "./industries/new-energy.ts";
import { RARE_EARTH } from "./industries/rare-earth.ts";
import { SOFTWARE } from "./industries/software.ts";
import { TUNGSTEN } from "./industries/tungsten.ts";

export { ORGANIZATIONS, organizationByKey } from "./organizations.ts";
export { ACCOUNTS, DEMO_PASSWORD } from "./accounts.ts";
export { PEOPLE } from "./people.ts";
export type * from "./types.ts";

/** Grouped by industry (the listing's `field` is set per topic; e.g. furniture spans several). */
export const INDUSTRIES: Record<string, IndustryData> = {
  rare_earth: RARE_EARTH,
  tungsten: TUNGSTEN,
  electronics: ELECTRONICS,
  equipment: EQUIPMENT,
  new_energy: NEW_ENERGY,
  biomedicine: BIOMEDICINE,
  agriculture: AGRICULTURE,
  furniture: FURNITURE,
  materials: MATERIALS,
  environment: ENVIRONMENT,
  software: SOFTWARE,
};

export const RESULT_TOPICS: ResultTopic[] = Object.values(INDUSTRIES).flatMap((i) => i.results);
export const NEED_TEMPLATES: NeedTemplate[] = Object.values(INDUSTRIES).flatMap((i) => i.needs);
