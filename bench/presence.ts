/**
 * Presence at town-hall scale: N clients in one room move their cursor at 10 Hz while one writer edits
 * the document at 5 edits/s. Ruamkid's server against the y-websocket reference server, interleaved per
 * scenario in one run (the machine is shared and noisy).
 *
 *   node --import tsx bench/presence.ts [--quick] [--reps N] [--workers N] [--storage memory,sqlite]
 *                                       [--scenarios 500x5,300x1] [--variants ruamkid,ref-stock,ref-own]
 *                                       [--server-cpu-prof DIR]
 *
 * Clients (bench/lib/presence-worker.ts) behave like the real ones on the wire: against Ruamkid they
 * publish only their own state (client/sync/provider.ts); against the reference they either behave like the
 * stock provider, which sends back every remote state it applies ("stock", what the reference's users
 * run), or publish only their own ("own", to be fair). Per session, over a steady window after a warm-up:
 * server CPU (% of one core, /proc), bytes/s all clients received (= server output, websocket payloads),
 * messages/s per client, server RSS, the achieved cursor-move rate, and the writer's edit fan-out to every
 * client. Writes bench/results/presence-<timestamp>.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SyncClient } from "./lib/client";
import { diffCounters, PresenceFleet } from "./lib/presence-fleet";
import type { PresenceClientSpec, PresenceCounters } from "./lib/presence-protocol";
import { cpuSeconds, machineInfo, peakRssKiB, rssKiB } from "./lib/proc";
import {
  installExitHandlers,
  killAllChildren,
  REPO_ROOT,
  type ServerHandle,
  type Storage,
  startReference,
  startRuamkid,
} from "./lib/servers";
import { fmt, formatMarkdownTable, formatTable, median, summarize } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    reps: { type: "string" },
    workers: { type: "string", default: "2" },
    storage: { type: "string" },
    /** Scenarios as clients×stages, e.g. `500x5,300x1`. */
    scenarios: { type: "string" },
    variants: { type: "string" },
    /** Write V8 CPU profiles of Ruamkid's server (one per session) into this directory. */
    "server-cpu-prof": { type: "string" },
  },
});

const QUICK = args.quick ?? false;
const REPS = Number(args.reps ?? 1);
const WORKERS = Number(args.workers);
const CPU_PROF = args["server-cpu-prof"];
const HZ = 10;
const EDITS_PER_SECOND = 5;
const STAGES = ["empathize", "define", "ideate", "prototype", "test"];
const TARGETS = { cpuPercent: 50, fanoutP99Ms: 50, bytesFactor: 10, atClients: 500 };

const config = QUICK
  ? {
      scenarios: ["50x5", "100x5"],
      storages: ["memory"] as Storage[],
      warmMs: 800,
      steadyMs: 2500,
      drainMs: 700,
      settleMaxMs: 3000,
      hardLimitMs: 90_000,
    }
  : {
      scenarios: ["100x5", "300x1", "300x5", "500x5"],
      storages: ["memory", "sqlite"] as Storage[],
      warmMs: 2000,
      steadyMs: 6000,
      drainMs: 1500,
      settleMaxMs: 8000,
      hardLimitMs: 9.5 * 60_000,
    };
if (args.scenarios) config.scenarios = args.scenarios.split(",");
if (args.storage) config.storages = args.storage.split(",") as Storage[];

type Mode = "own" | "stock";
interface Variant {
  label: string;
  kind: "ruamkid" | "reference";
  storage?: Storage;
  mode: Mode;
}
const VARIANTS: Variant[] = [
  ...config.storages
    .slice(0, 1)
    .map((s) => ({ label: `ruamkid(${s})`, kind: "ruamkid" as const, storage: s, mode: "own" as Mode })),
  { label: "ref(stock)", kind: "reference" as const, mode: "stock" as Mode },
  { label: "ref(own)", kind: "reference" as const, mode: "own" as Mode },
  ...config.storages
    .slice(1)
    .map((s) => ({ label: `ruamkid(${s})`, kind: "ruamkid" as const, storage: s, mode: "own" as Mode })),
].filter(
  (v) =>
    !args.variants || args.variants.split(",").some((w) => v.label.startsWith(w.replace("ref-", "ref("))),
);

installExitHandlers();
const hardLimit = setTimeout(() => {
  console.error(`\nHard time limit (${config.hardLimitMs / 1000} s) reached: stopping.`);
  killAllChildren();
  process.exit(2);
}, config.hardLimitMs);
hardLimit.unref();

const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wall = () => performance.timeOrigin + performance.now();

interface Session {
  scenario: string;
  clients: number;
  stages: number;
  server: string;
  mode: Mode;
  rep: number;
  connectMs: number;
  connectFailed: number;
  settleMs: number;
  windowS: number;
  offeredMovesPerS: number;
  movesPerS: number;
  movesSkippedPerS: number;
  serverCpuPercent: number;
  loadCores: number;
  loadLagP99Ms: number;
  loadLagMaxMs: number;
  bytesOutPerS: number;
  awarenessBytesPerS: number;
  syncBytesPerS: number;
  msgsPerClientPerS: number;
  awarenessMsgsPerClientPerS: number;
  /** Bytes all clients received per cursor move sent (normalizes a server that fell behind). */
  bytesPerMove: number;
  clientBytesUpPerS: number;
  echoEntriesPerS: number;
  serverRssMiB: number;
  serverPeakRssMiB: number;
  editsSent: number;
  fanout: { count: number; p50: number; p99: number; max: number; mean: number } | null;
  allReceived: { count: number; p50: number; p99: number; max: number } | null;
  editsInWindow: number;
  deliveredPercent: number;
  closedByServer: Record<string, number>;
  serverExit: string;
  errors: string[];
}

async function session(variant: Variant, clients: number, stages: number, rep: number): Promise<Session> {
  const scenario = `${clients} clients, ${stages === 1 ? "one stage" : `${stages} stages`}`;
  const result: Session = {
    scenario,
    clients,
    stages,
    server: variant.label,
    mode: variant.mode,
    rep,
    connectMs: Number.NaN,
    connectFailed: 0,
    settleMs: Number.NaN,
    windowS: Number.NaN,
    offeredMovesPerS: clients * HZ,
    movesPerS: Number.NaN,
    movesSkippedPerS: Number.NaN,
    serverCpuPercent: Number.NaN,
    loadCores: Number.NaN,
    loadLagP99Ms: Number.NaN,
    loadLagMaxMs: Number.NaN,
    bytesOutPerS: Number.NaN,
    awarenessBytesPerS: Number.NaN,
    syncBytesPerS: Number.NaN,
    msgsPerClientPerS: Number.NaN,
    awarenessMsgsPerClientPerS: Number.NaN,
    bytesPerMove: Number.NaN,
    clientBytesUpPerS: Number.NaN,
    echoEntriesPerS: Number.NaN,
    serverRssMiB: Number.NaN,
    serverPeakRssMiB: Number.NaN,
    editsSent: 0,
    fanout: null,
    allReceived: null,
    editsInWindow: 0,
    deliveredPercent: Number.NaN,
    closedByServer: {},
    serverExit: "",
    errors: [],
  };
  const [server, fleet] = await Promise.all([
    variant.kind === "ruamkid"
      ? startRuamkid({
          storage: variant.storage ?? "memory",
          nodeArgs: CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [],
        })
      : startReference(),
    PresenceFleet.start(WORKERS),
  ]);
  let writer: SyncClient | null = null;
  let editTimer: NodeJS.Timeout | null = null;
  try {
    const room = await server.prepareRoom();
    writer = new SyncClient(room.wsUrl);
    await writer.synced;
    const specs: PresenceClientSpec[] = Array.from({ length: clients }, (_, gid) => ({
      gid,
      url: room.wsUrl,
      stage: STAGES[gid % stages] as string,
      mode: variant.mode,
    }));
    const connected = await fleet.connect(specs);
    result.connectMs = connected.ms;
    result.connectFailed = connected.failed;
    result.errors.push(...connected.errors);

    // The join storm (the reference relays each join to everyone; stock clients echo it back).
    const settleStart = performance.now();
    let last = await fleet.counters();
    while (performance.now() - settleStart < config.settleMaxMs) {
      await sleep(250);
      const next = await fleet.counters();
      const d = diffCounters(last, next);
      last = next;
      if (d.msgsIn.perSecond < clients) break;
    }
    result.settleMs = performance.now() - settleStart;

    // Flood + writer.
    let seq = 0;
    const w = writer;
    const sentAt: number[] = [];
    const edit = () => {
      const at = wall();
      sentAt.push(at);
      w.doc.getMap<number>("bench").set(`pz|${seq}|${at.toFixed(3)}|`, seq);
      seq++;
    };
    await fleet.move(HZ);
    editTimer = setInterval(edit, 1000 / EDITS_PER_SECOND);
    await sleep(config.warmMs);

    const loadCpu = () => fleet.pids.reduce((s, pid) => s + cpuSeconds(pid), 0);
    const c0 = await fleet.counters();
    const cpu0 = cpuSeconds(server.pid);
    const load0 = loadCpu();
    const t0 = wall();
    const writerBytes0 = writer.counters.bytesIn;
    await sleep(config.steadyMs);
    const t1 = wall();
    const cpu1 = cpuSeconds(server.pid);
    const load1 = loadCpu();
    const writerBytes1 = writer.counters.bytesIn;
    result.serverRssMiB = rssKiB(server.pid) / 1024;
    result.serverPeakRssMiB = peakRssKiB(server.pid) / 1024;
    const c1 = await fleet.counters(60_000);
    const seconds = (t1 - t0) / 1000;
    result.windowS = seconds;
    result.serverCpuPercent = ((cpu1 - cpu0) / seconds) * 100;
    result.loadCores = (load1 - load0) / seconds;
    const d = diffCounters(c0, c1);
    // The writer is a client too: what it received is server output.
    const writerPerS = (writerBytes1 - writerBytes0) / seconds;
    result.bytesOutPerS = d.bytesIn.perSecond + writerPerS;
    result.awarenessBytesPerS = d.awarenessBytesIn.perSecond;
    result.syncBytesPerS = d.syncBytesIn.perSecond;
    result.msgsPerClientPerS = d.msgsIn.perSecond / clients;
    result.awarenessMsgsPerClientPerS = d.awarenessMsgsIn.perSecond / clients;
    result.movesPerS = d.moves.perSecond;
    result.movesSkippedPerS = d.movesSkipped.perSecond;
    result.bytesPerMove = d.moves.total > 0 ? d.bytesIn.total / d.moves.total : Number.NaN;
    result.clientBytesUpPerS = d.bytesOut.perSecond;
    result.echoEntriesPerS = d.echoEntries.perSecond;
    result.loadLagP99Ms = d.lagP99Ms;
    result.loadLagMaxMs = d.lagMaxMs;

    // Let deliveries of the window's edits arrive while the flood goes on.
    await sleep(config.drainMs);
    clearInterval(editTimer);
    editTimer = null;
    result.editsSent = seq;
    const edits = await fleet.edits(t0, t1);
    const sentInWindow = sentAt.filter((at) => at >= t0 && at < t1).length;
    result.editsInWindow = sentInWindow;
    result.fanout = edits.latencies.length ? summarize(edits.latencies) : null;
    const complete = edits.perEdit.filter(([, , n]) => n >= clients).map(([, max]) => max);
    result.allReceived = complete.length ? summarize(complete) : null;
    result.deliveredPercent = (100 * edits.latencies.length) / Math.max(1, sentInWindow * clients);
    if (edits.perEdit.length < sentInWindow)
      result.errors.push(
        `${sentInWindow - edits.perEdit.length} of ${sentInWindow} window edits reached no client within ${config.drainMs} ms`,
      );
    const status = await fleet.counters(30_000).catch(() => [] as PresenceCounters[]);
    for (const c of status)
      for (const [code, n] of Object.entries(c.closedByServer))
        result.closedByServer[code] = (result.closedByServer[code] ?? 0) + n;
  } catch (error) {
    result.errors.push(String((error as Error)?.stack ?? error));
    log(`    error: ${String(error)}`);
  } finally {
    if (editTimer) clearInterval(editTimer);
    await fleet.still().catch(() => {});
    writer?.terminate();
    await fleet.stop();
    await finishServer(server, result);
  }
  const f = result.fanout;
  log(
    `  ${variant.label} rep ${rep}: moves ${fmt(result.movesPerS, 0)}/${result.offeredMovesPerS}/s, ` +
      `server CPU ${fmt(result.serverCpuPercent, 0)} %, out ${fmt(result.bytesOutPerS / 1e6, 2)} MB/s, ` +
      `${fmt(result.msgsPerClientPerS, 1)} msg/s/client, RSS ${fmt(result.serverRssMiB, 0)} MiB, ` +
      `edits p50/p99/max ${fmt(f?.p50)}/${fmt(f?.p99)}/${fmt(f?.max)} ms (${fmt(result.deliveredPercent, 1)} %), ` +
      `load ${fmt(result.loadCores, 2)} cores lag p99 ${fmt(result.loadLagP99Ms, 0)} ms` +
      (Object.keys(result.closedByServer).length ? `, closed ${JSON.stringify(result.closedByServer)}` : ""),
  );
  return result;
}

async function finishServer(server: ServerHandle, result: Session): Promise<void> {
  const alive = server.child.exitCode === null && server.child.signalCode === null;
  const exit = await server.stop(2000);
  result.serverExit = alive ? `stopped (${exit})` : `DIED during the run (${exit})`;
  if (!alive)
    result.errors.push(
      ...server
        .output()
        .split("\n")
        .filter((l) => /error|exception|fatal/i.test(l))
        .slice(0, 10),
    );
}

// ---------------------------------------------------------------------------------------------------

interface Metric {
  name: string;
  pick: (s: Session) => number | null | undefined;
  digits: number;
  higherIsBetter?: boolean;
}

const METRICS: Metric[] = [
  { name: "cursor moves sent /s", pick: (s) => s.movesPerS, digits: 0, higherIsBetter: true },
  {
    name: "  of offered (N × 10 Hz) %",
    pick: (s) => (100 * s.movesPerS) / s.offeredMovesPerS,
    digits: 0,
    higherIsBetter: true,
  },
  { name: "server CPU % of a core", pick: (s) => s.serverCpuPercent, digits: 0 },
  { name: "server CPU % per 1k moves/s", pick: (s) => (s.serverCpuPercent / s.movesPerS) * 1000, digits: 1 },
  { name: "bytes out /s (MB)", pick: (s) => s.bytesOutPerS / 1e6, digits: 3 },
  { name: "bytes out per move sent", pick: (s) => s.bytesPerMove, digits: 0 },
  {
    // What the reference would have to send to relay every move sent to every client (each relayed move
    // is one message of about the measured average awareness message size); its measured output is lower
    // only because it falls behind.
    name: "ref: bytes owed /s (MB)",
    pick: (s) =>
      s.server.startsWith("ref") && s.awarenessMsgsPerClientPerS > 0
        ? (s.movesPerS * s.clients * (s.awarenessBytesPerS / (s.awarenessMsgsPerClientPerS * s.clients))) /
          1e6
        : Number.NaN,
    digits: 1,
  },
  { name: "msgs /s per client", pick: (s) => s.msgsPerClientPerS, digits: 1 },
  {
    // The reference relays each move as one message to every socket: received / owed. Not applicable to
    // Ruamkid (coalesced and scoped by design).
    name: "ref: moves relayed to each client %",
    pick: (s) =>
      s.server.startsWith("ref") ? (100 * s.awarenessMsgsPerClientPerS) / s.movesPerS : Number.NaN,
    digits: 0,
    higherIsBetter: true,
  },
  { name: "edit fan-out p50 ms", pick: (s) => s.fanout?.p50, digits: 1 },
  { name: "edit fan-out p99 ms", pick: (s) => s.fanout?.p99, digits: 1 },
  { name: "edit fan-out max ms", pick: (s) => s.fanout?.max, digits: 1 },
  { name: "edit all-received p99 ms", pick: (s) => s.allReceived?.p99, digits: 1 },
  { name: "edits delivered %", pick: (s) => s.deliveredPercent, digits: 1, higherIsBetter: true },
  { name: "server RSS MiB", pick: (s) => s.serverRssMiB, digits: 0 },
  { name: "client bytes up /s (MB)", pick: (s) => s.clientBytesUpPerS / 1e6, digits: 3 },
  { name: "load procs cores", pick: (s) => s.loadCores, digits: 2 },
  { name: "load procs lag p99 ms", pick: (s) => s.loadLagP99Ms, digits: 0 },
];

function buildReport(sessions: Session[]) {
  const labels = VARIANTS.map((v) => v.label);
  const ours = labels.filter((l) => l.startsWith("ruamkid"));
  const refs = labels.filter((l) => l.startsWith("ref"));
  const main = ours[0];
  const header = [
    "scenario / metric",
    ...labels,
    ...(main ? refs.map((r) => `${main.replace("ruamkid", "ours")}/${r}`) : []),
  ];
  const rows: string[][] = [];
  const json: Record<string, unknown>[] = [];
  const scenarios = [...new Set(sessions.map((s) => s.scenario))];
  const value = (scenario: string, label: string, m: Metric) =>
    median(
      sessions
        .filter((s) => s.scenario === scenario && s.server === label)
        .map((s) => m.pick(s) ?? Number.NaN),
    );
  for (const scenario of scenarios) {
    rows.push([scenario, ...header.slice(1).map(() => "")]);
    for (const m of METRICS) {
      const values = Object.fromEntries(labels.map((l) => [l, value(scenario, l, m)]));
      if (labels.every((l) => Number.isNaN(values[l]))) continue;
      const ratios = main
        ? refs.map((r) => {
            const a = values[main] as number;
            const b = values[r] as number;
            if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "–";
            const x = a / b;
            return x >= 0.1 ? `${x.toFixed(2)}×` : `1/${(1 / x).toFixed(0)}`;
          })
        : [];
      rows.push([`  ${m.name}`, ...labels.map((l) => fmt(values[l], m.digits)), ...ratios]);
      json.push({ scenario, metric: m.name, ...values });
    }
  }
  // Targets (Ruamkid's main storage, largest scenario with the target size).
  const targetLines: string[] = [];
  if (main) {
    for (const scenario of scenarios) {
      const at = sessions.find((s) => s.scenario === scenario);
      if (!at) continue;
      const cpu = value(scenario, main, METRICS[2] as Metric);
      const p99 = value(scenario, main, METRICS.find((m) => m.name === "edit fan-out p99 ms") as Metric);
      const bytes = value(scenario, main, METRICS[4] as Metric);
      const refStock = value(scenario, "ref(stock)", METRICS[4] as Metric);
      const owed = value(
        scenario,
        "ref(stock)",
        METRICS.find((m) => m.name.startsWith("ref: bytes owed")) as Metric,
      );
      const achieved = value(scenario, main, METRICS[1] as Metric);
      const mark = (ok: boolean) => (ok ? "met" : "MISSED");
      targetLines.push(
        `${scenario}: server CPU ${fmt(cpu, 0)} % (< ${TARGETS.cpuPercent} %: ${mark(cpu < TARGETS.cpuPercent)}` +
          `${achieved < 95 ? `; offered rate reached only ${fmt(achieved, 0)} %, scaled to 100 %: ${fmt((cpu * 100) / achieved, 0)} %` : ""}); ` +
          `edit p99 ${fmt(p99)} ms (< ${TARGETS.fanoutP99Ms} ms: ${mark(p99 < TARGETS.fanoutP99Ms)}); ` +
          `bytes out ${Number.isFinite(refStock) ? `1/${fmt(refStock / bytes, 1)} of ref(stock)` : "–"} ` +
          `(≥ ${TARGETS.bytesFactor}× lower: ${mark(refStock / bytes >= TARGETS.bytesFactor)}), ` +
          `1/${fmt(owed / bytes, 1)} of what ref(stock) owes (${mark(owed / bytes >= TARGETS.bytesFactor)})`,
      );
    }
  }
  const problems = sessions
    .filter(
      (s) =>
        s.errors.length ||
        s.connectFailed ||
        Object.keys(s.closedByServer).length ||
        s.serverExit.startsWith("DIED"),
    )
    .map(
      (s) =>
        `${s.scenario} ${s.server} rep ${s.rep}: ${s.connectFailed ? `${s.connectFailed} failed to connect; ` : ""}` +
        `${Object.keys(s.closedByServer).length ? `server closed ${JSON.stringify(s.closedByServer)}; ` : ""}` +
        `${s.serverExit.startsWith("DIED") ? `${s.serverExit}; ` : ""}${s.errors.map((e) => e.split("\n")[0]).join("; ")}`,
    );
  const notes =
    `Each client moves its cursor at ${HZ} Hz; one more client writes ${EDITS_PER_SECOND} edits/s. Steady window ` +
    `${config.steadyMs / 1000} s after ${config.warmMs / 1000} s of flood. bytes out = websocket payload bytes all clients received ` +
    `(frame headers not counted). ref(stock): clients send back every newer remote entry like the stock provider; ` +
    `ref(own)/ruamkid: clients publish only their own state. Median over reps.`;
  return {
    text: `${formatTable(header, rows)}\n\n${targetLines.join("\n")}${problems.length ? `\n\nProblems:\n  ${problems.join("\n  ")}` : ""}\n\n${notes}`,
    markdown: formatMarkdownTable(header, rows),
    rows: json,
    targets: targetLines,
    problems,
  };
}

function gitState(): { head: string; dirty: string[] } {
  const git = (...a: string[]) => execFileSync("git", a, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  try {
    return {
      head: git("rev-parse", "HEAD"),
      dirty: git("status", "--porcelain", "server", "shared").split("\n"),
    };
  } catch {
    return { head: "unknown", dirty: [] };
  }
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const started = Date.now();
  log(
    `${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}; ${QUICK ? "quick" : "full"} run, ${REPS} rep(s), ` +
      `${WORKERS} load processes; variants: ${VARIANTS.map((v) => v.label).join(", ")}; load average ${execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).trim()}`,
  );
  const sessions: Session[] = [];
  for (const scenario of config.scenarios) {
    const [clients, stages] = scenario.split("x").map(Number) as [number, number];
    log(`\n${clients} clients × ${HZ} Hz, ${stages} stage(s)`);
    for (let rep = 1; rep <= REPS; rep++)
      for (const variant of VARIANTS) sessions.push(await session(variant, clients, stages, rep));
  }
  const report = buildReport(sessions);
  console.log(`\n${report.text}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = join(REPO_ROOT, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `presence-${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        benchmark: "presence",
        startedAt: new Date(started).toISOString(),
        durationS: (Date.now() - started) / 1000,
        machine,
        loadavg: execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).trim(),
        git: gitState(),
        options: {
          quick: QUICK,
          reps: REPS,
          workers: WORKERS,
          hz: HZ,
          editsPerSecond: EDITS_PER_SECOND,
          targets: TARGETS,
          config,
        },
        variants: VARIANTS,
        table: report.rows,
        markdown: report.markdown,
        targets: report.targets,
        problems: report.problems,
        sessions,
      },
      null,
      2,
    )}\n`,
  );
  log(`\nWrote ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main()
  .then(() => {
    clearTimeout(hardLimit);
    killAllChildren();
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  });
