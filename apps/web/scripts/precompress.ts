import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Text the server sends as it is; images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;

/**
 * Writes a Brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every text file
 * of the build, once, at build time. The server picks whichever the browser accepts
 * (sirv's content negotiation) and never compresses on a request. A copy that would not be
 * smaller is not written.
 */
export function precompressFiles(
  dir: string,
): { file: string; bytes: number; br: number; gz: number }[] {
  const written = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = join(dir, entry);
    if (!compressible.test(file) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (br.length < bytes.length) writeFileSync(`${file}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${file}.gz`, gz);
    written.push({ file: entry, bytes: bytes.length, br: br.length, gz: gz.length });
  }
  return written;
}

/** The Vite build step: precompress everything in the output directory once it is written. */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "boxoffice-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressFiles(outDir);
    },
  };
}
