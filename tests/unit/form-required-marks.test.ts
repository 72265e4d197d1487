// Every field a form's server requires is marked required in its page (the visible * and
// aria-required of forms.tsx), and no optional field is. The required set is what the form's own
// zod schema refuses when the form is sent empty; the marked set is read from the page's source
// (the controls bound to `fields.<name>` with a `required` attribute), parsed with TypeScript.
import { parseWithZod } from "@conform-to/zod/v4";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { loginSchema, signupSchema } from "../../app/auth/schemas.ts";
import { anomalyFormSchema } from "../../app/contracts/anomaly-schemas.ts";
import { targetFormSchema } from "../../app/stats/form-schemas.ts";
import { bureauSubcentreFormSchema } from "../../app/subcentres/form-schemas.ts";

type Case = {
  file: string;
  /** the conform fields object(s) the form's controls are bound to, and the prefix of their names */
  fields: string | Record<string, string>;
  schema: z.ZodType;
  /** what the empty form still sends (its hidden intent) */
  sent?: Record<string, string>;
  /** fields the form carries hidden (intent, ids): required, not typed by anyone */
  hidden?: string[];
};

const CASES: Record<string, Case> = {
  signupNewOrg: {
    file: "app/routes/signup.tsx",
    fields: { fields: "", org: "org." },
    schema: signupSchema,
    sent: { orgMode: "new" },
    hidden: ["orgMode"],
  },
  login: { file: "app/routes/login.tsx", fields: "fields", schema: loginSchema, hidden: ["redirectTo"] },
  bureauTarget: { file: "app/routes/bureau.targets.tsx", fields: "fields", schema: targetFormSchema },
  anomalyResolve: {
    file: "app/routes/bureau.anomalies.tsx",
    fields: "fields",
    schema: anomalyFormSchema,
    sent: { intent: "resolveFlag", flagId: "f1" },
    hidden: ["intent", "flagId"],
  },
  subcentreDispatch: {
    file: "app/routes/bureau.subcentres.tsx",
    fields: "dispatchFields",
    schema: bureauSubcentreFormSchema,
    sent: { intent: "dispatch" },
    hidden: ["intent"],
  },
  subcentreTarget: {
    file: "app/routes/bureau.subcentres.tsx",
    fields: "targetFields",
    schema: bureauSubcentreFormSchema,
    sent: { intent: "target" },
    hidden: ["intent"],
  },
  subcentreScore: {
    file: "app/routes/bureau.subcentres.tsx",
    fields: "scoreFields",
    schema: bureauSubcentreFormSchema,
    sent: { intent: "score" },
    hidden: ["intent"],
  },
};

/** Fields the schema refuses when the form is sent empty (apart from `sent`). */
function requiredOf(c: Case): string[] {
  const fd = new FormData();
  for (const [k, v] of Object.entries(c.sent ?? {})) fd.append(k, v);
  const submission = parseWithZod(fd, { schema: c.schema });
  const errors = submission.status === "success" ? {} : (submission.error ?? {});
  return Object.keys(errors)
    .filter((k) => k && !(c.hidden ?? []).includes(k))
    .sort();
}

/** `<fields>.<name>` of each control bound to the form (field={…} or name={….name}), and whether it says required. */
function controlsOf(c: Case): Map<string, boolean> {
  const source = ts.createSourceFile(
    c.file,
    readFileSync(c.file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found = new Map<string, boolean>();
  const prefixes: Record<string, string> = typeof c.fields === "string" ? { [c.fields]: "" } : c.fields;
  const visit = (node: ts.Node) => {
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      let name: string | null = null;
      let required = false;
      for (const attr of node.attributes.properties) {
        if (!ts.isJsxAttribute(attr)) continue;
        const attrName = attr.name.getText();
        const expr = attr.initializer && ts.isJsxExpression(attr.initializer) ? attr.initializer.expression : undefined;
        if (attrName === "required") required = !expr || expr.getText() !== "false";
        if ((attrName === "field" || attrName === "name") && expr && ts.isPropertyAccessExpression(expr)) {
          const path = expr.getText().split(".");
          const prefix = prefixes[path[0]!];
          if (prefix !== undefined && (attrName === "field" ? path.length === 2 : path[2] === "name"))
            name = `${prefix}${path[1]}`;
        }
      }
      if (name && node.tagName.getText() !== "HiddenField") found.set(name, required);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("required marks follow the schema", () => {
  for (const [name, c] of Object.entries(CASES)) {
    test(name, () => {
      const controls = controlsOf(c);
      expect(controls.size, `${name}: its controls`).toBeGreaterThan(0);
      const marked = [...controls]
        .filter(([, r]) => r)
        .map(([f]) => f)
        .sort();
      expect(marked).toEqual(requiredOf(c));
    });
  }
});
