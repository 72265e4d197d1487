// The landing page after login: a list of role-aware sections (app/dashboard/, components in
// app/components/dashboard/).
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import type { Route } from "./+types/dashboard._index";
import { formIntent } from "../components/form-intent.ts";
import { requireUser } from "../auth/session.server.ts";
import { Notice } from "../components/forms.tsx";
import { DashboardSectionView } from "../components/dashboard/sections.tsx";
import { dashboardSections, type DashboardData, type SectionId } from "../dashboard/sections.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { prisma } from "../db/db.server.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "工作台" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const visible = dashboardSections.filter((s) => s.visible(user)).sort((a, b) => a.order - b.order);
  const sections = await Promise.all(
    visible.map(
      async (s) =>
        ({ id: s.id, data: await s.load(user, request) }) as {
          [K in SectionId]: { id: K; data: DashboardData[K] };
        }[SectionId],
    ),
  );
  const t = serverT(localeFromRequest(request, user.locale));
  // A user is new until they have signed in again (signup opens the first session at the moment
  // the user is created; logout deletes sessions, so a later one shows a return) or created a
  // listing: before that, "welcome back" would be wrong.
  const [sessions, results, needs] = await Promise.all([
    prisma.session.findMany({ where: { userId: user.id }, select: { createdAt: true } }),
    prisma.result.count({ where: { createdById: user.id } }),
    prisma.need.count({ where: { createdById: user.id } }),
  ]);
  const created = (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { createdAt: true } }))
    .createdAt;
  const returning =
    sessions.length > 1 ||
    sessions.some((s) => s.createdAt.getTime() - created.getTime() > 60_000) ||
    results + needs > 0;
  return {
    returning,
    title: `${t("auth:dashboard.title")} · ${t("siteName")}`,
    user: {
      name: user.name,
      role: user.role,
      organization: user.organization
        ? { name: user.organization.name, verified: !!user.organization.verifiedAt }
        : null,
    },
    sections,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  // the buttons carry only which section's action to run (and its id, read by the section)
  const intents = dashboardSections.flatMap((s) => Object.keys(s.actions ?? {})) as [string, ...string[]];
  const intent = formIntent(form, intents) ?? "";
  const section = dashboardSections.find((s) => s.actions?.[intent] && s.visible(user));
  if (!section) throw new Response("Unknown intent", { status: 400 });
  await section.actions![intent]!(user, form);
  // Post/redirect/get: a reload does not repeat the action.
  return redirect("/dashboard");
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("auth");
  const { user, sections } = loaderData;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="page-title">
          {t(loaderData.returning ? "dashboard.welcome" : "dashboard.welcomeNew", { name: user.name })}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          {t(`roles.${user.role}`)}
          {user.organization ? ` · ${t("dashboard.organization", { name: user.organization.name })}` : null}
        </p>
      </header>
      {user.organization && !user.organization.verified ? (
        <Notice tone="warning">{t("dashboard.unverified")}</Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {sections.map((s) => (
          <DashboardSectionView key={s.id} id={s.id} data={s.data} locale={i18n.language} />
        ))}
      </div>
    </div>
  );
}
