// /my/results/new: the create form (save as draft, or submit for review). The page is the same for
// results and needs (listings+shared/edit-route.tsx, listings/edit-route.server.ts).
import { newListingLoader, saveListingAction } from "../listings/edit-route.server.ts";
import type { Route } from "./+types/my.results.new";
import { NewListing } from "./listings+shared/edit-route.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export const loader = ({ request }: Route.LoaderArgs) => newListingLoader("result", request);
export const action = ({ request }: Route.ActionArgs) => saveListingAction("result", request);

export default function NewResult({ loaderData, actionData }: Route.ComponentProps) {
  return <NewListing kind="result" data={loaderData} actionData={actionData} />;
}
