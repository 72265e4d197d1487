-- When the day-before reminder of a registration went out (app/events/reminders.server.ts).

-- AlterTable
ALTER TABLE "EventRegistration" ADD COLUMN     "remindedAt" TIMESTAMP(3);

