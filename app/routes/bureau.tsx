// The bureau's pages (/bureau/*) share one layout: the section links above each page, carrying the
// year the reader is looking at. Each page still checks its own permission in its loader.
import { Outlet, useSearchParams } from "react-router";
import { BureauNav } from "./bureau+shared/nav.tsx";

export default function BureauLayout() {
  const [params] = useSearchParams();
  const year = Number(params.get("year")) || undefined;
  return (
    <div className="space-y-6">
      <BureauNav year={year} />
      <Outlet />
    </div>
  );
}
