import { defineConfig } from "tsup";

/** Run through scripts/build.ts, which writes dist/router.d.ts first. */
export default defineConfig({
  // `node` adds the `ws` fallback; browsers and bundlers get `index`, which never imports ws.
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    "connection-settings": "src/connection-settings.ts",
  },
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  // scripts/build.ts empties dist itself: tsup's clean would delete the generated router.
  clean: false,
  tsconfig: "tsconfig.build.json",
  dts: {
    resolve: true,
    entry: { index: "src/index.ts", "connection-settings": "src/connection-settings.ts" },
    // tsup sets baseUrl for its declaration build, which TypeScript 6 flags as deprecated.
    compilerOptions: { ignoreDeprecations: "6.0" },
  },
});
