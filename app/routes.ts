import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// Routes by URL: app/routes/results.$id.tsx is /results/:id; folders ending in `+shared`
// (forms, components used by several routes) are ignored.
export default flatRoutes({ ignoredRouteFiles: ["**/*.test.*", "**/+shared/**", "**/*.server.ts"] }) satisfies RouteConfig;
