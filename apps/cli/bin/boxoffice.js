#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: the CLI lives in the workspace and
// needs no build step (its @boxoffice/client dependency resolves to sources, too).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
