// @ts-check
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

/** Imports that have no place in the database package, the commands or the reads. */
const transportImports = {
  patterns: [
    { group: ["@trpc/*"], message: "tRPC belongs in the routers, not here." },
    {
      group: ["node:http", "node:https", "ws", "ioredis", "nodemailer"],
      message: "No transport here.",
    },
    { group: ["**/mail/*"], message: "Commands write messages to the outbox; the sender sends." },
    { group: ["**/routers/*", "**/trpc.ts", "**/context.ts"], message: "Layers point one way." },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      "**/dist/",
      "packages/db/drizzle/",
      "packages/client/test/consumer/",
      // Type-checked by packed.test.ts against the built package, with its own tsconfig.
      "packages/client/test/published-types.check.ts",
      "apps/cli/bin/",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Files outside every package tsconfig (the web app's e2e and config files have
          // their own tsconfig.node.json, which the project service does not look for).
          allowDefaultProject: ["apps/web/*.ts"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", prefer: "type-imports" },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Solid assigns `let ref` through the JSX ref attribute, which this rule cannot see.
    files: ["apps/web/src/**/*.tsx"],
    rules: { "no-unassigned-vars": "off" },
  },
  {
    files: ["apps/web/e2e/**/*.ts", "apps/web/scripts/**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: false, project: "apps/web/tsconfig.node.json" },
    },
  },
  {
    files: [
      "packages/db/src/**/*.ts",
      "packages/api/src/commands/**/*.ts",
      "packages/api/src/queries/**/*.ts",
      "packages/auth/src/**/*.ts",
    ],
    rules: { "no-restricted-imports": ["error", transportImports] },
  },
  prettier,
);
