// The edit page's pictures and documents: what is attached (remove, after a confirmation) and an
// upload form. The upload posts to the edit page itself (multipart, on conform): a refused file
// comes back as the form's reply, its message under the file field; an added one as ?file=added.
// The remove buttons post to /my/{results,needs}/:id/files (reloadDocument) and come back in the
// URL (?file=removed, ?fileError=…). All of it works without JavaScript
// (app/files/page-actions.server.ts).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { FileField, TextField } from "../../components/forms.tsx";
import { documentType, formatBytes } from "../../components/listing-files.tsx";
import { CAPTION_MAX, fileUploadFormSchema, type FileUploadFields } from "../../files/form-schemas.ts";
import type { FileJson } from "../../files/serialize.ts";

const ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,image/jpeg,image/png,image/webp,application/pdf";

export function FilesEditor({
  kind,
  id,
  status,
  files,
  limits,
  reply,
}: {
  kind: "result" | "need";
  id: string;
  status: string;
  files: FileJson[];
  limits: { mb: number; max: number; bytes: number };
  /** the edit page's reply when it answers the upload form (replyFor, intent "upload") */
  reply?: SubmissionResult<string[]> | null;
}) {
  const { t, i18n } = useTranslation("listings");
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const schema = fileUploadFormSchema(limits.bytes);
  const [form, fields] = useForm<FileUploadFields>({
    id: "file-upload",
    lastResult: navigation.state === "idle" ? reply : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
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
      {/* keyed by the files: an added file empties the form */}
      <Form
        key={files.length}
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="space-y-3"
      >
        <input type="hidden" name="intent" value="upload" />
        <FileField
          field={fields.file}
          label={t("files.file")}
          hint={t("files.hint", limits)}
          accept={ACCEPT}
          required
        />
        <TextField
          field={fields.caption}
          label={t("files.caption")}
          hint={t("files.captionHint")}
          maxLength={CAPTION_MAX}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("files.upload")}
        </button>
      </Form>
    </section>
  );
}
