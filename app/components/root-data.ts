// The root loader's data (app/root-data.server.ts) for any component: the layout, the site chrome,
// pages that need the signed-in user.
import { useRouteLoaderData } from "react-router";
import type { RootData } from "../root-data.server.ts";

export function useRootData() {
  return useRouteLoaderData("root") as RootData | undefined;
}

export function useOptionalUser() {
  return useRootData()?.user ?? null;
}
