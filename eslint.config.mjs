import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-bench*/",
      ".convex-local/",
      "convex/_generated/",
      "convex/certificates/shared/achievementCredentialValidator.ts",
      "local-backend/test/fixture/",
      "local-backend/test/tmp-*/",
      "next-env.d.ts",
      "test-results/",
      "playwright-report/",
      "bench-results/",
      ".stryker-tmp/",
      "reports/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.mts", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...convexPlugin.configs.recommended,
  {
    // The typed `env` of convex.config.ts needs component-aware codegen, which our offline
    // codegen does not produce yet; environment reads stay in convex/env.ts instead.
    files: ["convex/**/*.ts"],
    ignores: ["convex/env.ts", "convex/auth.config.ts"],
    rules: {
      "@convex-dev/no-process-env": "off",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through convex/env.ts." },
      ],
    },
  },
  {
    files: ["convex/env.ts", "convex/auth.config.ts"],
    rules: { "@convex-dev/no-process-env": "off" },
  },
  {
    // One place decides who is calling (and wraps every write with the triggers): builders come from
    // convex/functions.ts.
    files: ["convex/**/*.ts", "convex/**/*.tsx"],
    ignores: ["convex/functions.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/_generated/server"],
              message: "Import function builders from convex/functions.ts.",
              allowTypeImports: true,
            },
            {
              group: ["convex/server"],
              importNames: [
                "mutationGeneric",
                "internalMutationGeneric",
                "queryGeneric",
                "internalQueryGeneric",
                "actionGeneric",
                "internalActionGeneric",
              ],
              message: "Import function builders from convex/functions.ts.",
            },
          ],
        },
      ],
    },
  },
);
