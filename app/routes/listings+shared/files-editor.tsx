// The edit page's pictures and documents: what is attached (remove, after a confirmation) and an
// upload form. Plain HTML forms posting to /my/{results,needs}/:id/files (reloadDocument), so they
// work without JavaScript; the outcome comes back in the URL (?file=…, ?fileError=…).
import { Form, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { documentType, formatBytes } from "../../components/listing-files.tsx";
import type { FileJson } from "../../files/serialize.ts";

const ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,image/jpeg,image/png,image/webp,application/pdf";

export function FilesEditor({
  kind,
  id,
  status,
  files,
  limits,
}: {
  kind: "result" | "need";
  id: string;
  status: string;
  files: FileJson[];
  limits: { mb: number; max: number };
}) {
  const { t, i18n } = useTranslation("listings");
  const [params] = useSearchParams();
  const action = `/my/${kind}s/${id}/files`;
  const notice = params.get("file");
  const error = params.get("fileError");
  return (
    <section id="files" className="card space-y-3" aria-labelledby="files-heading">
      <h2 id="files-heading" className="text-lg font-semibold">
        {t("files.title")}
      </h2>
      {notice === "added" || notice === "removed" ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 p-2 text-sm text-green-900">
          {t(`files.${notice}`)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {t(`files.errors.${error}`, { ...limits, defaultValue: t("files.errors.failed") })}
        </p>
      ) : null}
      {status === "published" ? <p className="text-sm text-amber-900">{t("files.publishedNotice")}</p> : null}
      {files.length ? (
        <ul className="divide-y divide-slate-200">
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-3 py-2">
              {f.thumbUrl ? (
                <img
                  src={f.thumbUrl}
                  alt={f.caption || f.filename}
                  loading="lazy"
                  width={80}
                  height={60}
                  className="h-15 w-20 rounded border border-slate-200 object-cover"
                />
              ) : null}
              <span className="min-w-0 flex-1">
                <a href={f.url} className="break-all">
                  {f.filename}
                </a>
                <span className="block text-sm text-slate-700">
                  {t(`files.types.${documentType(f)}`)} · {formatBytes(f.bytes, i18n.language)}
                  {f.caption ? ` · ${f.caption}` : ""}
                </span>
              </span>
              <details>
                <summary className="btn-secondary w-fit list-none text-red-800">
                  {t("files.remove")}…<span className="sr-only"> {f.filename}</span>
                </summary>
                <Form
                  method="post"
                  action={action}
                  reloadDocument
                  className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3"
                >
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="fileId" value={f.id} />
                  <p className="text-sm text-red-900">{t("files.removeConfirm")}</p>
                  <button type="submit" className="btn-danger">
                    {t("files.removeConfirmButton")}
                    <span className="sr-only"> {f.filename}</span>
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">{t("files.none")}</p>
      )}
      <Form method="post" action={action} encType="multipart/form-data" reloadDocument className="space-y-3">
        <p id="files-hint" className="text-sm text-slate-700">
          {t("files.hint", limits)}
        </p>
        <div className="space-y-1">
          <label htmlFor="file-input" className="block font-medium">
            {t("files.file")} <span aria-hidden="true">*</span>
          </label>
          <input
            id="file-input"
            type="file"
            name="file"
            required
            accept={ACCEPT}
            aria-describedby="files-hint"
            className="block w-full max-w-full text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="file-caption" className="block font-medium">
            {t("files.caption")}
          </label>
          <input
            id="file-caption"
            name="caption"
            maxLength={200}
            aria-describedby="file-caption-hint"
            className="input w-full"
          />
          <p id="file-caption-hint" className="text-sm text-slate-700">
            {t("files.captionHint")}
          </p>
        </div>
        <button type="submit" className="btn-primary">
          {t("files.upload")}
        </button>
      </Form>
    </section>
  );
}
