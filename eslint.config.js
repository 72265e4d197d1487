// Lint: TypeScript, React and hooks rules, import cycles, unused code. Formatting is Prettier's job
// (.prettierrc.json); `npm run lint` runs both and `npm test` runs lint first.
import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "app/generated/",
      ".react-router/",
      ".data/",
      "tests/.tmp/",
      "test-results/",
      "playwright-report/",
      "scratch/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks, "import-x": importX },
    settings: {
      react: { version: "19.2" },
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
    },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react/prop-types": "off",
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // a cycle makes module load order matter and hides a missing seam between layers
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // A module a newcomer can hold in their head: split one that grows by job (CONTRIBUTING.md).
    // Counted like `wc -l`. Tests, benchmarks and data (seed templates, locale strings) are exempt.
    files: ["**/*.{ts,tsx,js}"],
    ignores: ["**/*.test.{ts,tsx}", "**/*.spec.ts", "tests/**", "seeds/data/**", "app/i18n/locales/**"],
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // links keep the page's language (docs/decisions/0024-languages-and-urls.md)
    files: ["app/**/*.tsx"],
    ignores: ["app/components/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "react-router",
              importNames: ["Link", "NavLink"],
              message: "Import Link/NavLink from app/components/link.tsx: they keep the page's ?lng=.",
            },
            {
              // about 140 KB compressed: loaded on demand, only where a chart is drawn (decision 0030)
              name: "recharts",
              message:
                "Draw charts with BreakdownChart (app/components/contracts/stats.tsx): it loads recharts lazily.",
            },
          ],
        },
      ],
    },
  },
  {
    // the one module that imports recharts, itself imported lazily by BreakdownChart
    files: ["app/components/contracts/chart-drawing.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
);
