// Region names in components. The national table stays on the server (decision 0030): a loader
// whose page shows codes outside the market's own list returns `regionNames` (regionNamesOf in
// app/domain/regions.server.ts), and this hook reads them from every matched route's data.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useMatches } from "react-router";
import { regionName, type RegionNames } from "../domain/regions.ts";

export function useRegionNames(): RegionNames {
  const matches = useMatches();
  return useMemo(() => {
    const names: RegionNames = {};
    for (const m of matches) {
      const data = m.data as { regionNames?: RegionNames } | undefined;
      if (data && typeof data === "object" && data.regionNames) Object.assign(names, data.regionNames);
    }
    return names;
  }, [matches]);
}

/** `(code) => name` in the reader's language, with the names the page's loaders sent. */
export function useRegionName() {
  const { i18n } = useTranslation();
  const names = useRegionNames();
  return (code: string) => regionName(code, i18n.language, names);
}
