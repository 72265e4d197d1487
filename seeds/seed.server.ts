// Placeholder until the demo data generator lands: records nothing, seeds nothing.
export async function seedDemoDataOnce(_: { log: (m: string) => void }) {
  return false;
}
