// "未认证 / Unverified" beside an organization's name wherever it appears, so nobody mistakes a
// self-registered organization for one the bureau checked (docs/decisions/0019-organization-trust.md).
// The visible word is short; screen readers also hear what it means.
import { useTranslation } from "react-i18next";

export function UnverifiedBadge({ verified }: { verified: boolean | null | undefined }) {
  const { t } = useTranslation("orgs");
  if (verified !== false) return null;
  return (
    <span
      className="ml-1 inline-flex items-center rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 align-middle text-xs font-medium text-amber-800"
      title={t("badge.hint")}
      data-testid="unverified-badge"
    >
      {t("badge.unverified")}
      <span className="sr-only">{t("badge.srHint")}</span>
    </span>
  );
}
