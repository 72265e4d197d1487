// A page's loader reads through the backend's functions, which throw ApiError (the API's error
// shape): the page shows it as the root ErrorBoundary's error page, in the reader's language.
import { data } from "react-router";
import { ApiError, userMessage } from "../api/api.server.ts";
import type { Locale } from "../i18n/i18n.ts";

/** In a loader: ApiError → an error response the root ErrorBoundary shows; anything else rethrown. */
export async function orErrorPage<T>(locale: Locale, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ApiError) throw data(userMessage(error, locale), { status: error.status });
    throw error;
  }
}
