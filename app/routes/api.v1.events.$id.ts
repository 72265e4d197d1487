// GET /api/v1/events/:id (public): the event, the listings it presents, its outcomes (offers
// started there, deals, registered contracts) and the caller's own registration.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { noLoader } from "../api/http.server.ts";
import { getEvent } from "../events/events.server.ts";

export function loader({ request, params }: { request: Request; params: Record<string, string | undefined> }) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    return apiJson(await getEvent(params.id ?? "", viewer));
  });
}

// only GET here: anything else is a 405 in the API's error shape
export const action = noLoader;
