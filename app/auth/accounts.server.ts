// Accounts, one module per job: signup, login (with throttling), passwords (change and reset),
// staff accounts and roles. Route actions and the CLI import them from here; they do the
// validation that needs the database and report it as field errors.
export { FieldErrors, searchOrganizations } from "./account-common.server.ts";
export * from "./signup.server.ts";
export * from "./login.server.ts";
export * from "./passwords.server.ts";
export * from "./staff-accounts.server.ts";
