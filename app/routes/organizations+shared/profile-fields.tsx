// The organization's public profile text, the same controls on the new-organization form and the
// profile's edit form (both schemas share these fields and limits).
import { useTranslation } from "react-i18next";
import { TextArea, TextField, type Field } from "../../components/forms.tsx";
import { ORG_LIMITS } from "../../organizations/schemas.ts";

export function OrganizationProfileFields({
  description,
  website,
  rows,
}: {
  description: Field;
  website: Field;
  rows: number;
}) {
  const { t } = useTranslation("orgs");
  return (
    <>
      <TextArea field={description} label={t("form.description")} maxLength={ORG_LIMITS.description} rows={rows} />
      <TextField
        field={website}
        label={t("form.website")}
        hint={t("form.websiteHint")}
        maxLength={ORG_LIMITS.website}
      />
    </>
  );
}
