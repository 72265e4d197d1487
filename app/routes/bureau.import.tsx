// /bureau/import — historical import (bureau, admin): upload a .jsonl export of earlier years'
// registered contracts; importContracts() validates every line and writes all or nothing. The
// problems are listed per line.
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import type { Route } from "./+types/bureau.import";
import { metaTitle } from "../i18n/meta.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { ContractImportError, importContracts } from "../contracts/import.server.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { FormAlert, Notice } from "../components/forms.tsx";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauImport", "titles:contractStats") }];
}

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_LINES = 20_000;

export async function loader({ request }: Route.LoaderArgs) {
  await requireUserWith(request, "import:contract:any");
  return {};
}

type ImportOutcome =
  | { ok: true; imported: number }
  | { ok: false; message: string; problems: Array<{ line: number; field: string; message: string }> };

export async function action({ request }: Route.ActionArgs): Promise<ImportOutcome> {
  const user = await requireUserWith(request, "import:contract:any");
  const locale = localeFromRequest(request, user.locale);
  const t = serverT(locale);
  const refuse = (message: string): ImportOutcome => ({ ok: false, message, problems: [] });
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BYTES + 64 * 1024)
    return refuse(t("bureau:importTooLarge"));
  // a file, not fields: its size is checked before and after reading, then every line goes through the
  // import's own schema (importLineSchema) with its line number, as the CLI and the API import do
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refuse(t("bureau:importNoFile"));
  if (file.size > MAX_BYTES) return refuse(t("bureau:importTooLarge"));
  const text = (await file.text()).replace(/^\uFEFF/, "");
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim()) {
      lines.push(line);
      lineNumbers.push(i + 1);
    }
  });
  if (!lines.length) return refuse(t("bureau:importEmpty"));
  if (lines.length > MAX_LINES)
    return refuse(pickMessage("一次最多导入 20000 条 / At most 20,000 contracts per import", locale));
  try {
    const result = await importContracts(lines, user, { lineNumbers });
    return { ok: true, imported: result.imported };
  } catch (error) {
    if (error instanceof ContractImportError) {
      return {
        ok: false,
        message: pickMessage(error.message, locale),
        problems: error.problems
          .slice(0, 500)
          .map((p) => ({ line: p.line, field: p.field, message: pickMessage(p.message, locale) })),
      };
    }
    throw error;
  }
}

const EXAMPLE =
  '{"registrationNumber":"25360701000123","registeredAt":"2025-06-30T10:00:00+08:00","type":"development","title":"…","sellerOrgId":"…","buyerOrgId":"…","contractAmountFen":50000000,"nonTechnicalCostsFen":0,"signedAt":"2025-06-01"}';

export default function Import({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("contracts");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">{t("bureau:importTitle")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:importIntro")}</p>
      </div>
      <Form method="post" encType="multipart/form-data" className="card max-w-3xl space-y-4">
        <div>
          <label htmlFor="import-file" className="block text-sm">
            {t("bureau:importFile")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json,text/plain"
            required
            aria-describedby="import-hint"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2"
          />
          <p id="import-hint" className="mt-1 text-xs text-slate-600">
            {t("bureau:importFileHint")}
          </p>
        </div>
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
      {actionData && !actionData.ok ? (
        <section aria-labelledby="import-problems-h" className="space-y-3">
          <FormAlert
            id="import-error"
            message={
              actionData.problems.length ? `${t("bureau:importRefused")} ${actionData.message}` : actionData.message
            }
          />
          {actionData.problems.length ? (
            <div className="card overflow-x-auto">
              <h2 id="import-problems-h" className="sr-only">
                {t("bureau:importRefused")}
              </h2>
              <table className="w-full text-sm">
                <caption className="sr-only">{t("bureau:importRefused")}</caption>
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="p-2">
                      {t("bureau:importLine")}
                    </th>
                    <th scope="col" className="p-2">
                      {t("bureau:importField")}
                    </th>
                    <th scope="col" className="p-2">
                      {t("bureau:importMessage")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {actionData.problems.map((p, i) => (
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
