// Any address no other route serves: a 404 rendered by the root's error page. Matching it here
// (instead of leaving it unmatched) runs the root loader, so the page and its title are in the
// user's language and carry the footer's contact.
import { data } from "react-router";

export function loader() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
