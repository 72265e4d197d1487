// Every form a user can submit, sent empty (and, where it takes an amount, once with an amount
// that is not one), on a 390 px phone and a 1366 px desktop, in Chinese and in English: the page
// stays (no error page, no 500), each required field says what is missing next to it in the
// page's language (aria-invalid, aria-describedby), no message shows a field's code, zod's English
// defaults or raw JSON, every field the form requires is marked (the "*" and aria-required), and
// nothing is wider than the screen.
//
// Data-driven: one entry per form, signed in as the demo account of the role that uses it (one
// login per account per worker, helpers.ts). Nothing is written: every case is refused. A form with
// a file field is also sent with the files it must refuse (the wrong type, too large): each
// refusal shows under the file field. A case's `also` sends more forms of the same page, on the
// same page load, to keep the run short.
//
// Every <Form>/<form> under app/routes and app/components (grep, 7 Dec 2026), and where it is covered:
// - with fields, here: login, signup, forgot/reset password, account profile and password, API
//   token, organization new/edit, result and need new/edit, listing file upload, offer and offer
//   reply, contract draft, broker profile, lead, bureau target, sub-centre dispatch/target/score,
//   anomaly resolution, subsidy decision, event new/cancellation/registration, review rejection,
//   working-day calendar, contract import, auction lot, staff account; the bidding room's bid,
//   cancellation, deposit confirmation and objection; the check-in desk's code; the contract page's
//   amendment, cancellation, payment record and payment schedule.
// - with fields, elsewhere or not here: the contract page's bank-transfer form (contract-forms.spec
//   too), the offer and contract draft forms (deal-forms.spec too); the room's review (staff note,
//   nothing required; an empty approve would approve), deposit refund and objection decision, and
//   the check-in desk's override reason (no demo row in those states: the schemas are in
//   tests/unit/form-messages.test.ts); the contract page's review (its default decision would
//   register), card payment, dispute and flag resolution; the sub-centre desk's visit and review
//   (the demo data has no dispatch nor delegated review); the broker page's verification (nothing
//   required: sent empty it verifies); the subsidy disbursement.
// - buttons only (hidden fields, nothing to fill in, refusals shown at the top of the page): the
//   room's register/deposit, confirm, submit, close and default; memberships' approve/reject; the
//   contract page's submit, delete, confirm, confirm payment and subsidy application; my needs'
//   close; the review queue's approve and bulk approve; files-editor's delete; the sub-centre desk's
//   delegate; anomaly rescan; audit and stats checks; notifications' mark-read; language switch and
//   logout; the admin's role change (a select that always holds a role).
// - GET filters and searches (nothing refused): home search, directory, search suggest, offer,
//   contract, anomaly, subsidy and user filters, the check-in desk's lookup, the sub-centre choice.
import { randomBytes, createHash } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { contextAs, DEMO, networkWatch, waitForHydration, type Lang } from "./helpers.ts";
import type pg from "pg";

type Role = keyof typeof DEMO | "anonymous";
type FormCase = FormStep & {
  name: string;
  as: Role;
  /** the page, or how to find it in the e2e database (demo data) */
  path: string | ((db: pg.Client) => Promise<string>);
  /** other forms of the same page and account, sent after this one on the same page load */
  also?: FormStep[];
};
type FormStep = {
  form: string;
  /** the submit button, when the form has several (default: the first) */
  submit?: string;
  /** an amount input to send once with a malformed amount */
  money?: string;
  /** another input to send once with a malformed value: [name, value] */
  malformed?: [string, string];
  /** false: nothing on the form is required (it is only sent with a malformed value) */
  empty?: false;
  /** fields refused empty only with another choice (one of two, or a reason to reject): not marked "*" */
  conditional?: string[];
  /** what to click first to show the form (a closed <details>), in order; the first match of each */
  open?: string[];
  /** a file input and the files it must refuse, each sent once (the other fields as the form has them) */
  files?: { input: string; refused: Array<{ name: string; mimeType: string; bytes: number }> };
};

const one = async (db: pg.Client, sql: string, params: unknown[] = []) => {
  const { rows } = await db.query<{ id: string }>(sql, params);
  if (!rows[0]) throw new Error(`no demo row for: ${sql}`);
  return rows[0].id;
};
const orgOf = (email: string) => `SELECT u."organizationId" AS id FROM "User" u WHERE u.email = '${email}'`;
const ownListing = (table: "Result" | "Need", email: string, where = "") =>
  `SELECT x.id FROM "${table}" x WHERE x."organizationId" = (${orgOf(email)}) ${where} ORDER BY x."createdAt" LIMIT 1`;
/** A reset link of the demo researcher's, made as the forgot-password mail would (sha256 of the token). */
async function resetPath(db: pg.Client) {
  const token = randomBytes(24).toString("base64url");
  const hash = createHash("sha256").update(token).digest("hex");
  await db.query(
    `INSERT INTO "PasswordReset" (id, "userId", "tokenHash", "expiresAt") SELECT $1, id, $2, now() + interval '1 hour' FROM "User" WHERE email = $3`,
    [`e2e-empty-${token.slice(0, 12)}`, hash, DEMO.researcher],
  );
  return `/reset-password?token=${token}`;
}

const MB = 1024 * 1024;
const lotIn =
  (status: "bidding" | "announced", mode: "bidding" | "notice" = "bidding") =>
  async (db: pg.Client) =>
    `/auctions/${await one(db, `SELECT id FROM "Auction" WHERE status = '${status}' AND mode = '${mode}' ORDER BY "createdAt" LIMIT 1`)}`;
async function registeredContract(db: pg.Client) {
  return `/contracts/${await one(db, `SELECT id FROM "Contract" WHERE status = 'registered' AND "buyerOrgId" = (${orgOf(DEMO.company)}) ORDER BY "createdAt" DESC LIMIT 1`)}`;
}

const FORMS: FormCase[] = [
  // signed out
  { name: "login", as: "anonymous", path: "/login", form: "#login" },
  { name: "signup", as: "anonymous", path: "/signup", form: "#signup" },
  { name: "forgot password", as: "anonymous", path: "/forgot-password", form: "#forgot-password" },
  { name: "reset password", as: "anonymous", path: resetPath, form: "#reset-password" },
  // researcher
  { name: "account profile", as: "researcher", path: "/account", form: "#profile" },
  { name: "account password", as: "researcher", path: "/account", form: "#password" },
  { name: "API token", as: "researcher", path: "/account/tokens", form: "#token-create" },
  {
    name: "organization edit",
    as: "researcher",
    path: async (db) => `/organizations/${await one(db, orgOf(DEMO.researcher))}/edit`,
    form: "#org-profile",
    // nothing here is required (name, kind and region are the bureau's); only a wrong address is refused
    empty: false,
    malformed: ["website", "not an address"],
  },
  { name: "result new", as: "researcher", path: "/my/results/new", form: "#result-form", money: "priceWan" },
  {
    name: "result edit",
    as: "researcher",
    path: async (db) => `/my/results/${await one(db, ownListing("Result", DEMO.researcher))}/edit`,
    form: "#result-form",
    money: "priceWan",
  },
  {
    name: "listing file upload",
    as: "researcher",
    path: async (db) => `/my/results/${await one(db, ownListing("Result", DEMO.researcher))}/edit`,
    form: "#file-upload",
    files: {
      input: "file",
      refused: [
        // refused by its content on the server (not a picture, whatever its name says)
        { name: "photo.png", mimeType: "image/png", bytes: 2048 },
        // over FILE_MAX_BYTES (10 MiB here): refused before it is sent
        { name: "report.pdf", mimeType: "application/pdf", bytes: 10 * MB + 1 },
      ],
    },
  },

  {
    name: "contract draft",
    as: "researcher",
    path: "/contracts/new",
    form: "#contract-form",
    money: "contractAmount",
  },
  // company
  { name: "need new", as: "company", path: "/my/needs/new", form: "#need-form", money: "budgetWan" },
  {
    name: "need edit",
    as: "company",
    path: async (db) => `/my/needs/${await one(db, ownListing("Need", DEMO.company))}/edit`,
    form: "#need-form",
    money: "budgetWan",
  },
  {
    name: "offer",
    as: "company",
    path: async (db) =>
      `/offers/new?resultId=${await one(db, `SELECT id FROM "Result" WHERE status = 'published' AND "organizationId" <> (${orgOf(DEMO.company)}) ORDER BY "createdAt" LIMIT 1`)}`,
    form: "#offer-form",
    money: "amount",
  },
  {
    name: "offer reply",
    as: "company",
    path: async (db) =>
      `/offers/${await one(db, `SELECT id FROM "Offer" WHERE status = 'open' AND ("fromOrgId" = (${orgOf(DEMO.company)}) OR "toOrgId" = (${orgOf(DEMO.company)})) ORDER BY "createdAt" LIMIT 1`)}`,
    form: "#reply-form",
  },
  // broker
  // the certificate is required from some levels on (the hint says which)
  {
    name: "broker profile",
    as: "broker",
    path: "/my/broker",
    form: "#broker-form",
    conditional: ["certificateNumber"],
  },
  // a lead names the buyer's need or the buyer, and the seller's result or the seller
  { name: "lead", as: "broker", path: "/my/leads", form: "#lead-form", conditional: ["buyerOrgId", "sellerOrgId"] },
  // bureau
  { name: "organization new", as: "bureau", path: "/organizations/new", form: "#org-form" },
  { name: "bureau target", as: "bureau", path: "/bureau/targets", form: "#target-form", money: "amount" },
  { name: "subcentre dispatch", as: "bureau", path: "/bureau/subcentres", form: "#dispatch-form" },
  { name: "subcentre target", as: "bureau", path: "/bureau/subcentres", form: "#target-form", money: "amount" },
  { name: "subcentre score", as: "bureau", path: "/bureau/subcentres", form: "#score-form" },
  { name: "anomaly resolution", as: "bureau", path: "/bureau/anomalies", form: 'form[id^="resolve-"]' },
  {
    name: "subsidy decision",
    as: "bureau",
    path: "/bureau/subsidies/jx-online-market?status=pending",
    form: 'form[id^="decide-"]',
    submit: 'button[value="reject"]',
    // a rejection needs its reason; an approval does not
    conditional: ["note"],
  },
  {
    name: "event new",
    as: "bureau",
    path: "/events/new",
    form: "#event-form",
    malformed: ["capacity", "many"],
  },
  {
    name: "event cancellation",
    as: "bureau",
    path: async (db) =>
      `/events/${await one(db, `SELECT id FROM "MarketEvent" WHERE status = 'published' AND "endsAt" > now() ORDER BY "startsAt" LIMIT 1`)}`,
    form: "#cancel-form",
  },
  {
    name: "review rejection",
    as: "bureau",
    path: "/review",
    form: 'form[id^="reject-"]',
    open: ['details[name="review-decision"] > summary', 'details:has(> form[id^="reject-"]) > summary'],
  },
  { name: "working-day calendar", as: "bureau", path: "/bureau/calendar", form: "#calendar-day" },
  {
    name: "contract import",
    as: "bureau",
    path: "/bureau/import",
    form: "#contract-import",
    // checked in the browser before it is sent (a 21 MB body would be cut off by the server)
    files: { input: "file", refused: [{ name: "big.jsonl", mimeType: "application/x-ndjson", bytes: 21 * MB }] },
  },
  // company: registering with a phone that is not one (empty, it would register)
  {
    name: "event registration",
    as: "company",
    path: async (db) =>
      `/events/${await one(
        db,
        `SELECT e.id FROM "MarketEvent" e WHERE e.status = 'published' AND e."endsAt" > now()
           AND (e.capacity IS NULL OR e.capacity > (SELECT count(*) FROM "EventRegistration" r WHERE r."eventId" = e.id))
           AND NOT EXISTS (SELECT 1 FROM "EventRegistration" r JOIN "User" u ON u.id = r."userId" WHERE r."eventId" = e.id AND u.email = '${DEMO.company}')
         ORDER BY e."startsAt" LIMIT 1`,
      )}`,
    form: "#register-form",
    empty: false,
    malformed: ["phone", "call me"],
  },
  // a lot on one of the researcher's published results
  {
    name: "auction lot",
    as: "researcher",
    path: async (db) =>
      `/auctions/new?resultId=${await one(db, ownListing("Result", DEMO.researcher, `AND x.status = 'published'`))}`,
    form: "#lot-form",
    money: "startPrice",
  },
  // admin
  { name: "staff account", as: "admin", path: "/admin/users", form: "#staff-create" },
  // the bidding room of the demo lot in bidding: the company holds a deposit there, and another
  // company's bank transfer awaits the bureau's confirmation
  { name: "auction bid", as: "company", path: lotIn("bidding"), form: "#bid-form", money: "amountYuan" },
  {
    name: "auction staff",
    as: "bureau",
    path: lotIn("bidding"),
    form: "#cancel-form",
    also: [{ form: 'form[id^="confirm-deposit-"]', money: "amountYuan" }],
  },
  // objections are filed against a notice lot (协议定价公示) while it is announced
  { name: "auction objection", as: "company", path: lotIn("announced", "notice"), form: "#objection-form" },
  {
    name: "check-in desk",
    as: "bureau",
    path: async (db) =>
      `/events/${await one(db, `SELECT id FROM "MarketEvent" WHERE status = 'published' ORDER BY "startsAt" LIMIT 1`)}/check-in`,
    form: "#check-in-form",
    malformed: ["code", "12"],
  },
  // a registered contract of the demo company's (the buyer): the bureau amends or cancels it, the
  // buyer records a payment and edits the payment schedule (which requires nothing: a bad amount)
  {
    name: "contract amend and cancel",
    as: "bureau",
    path: registeredContract,
    open: ["details:has(#contract-amend) > summary"],
    form: "#contract-amend",
    money: "contractAmount",
    // an amendment changes one amount or both: left empty, an amount is "no change"
    conditional: ["contractAmount", "nonTechnicalCosts"],
    also: [{ open: ["details:has(#contract-cancel) > summary"], form: "#contract-cancel" }],
  },
  {
    name: "contract payments",
    as: "company",
    path: registeredContract,
    form: "#payment-record",
    money: "amount",
    also: [
      {
        open: ["details:has(#payment-schedule) > summary"],
        form: "#payment-schedule",
        empty: false,
        malformed: ["milestones[0].amount", "12abc"],
      },
    ],
  },
];

const CJK = /[\u3400-\u9fff]/;
/** what users must never read: a field's code, zod's English defaults, raw JSON, the API's prefix */
const INTERNAL = [
  /\b[a-z]+[A-Z][A-Za-z]*\b/, // camelCase: regionCode, startsAt
  /\b[a-z]+_[a-z_]+\b/, // snake_case
  /Invalid input|Invalid option|expected (?:string|number|one of)|received (?:undefined|null)|Too (?:small|big)/i,
  /[{}[\]"]/,
  /输入无效/,
];

const VIEWPORTS = [390, 1366] as const;
const LANGS: Lang[] = ["zh-CN", "en"];

type StepContext = Sent & { page: Page };

/** One form of the page: opened, sent empty, then with each malformed value and refused file. */
async function sendStep(c: FormStep, { page, path, width, lang, failures, log }: StepContext) {
  for (const opener of c.open ?? []) await page.locator(opener).first().click();
  const form = page.locator(c.form).first();
  await expect(form).toBeVisible();

  if (c.empty !== false) await sendEmpty(page, form, c, { path, width, lang, failures, log });
  const wrong: Array<[string, string]> = [];
  if (c.money) wrong.push([c.money, "12abc"]);
  if (c.malformed) wrong.push(c.malformed);
  for (const [name, value] of wrong) {
    const input = form.locator(`[name="${name}"]`);
    await input.fill(value);
    await submit(form, c);
    await expectRefused(page, input, { form: c.form, name }, log);
    await page.waitForLoadState("networkidle");
    await expectPageStays(page, path, width, failures);
    const control = (await invalidControls(form)).find((x) => x.name === name);
    expect(control?.message, `${name}: its message next to it`).toBeTruthy();
    expectReadable(control!.message, lang, name);
  }
  for (const file of c.files?.refused ?? []) {
    const input = form.locator(`[name="${c.files!.input}"]`);
    await input.setInputFiles({
      name: file.name,
      mimeType: file.mimeType,
      buffer: Buffer.alloc(file.bytes, 7),
    });
    await submit(form, c);
    await expectRefused(page, input, { form: c.form, name: c.files!.input }, log);
    await page.waitForLoadState("networkidle");
    await expectPageStays(page, path, width, failures);
    const control = (await invalidControls(form)).find((x) => x.name === c.files!.input);
    expect(control?.message, `${file.name}: its message next to the file field`).toBeTruthy();
    expectReadable(control!.message, lang, file.name);
    // the form's own next refusal must not be the previous one still showing
    await input.setInputFiles([]);
  }
}

/** Empties what the user can empty: text, selects with an empty choice, checkboxes. */
async function emptyForm(form: Locator) {
  for (const input of await form
    .locator(
      "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([disabled]):not([readonly]), textarea:not([disabled])",
    )
    .all()) {
    // only what holds something: typing into an empty box can start its own work (a live search)
    if ((await input.isVisible()) && (await input.inputValue()) !== "") await input.fill("");
  }
  for (const select of await form.locator("select:not([disabled])").all()) {
    if (!(await select.isVisible()) || (await select.inputValue()) === "") continue;
    if (await select.locator('option[value=""]').count()) await select.selectOption("");
  }
  for (const box of await form.locator("input[type=checkbox]:checked").all()) {
    if (await box.isVisible()) await box.uncheck();
  }
}

// (not a button of another form placed inside, e.g. signup's organization search)
async function submit(form: Locator, c: FormStep) {
  await form
    .locator(c.submit ?? "button[type=submit]:not([form]), button:not([type]):not([form])")
    .first()
    .click();
}

/** Every message the form shows: under its fields and at its top. */
async function messages(form: Locator) {
  const texts = await form.locator(".field-error, [role=alert]").allInnerTexts();
  return texts.map((t) => t.trim()).filter(Boolean);
}

function expectReadable(text: string, lang: Lang, where: string) {
  if (lang === "en") expect(text, `${where}: English only`).not.toMatch(CJK);
  else {
    expect(text, `${where}: in Chinese`).toMatch(CJK);
    // (an address scheme such as "https://" is not a word)
    expect(text.replace(/https?:\/\/\S*/g, ""), `${where}: no English words in Chinese`).not.toMatch(/\b[a-z]{3,}\b/);
  }
  for (const pattern of INTERNAL) expect(text, `${where}: no internal names`).not.toMatch(pattern);
}

/** The controls the form marks invalid, each with its message (aria-describedby) and required mark. */
async function invalidControls(form: Locator) {
  return form.evaluate((el) =>
    Array.from(el.querySelectorAll<HTMLElement>('[aria-invalid="true"]'))
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => {
        const described = (c.getAttribute("aria-describedby") ?? "")
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => document.getElementById(id));
        const message = described
          .filter((d) => d?.classList.contains("field-error") || d?.querySelector(".field-error"))
          .map((d) => (d as HTMLElement).innerText.trim())
          .join(" ");
        // the mark sits in the control's label, or in its group's legend (an amount, a region)
        const own =
          c.tagName === "FIELDSET"
            ? null
            : ((c.id ? document.querySelector(`label[for="${c.id}"]`) : null) ?? c.closest("label"));
        const legend = (c.tagName === "FIELDSET" ? c : c.closest("fieldset"))?.querySelector("legend");
        const hasMark = (el: Element | null | undefined) =>
          !!el &&
          (Array.from(el.querySelectorAll('[aria-hidden="true"]')).some((m) => m.textContent?.includes("*")) ||
            // or says so in words (the signup's agreement: "（必选）")
            /（必选）|\(required\)/.test(el.textContent ?? ""));
        const requiredSelf = c.getAttribute("aria-required") === "true" || (c as HTMLInputElement).required === true;
        return {
          name: c.getAttribute("name") ?? c.querySelector("[name]")?.getAttribute("name") ?? c.tagName,
          message,
          required: c.tagName === "FIELDSET" || requiredSelf,
          marked: hasMark(own) || hasMark(legend),
        };
      }),
  );
}

/** Required controls (aria-required / required) that are still empty after the form was emptied. */
async function emptyRequired(form: Locator) {
  return form.evaluate((el) =>
    Array.from(el.querySelectorAll<HTMLInputElement>('[aria-required="true"], [required]'))
      .filter((c) => c.getClientRects().length > 0 && !c.disabled)
      .filter((c) => (c.type === "checkbox" ? !c.checked : c.value === ""))
      .map((c) => ({ name: c.name, invalid: c.getAttribute("aria-invalid") === "true" })),
  );
}

async function expectPageStays(page: Page, path: string, width: number, failures: string[]) {
  expect(failures, "no 5xx while sending").toEqual([]);
  expect(new URL(page.url()).pathname, "still on the form's page").toBe(new URL(path, "http://x").pathname);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide, "nothing wider than the viewport").toBeLessThanOrEqual(width);
}

/** log: what the page did that a failure's report should show (console errors, writes, navigations) */
type Sent = { path: string; width: number; lang: Lang; failures: string[]; log: string[] };

/**
 * The field refused after a send. If it is not, the report says what the page did meanwhile: one
 * case of 234 failed here once in CI (the event registration's phone, 8 Dec 2026) and could not be
 * made to fail again, so the next failure must carry its own evidence.
 */
async function expectRefused(page: Page, input: Locator, where: { form: string; name: string }, log: string[]) {
  try {
    await expect(input).toHaveAttribute("aria-invalid", "true");
  } catch (error) {
    // page.evaluate, not the locators: the form may be gone, and a locator would wait for it
    const state = await page
      .evaluate(({ form, name }) => {
        const el = document.querySelector(form);
        const field = el?.querySelector<HTMLInputElement>(`[name="${name}"]`);
        return el
          ? {
              hydrated: Object.keys(el).some((k) => k.startsWith("__reactFiber")),
              value: field?.value ?? null,
              html: el.outerHTML.slice(0, 2000),
            }
          : { form: "gone", main: document.querySelector("main")?.innerText.slice(0, 1000) };
      }, where)
      .catch((e: unknown) => String(e));
    console.log(`not refused at ${page.url()}\n${JSON.stringify(state, null, 2)}\npage log:\n${log.join("\n")}`);
    throw error;
  }
}

/** Empties the form and sends it: every refused field is required, marked and explained in words. */
async function sendEmpty(page: Page, form: Locator, c: FormStep, { path, width, lang, failures }: Sent) {
  await emptyForm(form);
  await submit(form, c);
  await expect(form.locator('[aria-invalid="true"], [role=alert]').first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectPageStays(page, path, width, failures);

  const shown = await messages(form);
  expect(shown.length, "at least one message").toBeGreaterThan(0);
  for (const text of shown) expectReadable(text, lang, "message");
  for (const control of await invalidControls(form)) {
    expect(control.message, `${control.name}: its message next to it (aria-describedby)`).not.toBe("");
    expectReadable(control.message, lang, control.name);
    if (c.conditional?.includes(control.name)) continue;
    expect(control.required, `${control.name}: refused empty, so required (aria-required)`).toBe(true);
    expect(control.marked, `${control.name}: refused empty, so marked "*"`).toBe(true);
  }
  for (const control of await emptyRequired(form)) {
    expect(control.invalid, `${control.name}: required and empty, so refused`).toBe(true);
  }
}

for (const c of FORMS) {
  test.describe(c.name, () => {
    for (const width of VIEWPORTS) {
      for (const lang of LANGS) {
        test(`sent empty at ${width} px in ${lang}`, async ({ browser, database }) => {
          // a file of 10 or 20 MB takes its time through the browser on a busy machine
          if (c.files) test.setTimeout(180_000);
          const path = typeof c.path === "string" ? c.path : await c.path(database);
          const context = await contextAs(browser, c.as === "anonymous" ? null : DEMO[c.as], lang);
          const page = await context.newPage();
          await page.setViewportSize({ width, height: 900 });
          const failures: string[] = [];
          page.on("response", (r) => {
            if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
          });
          const log: string[] = [];
          const at = () => new Date().toISOString().slice(11, 23);
          page.on("console", (m) => {
            if (m.type() === "error" || m.type() === "warning") log.push(`${at()} console ${m.type()}: ${m.text()}`);
          });
          page.on("request", (r) => {
            if (r.method() !== "GET") log.push(`${at()} ${r.method()} ${r.url()}`);
          });
          page.on("response", (r) => {
            if (r.request().method() !== "GET") log.push(`${at()} ${r.status()} ${r.url()}`);
          });
          page.on("framenavigated", (f) => {
            if (f === page.mainFrame()) log.push(`${at()} navigated ${f.url()}`);
          });
          const network = networkWatch(page);
          const response = await page.goto(path);
          expect(response?.status(), `${path} loads`).toBeLessThan(400);
          await waitForHydration(page);
          // what the page loads after hydrating (region levels, pickers) has arrived, as for a person
          // (not "networkidle": its 500 ms of quiet after the last request were a fixed sleep per case)
          await network.quiet();
          for (const step of [c, ...(c.also ?? [])]) {
            await test.step(step.form, () => sendStep(step, { page, path, width, lang, failures, log }));
          }
          await context.close();
        });
      }
    }
  });
}
