/**
 * `npm run bench:bundle [-- --quick] [-- --no-build]`: what a citizen's phone downloads before the first
 * page shows. Initial = the entry script and stylesheet index.html names plus the chunks it preloads;
 * lazy chunks (rich-text editor, QR encoder, …) and fonts are listed apart, since they load on demand.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { fmt, formatTable } from "./lib/stats";

const DIST = "dist/client";
const TARGET_JS_GZIP_KB = 250;

if (!process.argv.includes("--no-build")) {
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
    stdio: "inherit",
  });
}

interface Sized {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

function measure(file: string): Sized {
  const bytes = readFileSync(join(DIST, file));
  return {
    file,
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

const html = readFileSync(join(DIST, "index.html"), "utf8");
const referenced = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1] as string);
const initial = [...new Set(referenced)].filter((f) => f.endsWith(".js") || f.endsWith(".css")).map(measure);
const initialNames = new Set(initial.map((s) => s.file));
const assets = readdirSync(join(DIST, "assets")).map((f) => `assets/${f}`);
const lazy = assets.filter((f) => f.endsWith(".js") && !initialNames.has(f)).map(measure);
const fonts = assets.filter((f) => f.endsWith(".woff2"));

const total = (items: Sized[], ext: string) =>
  items
    .filter((s) => s.file.endsWith(ext))
    .reduce((acc, s) => ({ raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli }), {
      raw: 0,
      gzip: 0,
      brotli: 0,
    });
const js = total(initial, ".js");
const css = total(initial, ".css");
const kb = (n: number) => fmt(n / 1024, 1);

const row = (s: Sized) => [s.file, kb(s.raw), kb(s.gzip), kb(s.brotli)];
console.log("\nCitizen's first page: initial JS and CSS (KB)");
console.log(
  formatTable(
    ["file", "raw", "gzip", "brotli"],
    [
      ...initial.map(row),
      ["total JS", kb(js.raw), kb(js.gzip), kb(js.brotli)],
      ["total CSS", kb(css.raw), kb(css.gzip), kb(css.brotli)],
    ],
  ),
);
console.log(
  `\nJS gzip ${kb(js.gzip)} KB against a target of ${TARGET_JS_GZIP_KB} KB: ${
    js.gzip / 1024 < TARGET_JS_GZIP_KB ? "met" : "MISSED"
  } (${fmt((js.gzip / 1024 / TARGET_JS_GZIP_KB) * 100, 0)} % of the budget)`,
);
if (lazy.length > 0) {
  console.log("\nLoaded on demand (KB)");
  console.log(formatTable(["file", "raw", "gzip", "brotli"], lazy.map(row)));
}
console.log(`\n${fonts.length} font files (woff2), fetched per unicode range as text needs them.`);

mkdirSync("bench/results", { recursive: true });
const out = `bench/results/bundle-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(
  out,
  JSON.stringify(
    { initial, totals: { js, css }, lazy, fonts: fonts.length, targetJsGzipKb: TARGET_JS_GZIP_KB },
    null,
    2,
  ),
);
console.log(`\nwritten ${out}`);
