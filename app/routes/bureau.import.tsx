// /bureau/import — historical import (bureau, admin): upload a .jsonl export of earlier years'
// registered contracts; importContracts() validates every line and writes all or nothing. A missing
// or unusable file is refused under the file field (conform, importFormSchema); the problems of
// the lines are listed per line.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/bureau.import";
import { metaTitle } from "../i18n/meta.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { ContractImportError, importContracts } from "../contracts/import.server.ts";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LINES,
  IMPORT_MESSAGES,
  importFormSchema,
} from "../contracts/import-form-schema.ts";
import { localeFromRequest, pickMessage } from "../i18n/i18n.ts";
import { FileField, FormAlert, Notice } from "../components/forms.tsx";
import { FigureHeads } from "../components/scroll-region.tsx";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauImport", "titles:contractStats") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireUserWith(request, "import:contract:any");
  return {};
}

type Problem = { line: number; field: string; message: string };
type ImportOutcome =
  { ok: true; imported: number } | { ok: false; reply: SubmissionResult<string[]>; problems: Problem[] };

/** The file refused before its lines were read: the message under the file field. */
const fileRefused = (message: string) =>
  data<ImportOutcome>({ ok: false, reply: { status: "error", error: { file: [message] } }, problems: [] }, 400);

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "import:contract:any");
  const locale = localeFromRequest(request, user.locale);
  if (Number(request.headers.get("Content-Length") ?? 0) > IMPORT_MAX_BYTES + 64 * 1024)
    return fileRefused(IMPORT_MESSAGES.tooLarge);
  // a file, not fields: its size is checked before and after reading, then every line goes through the
  // import's own schema (importLineSchema) with its line number, as the CLI and the API import do
  const submission = parseWithZod(await request.formData(), { schema: importFormSchema });
  if (submission.status !== "success")
    return data<ImportOutcome>({ ok: false, reply: submission.reply(), problems: [] }, 400);
  const text = (await submission.value.file.text()).replace(/^\uFEFF/, "");
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim()) {
      lines.push(line);
      lineNumbers.push(i + 1);
    }
  });
  if (!lines.length) return fileRefused(IMPORT_MESSAGES.noLines);
  if (lines.length > IMPORT_MAX_LINES) return fileRefused(IMPORT_MESSAGES.tooManyLines);
  try {
    const result = await importContracts(lines, user, { lineNumbers });
    return data<ImportOutcome>({ ok: true, imported: result.imported });
  } catch (error) {
    if (error instanceof ContractImportError) {
      return data<ImportOutcome>(
        {
          ok: false,
          reply: submission.reply({ formErrors: [pickMessage(error.message, locale)] }),
          problems: error.problems
            .slice(0, 500)
            .map((p) => ({ line: p.line, field: p.field, message: pickMessage(p.message, locale) })),
        },
        400,
      );
    }
    throw error;
  }
}

const EXAMPLE =
  '{"registrationNumber":"25360701000123","registeredAt":"2025-06-30T10:00:00+08:00","type":"development","title":"…","sellerOrgId":"…","buyerOrgId":"…","contractAmountFen":50000000,"nonTechnicalCostsFen":0,"signedAt":"2025-06-01"}';

export default function Import({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const refused = actionData && !actionData.ok ? actionData : undefined;
  const [form, fields] = useForm({
    id: "contract-import",
    lastResult: navigation.state === "idle" ? refused?.reply : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importFormSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">{t("bureau:importTitle")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:importIntro")}</p>
      </div>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card max-w-3xl space-y-4">
        <FileField
          field={fields.file}
          label={t("bureau:importFile")}
          hint={t("bureau:importFileHint")}
          accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json,text/plain"
          required
        />
        <details className="text-sm">
          <summary className="cursor-pointer">{t("bureau:importExample")}</summary>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{EXAMPLE}</pre>
        </details>
        <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy}>
          {t("bureau:importSubmit")}
        </button>
      </Form>

      {actionData?.ok ? (
        <Notice tone="success">
          <span data-testid="import-done">{t("bureau:importDone", { count: actionData.imported })}</span>
        </Notice>
      ) : null}
      {form.errors?.length ? (
        <section aria-labelledby="import-problems-h" className="space-y-3">
          {/* already in the reader's words (picked on the server) */}
          <FormAlert id={form.errorId} message={`${t("bureau:importRefused")} ${form.errors.join(" ")}`} />
          {refused?.problems.length ? (
            <div className="card overflow-x-auto">
              <h2 id="import-problems-h" className="sr-only">
                {t("bureau:importRefused")}
              </h2>
              <table className="w-full text-sm">
                <caption className="sr-only">{t("bureau:importRefused")}</caption>
                <FigureHeads columns={[t("bureau:importLine"), t("bureau:importField"), t("bureau:importMessage")]} />
                <tbody>
                  {refused.problems.map((p, i) => (
                    <tr key={`${p.line}-${p.field}-${i}`} className="border-t border-slate-200">
                      <th scope="row" className="p-2 text-left font-normal tabular-nums">
                        {p.line}
                      </th>
                      <td className="p-2">
                        <code>{p.field}</code>
                      </td>
                      <td className="p-2">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
