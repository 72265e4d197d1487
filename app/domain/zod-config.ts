// zod 4 compiles object schemas with `new Function` unless told not to, and probes for it when the
// first object schema is built. The site's CSP (no 'unsafe-eval') blocks that probe in the browser,
// which then reports a violation on every page that builds a schema (Lighthouse best practices,
// decision 0030). In the browser zod runs without the compiler; the server keeps it.
// Imported first by app/root.tsx so it runs before any schema module is evaluated.
import { z } from "zod";

if (typeof document !== "undefined") z.config({ jitless: true });
