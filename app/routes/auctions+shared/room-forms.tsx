// The bidding room's forms with typed fields, on conform and the room's schema (one shape per
// intent): each shows the action's reply only when it was the form sent, its errors under its
// fields in the reader's language, and marks what the server requires. Button-only forms (submit,
// close, confirm…) stay plain: their refusals are shown at the top of the room.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import {
  ROOM_LIMITS,
  roomFormSchema,
  type RoomFormFields,
  type RoomFormValue,
} from "../../auctions/room-form-schemas.ts";
import { ErrorList, TextArea, TextField } from "../../components/forms.tsx";
import { replyFor, type SentBy } from "../../components/sent-form.ts";
import { fenToInput } from "../../domain/money.ts";

/** What the room's action answered: a form's conform reply, or done (maybe with a contract). */
export type RoomReply = SubmissionResult<string[]> | { contractId: string | null; done: string } | undefined;

/** The reply of a refused submission (not a success). */
export function refusal(reply: RoomReply): SubmissionResult<string[]> | undefined {
  return reply && "initialValue" in reply ? reply : undefined;
}

/** One room form; `sentBy` is what it sends that tells it apart (replyFor). */
function useRoomForm(id: string, sentBy: SentBy | SentBy[], reply: RoomReply, defaultValue?: Record<string, string>) {
  const busy = useNavigation().state !== "idle";
  return useForm<RoomFormFields, RoomFormValue>({
    id,
    lastResult: busy ? null : replyFor(reply, sentBy),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

type Props = { reply: RoomReply; busy: boolean };

export function CustomBidForm({ reply, busy }: Props) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm(
    "bid-form",
    // the quick bid sends the same intent with its amount in fen
    { intent: "bid", amountFen: null },
    reply,
  );
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-3">
      <input type="hidden" name="intent" value="bid" />
      <TextField
        field={fields.amountYuan}
        label={t("customAmount")}
        inputMode="decimal"
        maxLength={20}
        required
        data-testid="bid-amount"
      />
      <button className="btn-secondary mt-6" disabled={busy}>
        {t("bidCustom")}
      </button>
    </Form>
  );
}

export function ObjectionForm({ reply, busy }: Props) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm("objection-form", { intent: "object" }, reply);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <TextArea
        field={fields.reason}
        label={t("objectionReason")}
        maxLength={ROOM_LIMITS.objection}
        rows={3}
        required
      />
      <button className="btn-secondary" name="intent" value="object" disabled={busy}>
        {t("fileObjection")}
      </button>
    </Form>
  );
}

export function ReviewForm({ reply, busy }: Props) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm("review-form", [{ intent: "approve" }, { intent: "reject" }], reply);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <TextField field={fields.note} label={t("staff.note")} maxLength={ROOM_LIMITS.note} />
      <button className="btn-primary mt-6" name="intent" value="approve" disabled={busy}>
        {t("staff.approve")}
      </button>
      <button className="btn-secondary mt-6" name="intent" value="reject" disabled={busy}>
        {t("staff.reject")}
      </button>
    </Form>
  );
}

export function CancelForm({ reply, busy }: Props) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm("cancel-form", { intent: "cancel" }, reply);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <TextField field={fields.reason} label={t("staff.cancelReason")} maxLength={ROOM_LIMITS.reason} required />
      <button className="btn-danger mt-6" name="intent" value="cancel" disabled={busy}>
        {t("staff.cancel")}
      </button>
    </Form>
  );
}

type DepositRow = { id: string; bidderCode: string; amountFen: number; organization?: { name?: string } };

export function DepositConfirmForm({ dep, reply, busy }: Props & { dep: DepositRow }) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm(
    `confirm-deposit-${dep.id}`,
    { intent: "confirmDeposit", depositId: dep.id },
    reply,
    { payerName: dep.organization?.name ?? "", amountYuan: fenToInput(dep.amountFen, "yuan") },
  );
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="grid gap-1"
      aria-label={t("staff.confirmDepositOf", { code: dep.bidderCode })}
    >
      <input type="hidden" name="intent" value="confirmDeposit" />
      <input type="hidden" name="depositId" value={dep.id} />
      <TextField
        field={fields.bankReference}
        label={t("staff.bankReference")}
        maxLength={ROOM_LIMITS.reference}
        required
      />
      <TextField field={fields.payerName} label={t("staff.payerName")} maxLength={ROOM_LIMITS.payer} required />
      <TextField field={fields.amountYuan} label={t("staff.amountYuan")} inputMode="decimal" maxLength={20} required />
      <TextField field={fields.receivedAt} label={t("staff.receivedAt")} type="datetime-local" />
      <TextField field={fields.mismatchReason} label={t("staff.mismatchReason")} maxLength={ROOM_LIMITS.mismatch} />
      <button className="btn-primary" disabled={busy}>
        {t("staff.confirmDeposit")}
      </button>
    </Form>
  );
}

export function RefundForm({ dep, reply, busy }: Props & { dep: DepositRow }) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm(`refund-${dep.id}`, { intent: "refund", depositId: dep.id }, reply);
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="flex flex-wrap items-start gap-1"
      aria-label={t("staff.refundOf", { code: dep.bidderCode })}
    >
      <input type="hidden" name="intent" value="refund" />
      <input type="hidden" name="depositId" value={dep.id} />
      <TextField
        field={fields.bankReference}
        label={t("staff.refundReference")}
        maxLength={ROOM_LIMITS.reference}
        required
      />
      <button className="btn-secondary mt-6" disabled={busy}>
        {t("staff.markRefunded")}
      </button>
    </Form>
  );
}

export function ObjectionDecisionForm({
  objection,
  reply,
  busy,
}: Props & { objection: { id: string; reason: string } }) {
  const { t } = useTranslation("auctions");
  const [form, fields] = useRoomForm(`decide-${objection.id}`, { intent: "decide", objectionId: objection.id }, reply);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="objectionId" value={objection.id} />
      <p className="w-full text-sm">{objection.reason}</p>
      <TextField field={fields.note} label={t("staff.note")} maxLength={ROOM_LIMITS.note} required />
      <button className="btn-danger mt-6" name="decision" value="uphold" disabled={busy}>
        {t("staff.uphold")}
      </button>
      <button className="btn-secondary mt-6" name="decision" value="dismiss" disabled={busy}>
        {t("staff.dismiss")}
      </button>
      <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
    </Form>
  );
}
