// /results/:id: published for everyone; the owning organization and reviewers also see it in other
// states, with a status banner, its history and their actions. Others get a 404. The page is the
// same for results and needs (listings+shared/detail-route.tsx, listings/detail-route.server.ts).
import type { Route } from "./+types/results.$id";
import { detailAction, detailLoader } from "../listings/detail-route.server.ts";
import { ListingDetail } from "./listings+shared/detail-route.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export const loader = ({ request, params }: Route.LoaderArgs) => detailLoader("result", request, params.id);
export const action = ({ request, params }: Route.ActionArgs) => detailAction("result", request, params.id);

export default function ResultDetail({ loaderData, actionData }: Route.ComponentProps) {
  return <ListingDetail data={loaderData} actionData={actionData} />;
}
