// A listing's pictures (a gallery of lazy-loaded thumbnails, each linking to the full picture) and
// documents (name, type, size). Alt text is the caption, else the file name.
import { useTranslation } from "react-i18next";
import type { FileJson } from "../files/serialize.ts";

export function formatBytes(bytes: number, locale: string) {
  const units = ["B", "KB", "MB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

export function documentType(file: FileJson) {
  if (file.kind === "image") return "image";
  return file.filename.endsWith(".docx") ? "docx" : file.filename.endsWith(".xlsx") ? "xlsx" : "pdf";
}

export function FileGallery({ files }: { files: FileJson[] }) {
  const { t } = useTranslation("listings");
  const images = files.filter((f) => f.kind === "image");
  if (!images.length) return null;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={t("files.gallery")}>
      {images.map((f) => (
        <li key={f.id}>
          <figure className="space-y-1">
            <a href={f.url} className="block overflow-hidden rounded-md border border-slate-200 bg-slate-50">
              <img
                src={f.thumbUrl ?? f.url}
                alt={f.caption || f.filename}
                loading="lazy"
                decoding="async"
                width={f.width ?? undefined}
                height={f.height ?? undefined}
                className="aspect-[4/3] h-auto w-full object-cover"
              />
            </a>
            {f.caption ? <figcaption className="break-words text-sm text-slate-700">{f.caption}</figcaption> : null}
          </figure>
        </li>
      ))}
    </ul>
  );
}

export function DocumentList({ files }: { files: FileJson[] }) {
  const { t, i18n } = useTranslation("listings");
  const documents = files.filter((f) => f.kind === "document");
  if (!documents.length) return null;
  return (
    <ul className="divide-y divide-slate-200" aria-label={t("files.documents")}>
      {documents.map((f) => (
        <li key={f.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
          <a
            href={f.url}
            download={f.filename}
            className="min-w-0 break-all"
            aria-label={t("files.download", { name: f.filename })}
          >
            {f.filename}
          </a>
          <span className="text-sm text-slate-700">
            {t(`files.types.${documentType(f)}`)} · {formatBytes(f.bytes, i18n.language)}
          </span>
          {f.caption ? <span className="w-full break-words text-sm text-slate-700">{f.caption}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The detail page's section: nothing when the listing has no files. */
export function ListingFiles({ files }: { files: FileJson[] }) {
  const { t } = useTranslation("listings");
  if (!files.length) return null;
  const hasImages = files.some((f) => f.kind === "image");
  const hasDocuments = files.some((f) => f.kind === "document");
  return (
    <section className="card space-y-3" aria-labelledby="files-heading">
      <h2 id="files-heading" className="text-lg font-semibold">
        {t("files.title")}
      </h2>
      {hasImages ? <FileGallery files={files} /> : null}
      {hasDocuments ? (
        <div>
          <h3 className="font-semibold">{t("files.documents")}</h3>
          <DocumentList files={files} />
        </div>
      ) : null}
    </section>
  );
}
