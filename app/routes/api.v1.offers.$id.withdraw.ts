// POST /api/v1/offers/:id/withdraw — only from open (else 409); by the side that made the current offer.
import { apiAction, noLoader } from "../api/http.server.ts";
import { closeOffer } from "../offers/offers.server.ts";

export const loader = noLoader;

export const action = apiAction({ method: "POST" }, ({ params, user }) => closeOffer(params.id!, "withdraw", user));
