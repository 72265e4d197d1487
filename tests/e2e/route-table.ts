// The app's routes for the crawling specs: the same flat-route table the build reads
// (app/routes.ts), each with its full URL pattern, whether it is a page (its module has a default
// export) or a resource route, and a matcher from a URL path back to its route.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { flatRoutes } from "@react-router/fs-routes";

export type AppRoute = {
  id: string;
  /** e.g. /results/:id, /* for the not-found page */
  path: string;
  /** the module renders a page (a route without a default export answers data, files or a redirect) */
  page: boolean;
  params: number;
  match: RegExp;
};

const APP_DIR = fileURLToPath(new URL("../../app/", import.meta.url));

let table: AppRoute[] | undefined;

/** Every leaf route (layouts are visited through their children), without the ignored files. */
export async function appRoutes(): Promise<AppRoute[]> {
  if (table) return table;
  // flatRoutes reads the app directory the React Router Vite plugin would have set
  const g = globalThis as { __reactRouterAppDirectory?: string };
  g.__reactRouterAppDirectory ??= APP_DIR;
  const { IGNORED_ROUTE_FILES } = await import("../../app/routes.ts");
  type Entry = { id?: string; file: string; path?: string; index?: boolean; children?: Entry[] };
  const entries = (await flatRoutes({ ignoredRouteFiles: IGNORED_ROUTE_FILES })) as Entry[];
  const leaves: AppRoute[] = [];
  const walk = (list: Entry[], base: string) => {
    for (const e of list) {
      const path = e.path ? `${base.replace(/\/$/, "")}/${e.path}` : base || "/";
      if (e.children?.length) {
        walk(e.children, path);
        continue;
      }
      const segments = path.split("/").filter(Boolean);
      const source = segments
        .map((s) => (s === "*" ? ".*" : s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      leaves.push({
        id: e.id ?? e.file,
        path,
        page: /export default/.test(readFileSync(`${APP_DIR}${e.file}`, "utf8")),
        params: segments.filter((s) => s.startsWith(":") || s === "*").length + (path.endsWith("*") ? 100 : 0),
        match: new RegExp(`^/${source}/?$`),
      });
    }
  };
  walk(entries, "");
  table = leaves;
  return leaves;
}

/** The route a URL path is served by: static segments win over parameters, the catch-all last. */
export function routeOf(routes: AppRoute[], pathname: string): AppRoute | undefined {
  return routes.filter((r) => r.match.test(pathname)).sort((a, b) => a.params - b.params)[0];
}
