// `user:create` and `token:create`.
import { badInput, log, required, type Values } from "./args.ts";
import { closeDatabase, openDatabase } from "./database.ts";

const FLAG_FOR_FIELD: Record<string, string> = {
  email: "--email",
  password: "--password",
  role: "--role",
  name: "--name",
  "org.name": "--org-name",
  "org.kind": "--org-kind",
  "org.creditCode": "--org-credit-code",
  "org.regionCode": "--org-region",
  "org.zone": "--org-zone",
};

export async function userCreate(values: Values) {
  required(values, ["email", "password", "role"], "user:create");
  const { cliUserCreateSchema } = await import("../auth/schemas.ts");
  const { bilingual } = await import("../auth/messages.ts");
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const orgGiven = ["org-name", "org-kind", "org-credit-code", "org-region", "org-zone"].some(
    (k) => str(k) !== undefined,
  );
  const input = {
    email: str("email"),
    password: str("password"),
    role: str("role"),
    name: str("name"),
    org: orgGiven
      ? {
          name: str("org-name"),
          kind: str("org-kind"),
          creditCode: str("org-credit-code"),
          regionCode: str("org-region"),
          zone: str("org-zone") || undefined,
        }
      : undefined,
  };
  const { ORG_KINDS, ROLES } = await import("../domain/catalog.ts");
  const { ZONES } = await import("../domain/regions.ts");
  const allowed: Record<string, readonly string[]> = { role: ROLES, "org.kind": ORG_KINDS, "org.zone": ZONES };
  const describe = (fields: Record<string, string[]>) =>
    Object.entries(fields)
      .map(([field, messages]) => {
        const values = allowed[field] ? `（可选值 / allowed: ${allowed[field]!.join(", ")}）` : "";
        return `  ${FLAG_FOR_FIELD[field] ?? field}: ${messages.map(bilingual).join("; ")}${values}`;
      })
      .join("\n");
  const parsed = cliUserCreateSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[issue.path.join(".")] ??= []).push(issue.message);
    throw badInput(`输入有误，未创建任何内容 / Invalid input, nothing was created:\n${describe(fields)}`);
  }
  // Everything that needs no database is checked; now the database.
  const db = await openDatabase();
  try {
    const { createUserAccount, FieldErrors } = await import("../auth/accounts.server.ts");
    try {
      const { user, organization, organizationCreated } = await createUserAccount(parsed.data, {
        actorId: null,
        via: "cli",
      });
      if (organization) {
        log(
          organizationCreated
            ? `已创建机构（已认证）/ Organization created (verified): ${organization.name} (${organization.id})`
            : `使用已有机构 / Using the existing organization: ${organization.name} (${organization.id})`,
        );
      }
      process.stdout.write(`已创建用户 / User created: ${user.email} (${user.role}) id=${user.id}\n`);
    } catch (error) {
      if (error instanceof FieldErrors)
        throw badInput(`输入有误，未创建任何内容 / Invalid input, nothing was created:\n${describe(error.fields)}`);
      throw error;
    }
  } finally {
    await closeDatabase(db);
  }
}

export async function tokenCreate(values: Values) {
  required(values, ["email"], "token:create");
  const { emailSchema } = await import("../auth/schemas.ts");
  const { bilingual } = await import("../auth/messages.ts");
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw badInput(`--email: ${bilingual(email.error.issues[0]!.message)}`);
  const name = typeof values.name === "string" && values.name.trim() ? values.name.trim() : "cli";
  if (name.length > 100) throw badInput(`--name: ${bilingual("errors.tokenNameTooLong")}`);
  const db = await openDatabase();
  try {
    const { prisma } = await import("../db/db.server.ts");
    const { createApiToken } = await import("../auth/api-token.server.ts");
    const user = await prisma.user.findUnique({ where: { email: email.data }, select: { id: true, email: true } });
    if (!user) throw badInput(`用户不存在 / No user with the email ${email.data}`);
    const { token, record } = await createApiToken(user.id, name);
    log(
      `已为 ${user.email} 创建令牌“${record.name}”（只显示这一次）/ Token “${record.name}” created for ${user.email} (shown once):`,
    );
    process.stdout.write(`${token}\n`);
  } finally {
    await closeDatabase(db);
  }
}
