// A server-rendered part of a page that the browser makes interactive after the rest, in short
// slices. React's first hydration pass is one uninterrupted task over the whole page; an
// <Activity> boundary is skipped in that pass and hydrated afterwards at idle priority, yielding to
// the browser every few milliseconds. So wrapping the long tables and charts below the headline
// figures shortens the page's longest task (total blocking time, docs/decisions/0030).
// <Activity mode="visible">, not <Suspense>: the server renders an Activity's content in place, in
// the first bytes of the page (it only adds two comments), while a Suspense boundary may be sent
// after the rest and moved into place by a script — later, and a layout shift. Nothing changes for
// the visitor: the markup and its height are there from the first paint, and a click or key press
// inside hydrates that part at once before React handles the event.
import { Activity, type ReactNode } from "react";

export function HydrateLater({ children }: { children: ReactNode }) {
  return <Activity mode="visible">{children}</Activity>;
}
