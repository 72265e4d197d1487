// POST /api/v1/offers/:id/accept — only from open (else 409); by the side that must answer.
import { apiAction, noLoader } from "../api/http.server.ts";
import { closeOffer } from "../offers/offers.server.ts";

export const loader = noLoader;

export const action = apiAction({ method: "POST" }, ({ params, user }) => closeOffer(params.id!, "accept", user));
