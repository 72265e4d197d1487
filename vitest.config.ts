// Separate from vite.config.ts so the React Router plugin does not run under Vitest.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "app/**/*.test.ts",
      "search/**/*.test.ts",
      "tests/unit/**/*.test.ts",
      "tests/api/**/*.test.ts",
      "tests/security/**/*.test.ts",
      "seeds/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/global-database.ts"],
    setupFiles: ["tests/setup/console.ts", "tests/setup/database-per-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // two cores: two workers keep the database and CPU busy without thrashing
    maxWorkers: 2,
  },
});
