import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { loadPageLanguage } from "./i18n/load-language.ts";

// The page's strings come as a JSON file of its language only (preloaded by the head, in parallel
// with this script), not inside the script: hydration waits for them, so the first render in the
// browser says what the server's did (docs/decisions/0030-page-weight-and-lighthouse.md). If they
// cannot be fetched the page stays as the server rendered it: links and forms still work.
void loadPageLanguage().then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
});
