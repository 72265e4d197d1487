// The default message of every zod check that does not bring its own: "中文 / English" from the
// `forms` namespace of both locale files, shown in the reader's half by the form controls (and
// whole to API clients). Without it zod answers in English only ("Invalid input: expected string,
// received undefined"). Messages never name the field: a form shows them under the labelled field,
// and the API's `fields` object names it. Imported for its effect by schema-fields.ts, which every
// domain's schemas use, so it is in place wherever a schema is.
import { z } from "zod";
import { forms as en } from "../i18n/locales/en/forms.ts";
import { forms as zh } from "../i18n/locales/zh-CN/forms.ts";

type Key = keyof typeof zh.errors;

function fill(template: string, values: Record<string, string | number>) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** The message for `key` in both languages, "中文 / English". */
export function formMessage(key: Key, values: Record<string, string | number> = {}) {
  return `${fill(zh.errors[key], values)} / ${fill(en.errors[key], values)}`;
}

const empty = (input: unknown) => input === undefined || input === null || input === "";

type Issue = z.core.$ZodRawIssue;

export function defaultMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (empty(issue.input)) return formMessage(issue.expected === "array" ? "chooseAtLeastOne" : "required");
      if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") {
        return formMessage("notNumber");
      }
      if (issue.expected === "date") return formMessage("notDate");
      if (issue.expected === "string") return formMessage("notText");
      return formMessage("invalid");
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return formMessage(min <= 1 ? "required" : "tooShort", { min });
      if (issue.origin === "array" || issue.origin === "set") {
        return formMessage(min <= 1 ? "chooseAtLeastOne" : "tooFew", { min });
      }
      return formMessage("tooSmall", { min });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return formMessage("tooLong", { max });
      if (issue.origin === "array" || issue.origin === "set") return formMessage("tooMany", { max });
      return formMessage("tooBig", { max });
    }
    case "invalid_format":
      if (issue.format === "email") return formMessage("email");
      if (issue.format === "url") return formMessage("url");
      if (issue.format === "date" || issue.format === "datetime") return formMessage("notDate");
      return formMessage("format");
    case "not_multiple_of":
      return formMessage("notInteger");
    case "invalid_value":
      return formMessage("choose");
    case "unrecognized_keys":
      return formMessage("unknownFields", { keys: issue.keys.join(", ") });
    default:
      return empty(issue.input) ? formMessage("required") : formMessage("invalid");
  }
}

z.config({ customError: (issue) => defaultMessage(issue) });
