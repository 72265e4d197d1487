-- Notifications are shown in the reader's language at read time: `title`/`body` hold the Chinese
-- text and `titleEn`/`bodyEn` the English (docs/decisions/0024-languages-and-urls.md). NULL: a
-- row written before, whose text is "中文 / English" or one language only.
ALTER TABLE "Notification" ADD COLUMN "titleEn" TEXT;
ALTER TABLE "Notification" ADD COLUMN "bodyEn" TEXT;
