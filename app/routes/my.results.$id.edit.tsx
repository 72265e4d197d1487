// /my/results/:id/edit: edit, save, (re)submit for review, withdraw. Editing a published listing
// sends it back to review; the form says so. The page is the same for results and needs
// (listings+shared/edit-route.tsx, listings/edit-route.server.ts).
import { editListingLoader, saveListingAction } from "../listings/edit-route.server.ts";
import type { Route } from "./+types/my.results.$id.edit";
import { EditListing } from "./listings+shared/edit-route.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export const loader = ({ request, params }: Route.LoaderArgs) => editListingLoader("result", request, params.id);
export const action = ({ request, params }: Route.ActionArgs) => saveListingAction("result", request, params.id);

export default function EditResult({ loaderData, actionData }: Route.ComponentProps) {
  return <EditListing kind="result" data={loaderData} actionData={actionData} />;
}
