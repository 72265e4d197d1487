-- A language the person chose wins over the browser's Accept-Language; one only defaulted to at
-- sign-up does not (docs/decisions/0024-languages-and-urls.md). Accounts already on English chose
-- it or signed up in it: they keep it.
ALTER TABLE "User" ADD COLUMN "localeChosen" BOOLEAN NOT NULL DEFAULT false;
UPDATE "User" SET "localeChosen" = true WHERE "locale" <> 'zh-CN';
