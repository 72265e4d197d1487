// The shape of a refused form submission, shared by actions (server) and forms (browser).
export type ActionFailure = { ok: false; formError: string; fields: Record<string, string> };

export function isFailure(value: unknown): value is ActionFailure {
  return !!value && typeof value === "object" && (value as { ok?: unknown }).ok === false;
}
