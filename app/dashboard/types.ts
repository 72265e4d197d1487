// The dashboard (/dashboard) is a list of small sections. Each section has a server half here
// (which users see it, the data it loads, the POST intents it handles: `<id>.server.ts`, registered
// in sections.server.ts under its id) and a component (app/components/dashboard/<id>.tsx,
// registered in sections.tsx under the same id). To add one: write the two files and add one line
// to each registry; the registries' types make a missing or mistyped half a type error.
import type { SessionUser } from "../auth/session.server.ts";

export type DashboardUser = SessionUser;

export type DashboardSection<Data = unknown> = {
  /** smaller comes first */
  order: number;
  visible: (user: DashboardUser) => boolean;
  load: (user: DashboardUser, request: Request) => Promise<Data>;
  /** POST handlers keyed by the form's `intent` value, e.g. "notifications.read" */
  actions?: Record<string, (user: DashboardUser, form: FormData) => Promise<unknown>>;
};

/** What the route hands each section component. */
export type SectionProps<Data> = { data: Data; locale: string };
