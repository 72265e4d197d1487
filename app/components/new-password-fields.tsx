// A new password and its confirmation, as the password change (/account) and the reset link
// (/reset-password) both ask for them. One place for the label, the rule hint and the autofill
// hint, so the two pages cannot drift apart (a password manager offers to generate and save the
// new password on both alike).
import { useTranslation } from "react-i18next";
import { TextField, type Field } from "./forms.tsx";

export function NewPasswordFields({ password, confirm }: { password: Field; confirm: Field }) {
  const { t } = useTranslation("auth");
  return (
    <>
      <TextField
        field={password}
        label={t("fields.newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        required
      />
      <TextField field={confirm} label={t("fields.confirm")} type="password" autoComplete="new-password" required />
    </>
  );
}
