// POST /api/v1/subcentres/:id/needs (this sub-centre's staff): a need collected on a site visit,
// entered for an affiliated company; a draft awaiting the company's confirmation (docs/decisions/0028).
import { apiAction, noLoader } from "../api/http.server.ts";
import { needJson } from "../listings/serialize.server.ts";
import { createNeedForCompany } from "../subcentres/field-needs.server.ts";
import { fieldNeedSchema } from "../subcentres/schemas.ts";

export const loader = noLoader;
export const action = apiAction(
  { method: "POST", permission: "work:subcentre:own", schema: fieldNeedSchema, status: 201 },
  async ({ params, user, input }) => needJson(await createNeedForCompany(user, params.id ?? "", input)),
);
