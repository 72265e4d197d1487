// The working-day calendar's forms (/bureau/calendar) as HTML sends them: `set` lists a day as a
// holiday or a weekend day worked instead (调休), `remove` takes one off. They hand over to the
// API's calendarDaySchema, so page and API share one rule, and its messages land on the form's own
// fields in words (the select sends "true"/"false", never shown). Client-safe.
import { z } from "zod";
import { addApiIssues } from "../domain/money-form.ts";
import { calendarDaySchema } from "./schemas.ts";

const set = z
  .object({
    intent: z.literal("set"),
    date: z.string({ error: "请选择日期 / Choose the date" }).trim(),
    working: z.enum(["true", "false"], { error: "请选择节假日或调休上班日 / Choose a holiday or a working day" }),
    note: z.string().trim().optional(),
  })
  .transform((v, ctx) => {
    const parsed = calendarDaySchema.safeParse({
      date: v.date,
      working: v.working === "true",
      ...(v.note ? { note: v.note } : {}),
    });
    if (parsed.success) return { intent: v.intent, day: parsed.data };
    addApiIssues(parsed.error, ctx);
    return z.NEVER;
  });

const remove = z.object({ intent: z.literal("remove"), date: calendarDaySchema.shape.date });

export const calendarFormSchema = z.discriminatedUnion("intent", [set, remove]);
export type CalendarFormFields = { intent?: string; date?: string; working?: string; note?: string };
