// Below a listing's edit form, the same for results and needs: its files, and the delete and
// withdraw steps for the statuses that allow them.
import type { ComponentProps } from "react";
import { FilesEditor } from "./files-editor.tsx";
import { useLabels } from "./labels.tsx";
import { IntentButton } from "./review-forms.tsx";

export function ListingEditExtras({ kind, id, status, files, limits, reply }: ComponentProps<typeof FilesEditor>) {
  const { t } = useLabels();
  return (
    <>
      <FilesEditor kind={kind} id={id} status={status} files={files} limits={limits} reply={reply} />
      {["draft", "rejected", "withdrawn"].includes(status) ? (
        <div className="card space-y-2">
          <IntentButton
            intent="delete"
            kind={kind}
            id={id}
            label={t("form.deleteListing")}
            tone="danger"
            confirm={{ message: t("form.deleteConfirm"), button: t("form.deleteConfirmButton") }}
          />
        </div>
      ) : null}
      {["pending_review", "published", "rejected"].includes(status) ? (
        <div className="card space-y-2">
          <IntentButton
            intent="withdraw"
            kind={kind}
            id={id}
            label={t("form.withdraw")}
            tone="danger"
            confirm={{ message: t("form.withdrawConfirm"), button: t("form.withdrawConfirmButton") }}
          />
        </div>
      ) : null}
    </>
  );
}
