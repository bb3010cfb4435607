/**
 * Top self-time functions (and files) of V8 .cpuprofile files, e.g. those written by
 * `npm run bench:sync -- --server-cpu-prof /tmp/prof`:
 *
 *   node --import tsx bench/profile-summary.ts /tmp/prof/*.cpuprofile [--top 25]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatTable } from "./lib/stats";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" } },
});

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let totalUs = 0;

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "")
    .replace(/^.*\/(server|shared|bench)\//, "$1/");

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? shortUrl(url) : "(native)";
    const fn = `${functionName || "(anonymous)"}  ${where}${url ? `:${lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const pkg = url
      ? where
          .split("/")
          .slice(0, where.startsWith("@") ? 2 : 1)
          .join("/")
      : functionName;
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
  });
}

const top = Number(values.top);
const rows = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => [name, (us / 1000).toFixed(0), ((100 * us) / totalUs).toFixed(1)]);

console.log(`${positionals.length} profile(s), ${(totalUs / 1e6).toFixed(2)} s sampled\n`);
console.log(formatTable(["self time by function", "ms", "%"], rows(byFunction)));
console.log();
console.log(formatTable(["self time by package / top folder", "ms", "%"], rows(byFile)));
