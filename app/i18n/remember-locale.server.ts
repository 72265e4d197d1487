// A page opened with `?lng=` saves that language in the `lng` cookie, so the pages reached from it
// (redirects after a form, links typed by hand) stay in it (docs/decisions/0024-languages-and-urls.md).
import { cookieLocale, localeCookie, urlLocale } from "./i18n.ts";

type Args = { request: Request };

export async function rememberUrlLocale({ request }: Args, next: () => Promise<Response>) {
  const response = await next();
  const chosen = request.method === "GET" ? urlLocale(request.url) : null;
  if (!chosen || cookieLocale(request) === chosen || new URL(request.url).pathname.startsWith("/api/")) return response;
  try {
    response.headers.append("Set-Cookie", localeCookie(chosen));
    return response;
  } catch {
    // immutable headers (a fetched response passed through): copy it
    const copy = new Response(response.body, response);
    copy.headers.append("Set-Cookie", localeCookie(chosen));
    return copy;
  }
}
