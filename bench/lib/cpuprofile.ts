/** Self and inclusive time per function of a V8 .cpuprofile (Chromium's CDP Profiler or node --cpu-prof). */

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  /** file:line (1-based), shortened to the path after the last node_modules/ or the origin. */
  where: string;
  selfMs: number;
  totalMs: number;
}

const shorten = (url: string) => {
  if (!url) return "";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  try {
    const path = new URL(url).pathname;
    const root = `${process.cwd()}/`;
    return path.startsWith(root) ? path.slice(root.length) : path.replace(/^\//, "");
  } catch {
    return url;
  }
};

/** Per function (name + location): self time and inclusive time (each sample counted once per function). */
export function functionTimes(profile: CpuProfile): {
  total: number;
  idle: number;
  functions: FunctionTime[];
} {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (id: number) => {
    const f = byId.get(id)?.callFrame;
    return f ? `${f.functionName || "(anonymous)"}\u0000${shorten(f.url)}:${f.lineNumber + 1}` : "?";
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const name = byId.get(id)?.callFrame.functionName;
    if (name === "(idle)" || name === "(program)") {
      idle += dt;
      return;
    }
    const key = keyOf(id);
    self.set(key, (self.get(key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  const functions = [...inclusive.entries()].map(([key, totalMs]) => {
    const [name, where] = key.split("\u0000") as [string, string];
    return { name, where, selfMs: self.get(key) ?? 0, totalMs };
  });
  return { total, idle, functions };
}

export const topBySelf = (profile: CpuProfile, n: number): FunctionTime[] =>
  functionTimes(profile)
    .functions.sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, n);

export const topByTotal = (
  profile: CpuProfile,
  n: number,
  skip = /^\(root\)$|^\(anonymous\)$/,
): FunctionTime[] =>
  functionTimes(profile)
    .functions.filter((f) => !skip.test(f.name))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, n);
