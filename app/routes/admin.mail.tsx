// The outbox, for admins: every queued mail, newest first, with the .eml file written for it when
// no SMTP server is configured (that is how password-reset links reach people on a fresh install).
import fs from "node:fs/promises";
import path from "node:path";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/admin.mail";
import { requireUserWith } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { mailFolder } from "../mail/mail.server.ts";
import { formatDateTime } from "../domain/time.ts";

const PAGE_SIZE = 30;

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "发件箱" }];
}

async function readEml(id: string) {
  // ids are cuids; refuse anything that could leave the folder
  if (!/^[a-z0-9]+$/i.test(id)) return null;
  try {
    const raw = await fs.readFile(path.join(mailFolder(), `${id}.eml`), "utf8");
    return raw.length > 50_000 ? `${raw.slice(0, 50_000)}\n…` : raw;
  } catch {
    return null;
  }
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "read:mail:any");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [total, mails] = await Promise.all([
    prisma.outboxMail.count(),
    prisma.outboxMail.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  const t = serverT(localeFromRequest(request, user.locale));
  return {
    title: `${t("auth:adminMail.title")} · ${t("siteName")}`,
    folder: mailFolder(),
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    mails: await Promise.all(
      mails.map(async (m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        kind: m.kind,
        status: m.status,
        error: m.error,
        text: m.text,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
        eml: await readEml(m.id),
      })),
    ),
  };
}

const STATUS_TONE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  sent: "bg-green-100 text-green-900",
  written: "bg-brand-100 text-brand-800",
  failed: "bg-red-100 text-red-900",
};

export default function AdminMail({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const { mails, page, pages, total } = loaderData;
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t("adminMail.title")}</h1>
      <p className="text-sm text-slate-700">{t("adminMail.intro", { folder: loaderData.folder })}</p>
      {mails.length === 0 ? (
        <p className="card text-slate-700">{t("adminMail.none")}</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.id} className="card">
              <details>
                <summary className="cursor-pointer">
                  {/* each mail as it was sent, in its recipient's language: content, not this page's text */}
                  <span className="font-medium" data-user-content>
                    {m.subject}
                  </span>
                  <span className="ml-2 text-sm text-slate-600">
                    {t("adminMail.to")}: {m.to} · {formatDateTime(m.createdAt)} · {m.kind}
                  </span>{" "}
                  <span className={`badge ${STATUS_TONE[m.status] ?? "bg-slate-100 text-slate-800"}`}>
                    {t(`adminMail.statuses.${m.status}`, { defaultValue: m.status })}
                  </span>
                </summary>
                <div className="mt-3 space-y-3 text-sm">
                  {m.error ? (
                    <p className="text-red-800">
                      {t("adminMail.error")}: {m.error}
                    </p>
                  ) : null}
                  <div>
                    <h2 className="font-medium">{t("adminMail.body")}</h2>
                    <pre
                      className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-sans"
                      data-user-content
                    >
                      {m.text}
                    </pre>
                  </div>
                  <div>
                    <h2 className="font-medium">
                      {t("adminMail.file")} <code className="text-xs">{m.id}.eml</code>
                    </h2>
                    {m.eml ? (
                      <pre
                        className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-900 p-3 text-xs text-slate-100"
                        data-user-content
                      >
                        {m.eml}
                      </pre>
                    ) : (
                      <p className="mt-1 text-slate-600">{t("adminMail.noFile")}</p>
                    )}
                  </div>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("common:pagination.page", { page, pages })} className="flex items-center gap-3 text-sm">
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common:pagination.previous")}</Link> : null}
        <span>
          {t("common:pagination.page", { page, pages })} · {t("common:pagination.total", { total })}
        </span>
        {page < pages ? <Link to={`?page=${page + 1}`}>{t("common:pagination.next")}</Link> : null}
      </nav>
    </section>
  );
}
