// A language's strings for the browser (app/i18n/locale-files.server.ts).
import type { Route } from "./+types/i18n.$file";
import { localeFile } from "../i18n/locale-files.server.ts";

export function loader({ params }: Route.LoaderArgs) {
  const file = localeFile(params.file);
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
