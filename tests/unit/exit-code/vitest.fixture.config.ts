import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["failing.fixture.ts"],
    globalSetup: ["global-setup.fixture.ts"],
  },
});
