import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

/**
 * Files under app/routes that are not routes: tests, server-only helpers, and folders whose name
 * ends in `+shared` (forms and components used by several routes), even when such a folder holds
 * an index.tsx. The patterns are matched against paths inside app/routes.
 */
export const IGNORED_ROUTE_FILES = ["**/*.test.*", "**/*+shared/**", "**/*.server.ts"];

// Routes by URL: app/routes/results.$id.tsx is /results/:id.
export default flatRoutes({ ignoredRouteFiles: IGNORED_ROUTE_FILES }) satisfies RouteConfig;
