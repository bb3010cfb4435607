/**
 * `npm run bench:load [-- --quick] [-- --cpu-prof]`: a big workshop's storage and cold load.
 *
 * 10,000 notes and 100,000 updates of history (quick: 2,000 / 10,000) from 8 simulated clients (adds,
 * retyping, drags as runs of moves, recolors, a few deletes) are written into a server's SQLite update
 * log through the real persistence API, with attribution rows as the server writes them. Then:
 * - storage (file + WAL, stored blobs, attribution rows) before and after the server's compaction,
 *   against `Y.encodeStateAsUpdate` of the same document;
 * - cold first sync with a raw client (sync step1 sent at open → step2 received), with the full
 *   uncompacted log (a fresh copy and a fresh server process per sample) and after compaction (a fresh
 *   process, then warm-process reloads of the unloaded room);
 * - a fresh browser context (a returning facilitator) from navigation to all notes rendered, uncompacted
 *   and compacted;
 * - an in-process breakdown of the load: SQLite read, `Y.applyUpdate` of snapshot + log, encoding the diff.
 * `--cpu-prof` writes the first uncompacted server's V8 profile to bench/results/profiles/ and prints its top.
 */

import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { authorOf } from "../server/guard/attribution";
import { createSqlitePersistence } from "../server/persistence/sqlite";
import { newToken, newWorkshopId } from "../shared/ids";
import { initWorkshop } from "../shared/model";
import { contentRoom, controlRoom, ROLES, type Role, workshopLink } from "../shared/protocol";
import { DESKTOP } from "../tests/support/browser";
import { type CpuProfile, topBySelf, topByTotal } from "./lib/cpuprofile";
import { joinOnce, launchBenchChromium, measureFirstRender } from "./lib/page";
import { firstSync } from "./lib/rawsync";
import { generateHistory } from "./lib/seed";
import { freePort, installExitHandlers, REPO_ROOT, type ServerHandle, startRuamkid } from "./lib/servers";
import { fmt, formatTable, median } from "./lib/stats";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    build: { type: "boolean", default: false },
  },
});
const QUICK = values.quick ?? false;
const NOTES = QUICK ? 2_000 : 10_000;
const UPDATES = QUICK ? 10_000 : 100_000;
const COLD_SAMPLES = QUICK ? 2 : 3;
const WARM_SAMPLES = 5;
const TARGET_SYNC_MS = 300;
const TARGET_STORAGE_RATIO = 2;
const DB_FILE = "ruamkid.sqlite";

process.chdir(REPO_ROOT);
installExitHandlers();
if (values.build || !existsSync("dist/client/index.html"))
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
    stdio: "inherit",
  });

const started = performance.now();
const temp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
};

// ---- 1. history into the update log ----

let t = performance.now();
const history = generateHistory({ notes: NOTES, updates: UPDATES, clients: 8 });
const generateMs = performance.now() - t;
const reference = Y.encodeStateAsUpdate(history.doc);
const referenceV2 = Y.encodeStateAsUpdateV2(history.doc);
const finalNotes = history.doc.getMap("notes").size;
const logBytes = history.updates.reduce((n, u) => n + u.data.byteLength, 0);
console.log(
  `history: ${history.updates.length} updates (${Object.entries(history.ops)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ")}), ${finalNotes} notes, generated in ${fmt(generateMs / 1000, 1)} s`,
);

const base = tempDir("ruamkid-load-");
const id = newWorkshopId();
const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken() as string])) as Record<Role, string>;
const room = contentRoom(id);
t = performance.now();
{
  const persistence = createSqlitePersistence(base);
  const control = new Y.Doc();
  initWorkshop(control, { title: `Load ${NOTES}`, challenge: "How might we shorten the permit queue?" });
  persistence.createWorkshop({ id, title: `Load ${NOTES}`, createdAt: Date.now(), tokens }, [
    { room: controlRoom(id), state: Y.encodeStateAsUpdate(control) },
  ]);
  for (const update of history.updates) {
    const who = { role: "team" as Role, participantId: `bench-participant-${update.client}` };
    persistence.appendUpdate(room, update.data, authorOf(update.data, who).author);
  }
  persistence.close();
}
const appendMs = performance.now() - t;
console.log(`appended through the persistence API in ${fmt(appendMs / 1000, 1)} s`);

// ---- storage ----

interface Storage {
  fileBytes: number;
  walBytes: number;
  /** (page_count − freelist_count) × page_size: what a VACUUM would leave. */
  livePageBytes: number;
  updates: number;
  updateBlobBytes: number;
  snapshotBytes: number;
  authorRows: number;
  authorBytes: number;
}

function storage(dir: string): Storage {
  const file = join(dir, DB_FILE);
  const fileBytes = statSync(file).size;
  const walBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
  const db = new Database(file, { readonly: true });
  try {
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
    const u = one<{ n: number; b: number }>(
      "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS b FROM updates WHERE room = ?",
      room,
    );
    const s = one<{ b: number } | undefined>("SELECT LENGTH(data) AS b FROM snapshots WHERE room = ?", room);
    const a = one<{ n: number; b: number }>(
      "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(changes) + LENGTH(COALESCE(participant_id, '')) + LENGTH(role) + 16), 0) AS b FROM update_authors WHERE room = ?",
      room,
    );
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const pages = db.pragma("page_count", { simple: true }) as number;
    const free = db.pragma("freelist_count", { simple: true }) as number;
    return {
      fileBytes,
      walBytes,
      livePageBytes: (pages - free) * pageSize,
      updates: u.n,
      updateBlobBytes: u.b,
      snapshotBytes: s?.b ?? 0,
      authorRows: a.n,
      authorBytes: a.b,
    };
  } finally {
    db.close();
  }
}

// ---- 2. in-process breakdown of a cold load ----

const breakdown = await (async () => {
  const persistence = createSqlitePersistence(base);
  try {
    let t0 = performance.now();
    const stored = await persistence.loadRoom(room);
    const readMs = performance.now() - t0;
    t0 = performance.now();
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.data);
    const applyMs = performance.now() - t0;
    t0 = performance.now();
    const diff = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
    const encodeMs = performance.now() - t0;
    // The same document from its compacted form.
    t0 = performance.now();
    const compacted = new Y.Doc();
    Y.applyUpdate(compacted, diff);
    const applySnapshotMs = performance.now() - t0;
    doc.destroy();
    compacted.destroy();
    return { readMs, applyMs, encodeMs, applySnapshotMs, logUpdates: stored.updates.length };
  } finally {
    persistence.close();
  }
})();

// ---- 3. servers ----

// One port for every server: the returning participant's localStorage belongs to the origin.
const PORT = await freePort();
const serverOn = (dataDir: string, nodeArgs: string[] = []) =>
  startRuamkid({ storage: "sqlite", env: { DATA_DIR: dataDir, PORT: String(PORT) }, nodeArgs });
const wsUrl = (server: ServerHandle) =>
  `ws://127.0.0.1:${server.port}/sync/${room}?token=${encodeURIComponent(tokens.facilitator)}`;
const linkOf = (server: ServerHandle) => workshopLink(server.httpUrl, id, "facilitator", tokens.facilitator);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const browser = await launchBenchChromium();
const profileDir = resolve("bench/results/profiles");
let serverProfile: { file: string; self: unknown; total: unknown } | null = null;

try {
  // A returning facilitator, joined with the board's sync blocked, so the room is not loaded (and so not
  // compacted) before the measurements.
  let storageState: Awaited<ReturnType<typeof joinOnce>>;
  {
    const server = await serverOn(base);
    try {
      storageState = await joinOnce(browser, linkOf(server), "Bench", { blockSync: true });
    } finally {
      await server.stop();
    }
  }
  const before = storage(base);
  if (before.updates !== UPDATES)
    throw new Error(`expected ${UPDATES} logged updates, found ${before.updates}`);

  // Cold, full log: a fresh copy and a fresh process each time.
  const coldFull: Awaited<ReturnType<typeof firstSync>>[] = [];
  const warmCompacted: Awaited<ReturnType<typeof firstSync>>[] = [];
  let compactedDir = "";
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const dir = tempDir("ruamkid-load-copy-");
    cpSync(base, dir, { recursive: true });
    const profiling = values["cpu-prof"] && i === 0;
    const profDir = profiling ? tempDir("ruamkid-prof-") : "";
    const server = await serverOn(dir, profiling ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []);
    try {
      const sync = await firstSync(wsUrl(server));
      coldFull.push(sync);
      // Leaving unloads the room, which compacts it.
      await sync.close();
      await sleep(300);
      if (i === 0) {
        compactedDir = dir;
        for (let w = 0; w < WARM_SAMPLES; w++) {
          const again = await firstSync(wsUrl(server));
          warmCompacted.push(again);
          await again.close();
          await sleep(100);
        }
      }
    } finally {
      await server.stop(15_000);
    }
    if (profiling) {
      const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
      if (file) {
        mkdirSync(profileDir, { recursive: true });
        const out = join(profileDir, `load-server-${NOTES}.cpuprofile`);
        cpSync(join(profDir, file), out);
        const profile = JSON.parse(readFileSync(out, "utf8")) as CpuProfile;
        serverProfile = { file: out, self: topBySelf(profile, 15), total: topByTotal(profile, 25) };
        console.log(`\nserver profile (${out}): top self time`);
        console.log(
          formatTable(
            ["function", "where", "self ms", "total ms"],
            topBySelf(profile, 15).map((f) => [f.name, f.where, fmt(f.selfMs), fmt(f.totalMs)]),
          ),
        );
        console.log("server profile: inclusive time in Ruamkid's server and Yjs");
        console.log(
          formatTable(
            ["function", "where", "total ms"],
            topByTotal(profile, 400)
              .filter(
                (f) =>
                  /^(server\/|shared\/|yjs\/|lib0\/|better-sqlite3\/)/.test(f.where) ||
                  /server\/|shared\//.test(f.where),
              )
              .slice(0, 20)
              .map((f) => [f.name, f.where, fmt(f.totalMs)]),
          ),
        );
      }
    }
  }
  const after = storage(compactedDir);

  // Browser, full log: a fresh copy, a fresh process, a fresh context.
  const browserLoad = async (dir: string) => {
    const server = await serverOn(dir);
    const context = await browser.newContext({ viewport: DESKTOP, storageState });
    try {
      const page = await context.newPage();
      return await measureFirstRender(page, linkOf(server), finalNotes);
    } finally {
      await context.close();
      await server.stop(15_000);
    }
  };
  const fullCopy = tempDir("ruamkid-load-copy-");
  cpSync(base, fullCopy, { recursive: true });
  const browserFull = await browserLoad(fullCopy);

  // Compacted: first connection of a fresh process, then the browser on another fresh process.
  let coldCompacted: Awaited<ReturnType<typeof firstSync>>;
  {
    const server = await serverOn(compactedDir);
    try {
      coldCompacted = await firstSync(wsUrl(server));
      await coldCompacted.close();
    } finally {
      await server.stop(15_000);
    }
  }
  const browserCompacted = await browserLoad(compactedDir);

  // ---- report ----
  const kb = (n: number) => fmt(n / 1024, 0);
  const ratioTo = (n: number) => `${fmt(n / reference.byteLength, 2)}×`;
  const stored = (s: Storage) => s.fileBytes + s.walBytes;
  console.log(
    `\nStorage of one workshop: ${finalNotes} notes, ${UPDATES} updates of history (KB; × = vs encodeStateAsUpdate ${kb(reference.byteLength)} KB)`,
  );
  console.log(
    formatTable(
      [
        "",
        "file+WAL",
        "×",
        "live pages",
        "×",
        "update blobs",
        "snapshot",
        "blobs ×",
        "attribution rows",
        "attribution KB",
      ],
      [["before compaction", before, false] as const, ["after compaction", after, true] as const].map(
        ([label, s]) => [
          label,
          kb(stored(s)),
          ratioTo(stored(s)),
          kb(s.livePageBytes),
          ratioTo(s.livePageBytes),
          `${s.updates} = ${kb(s.updateBlobBytes)}`,
          kb(s.snapshotBytes),
          ratioTo(s.updateBlobBytes + s.snapshotBytes),
          String(s.authorRows),
          kb(s.authorBytes),
        ],
      ),
    ),
  );
  console.log(
    `reference: encodeStateAsUpdate ${kb(reference.byteLength)} KB (V2 ${kb(referenceV2.byteLength)} KB); the updates as generated ${kb(logBytes)} KB`,
  );

  const syncRow = (label: string, samples: Awaited<ReturnType<typeof firstSync>>[]) => [
    label,
    String(samples.length),
    fmt(median(samples.map((s) => s.openMs)), 1),
    fmt(median(samples.map((s) => s.step1ToStep2Ms)), 1),
    fmt(Math.max(...samples.map((s) => s.step1ToStep2Ms)), 1),
    fmt(median(samples.map((s) => s.totalMs)), 1),
    kb(samples[0]?.step2Bytes ?? 0),
  ];
  console.log(`\nFirst sync of a cold room, raw client (ms; median of n)`);
  console.log(
    formatTable(
      ["", "n", "open", "step1→step2", "max", "connect→step2", "step2 KB"],
      [
        syncRow("full log, fresh process", coldFull),
        syncRow("compacted, fresh process", [coldCompacted]),
        syncRow("compacted, warm process", warmCompacted),
      ],
    ),
  );
  console.log(
    `in-process: SQLite read ${fmt(breakdown.readMs, 0)} ms, Y.applyUpdate × ${breakdown.logUpdates} ${fmt(breakdown.applyMs, 0)} ms, ` +
      `encodeStateAsUpdate ${fmt(breakdown.encodeMs, 0)} ms, applying the compacted state ${fmt(breakdown.applySnapshotMs, 0)} ms`,
  );
  console.log(`\nFresh browser context, navigation → ${finalNotes} notes (ms)`);
  console.log(
    formatTable(
      ["", "first note", "all notes", "painted"],
      [["full log", browserFull] as const, ["compacted", browserCompacted] as const].map(([label, r]) => [
        label,
        fmt(r.firstNoteMs, 0),
        fmt(r.allNotesMs, 0),
        fmt(r.paintedMs, 0),
      ]),
    ),
  );

  const ratioAfter = stored(after) / reference.byteLength;
  const fullSync = median(coldFull.map((s) => s.step1ToStep2Ms));
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    `\nafter compaction file+WAL ${fmt(ratioAfter, 2)}× the document (target ≤ ${TARGET_STORAGE_RATIO}×): ${verdict(ratioAfter <= TARGET_STORAGE_RATIO)}; ` +
      `blobs ${fmt((after.updateBlobBytes + after.snapshotBytes) / reference.byteLength, 2)}×: ${verdict((after.updateBlobBytes + after.snapshotBytes) / reference.byteLength <= TARGET_STORAGE_RATIO)}`,
  );
  console.log(
    `cold first sync, full log ${fmt(fullSync, 0)} ms, compacted ${fmt(coldCompacted.step1ToStep2Ms, 0)} ms (target < ${TARGET_SYNC_MS}): ` +
      `${verdict(fullSync < TARGET_SYNC_MS)} / ${verdict(coldCompacted.step1ToStep2Ms < TARGET_SYNC_MS)}`,
  );
  console.log(`total ${fmt((performance.now() - started) / 1000, 0)} s`);

  mkdirSync("bench/results", { recursive: true });
  const out = `bench/results/load-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  const strip = ({ close: _close, ...rest }: Awaited<ReturnType<typeof firstSync>>) => rest;
  writeFileSync(
    out,
    JSON.stringify(
      {
        quick: QUICK,
        notes: finalNotes,
        updates: UPDATES,
        ops: history.ops,
        generateMs,
        appendMs,
        referenceBytes: reference.byteLength,
        referenceV2Bytes: referenceV2.byteLength,
        generatedLogBytes: logBytes,
        storage: { before, after },
        breakdown,
        firstSync: {
          coldFull: coldFull.map(strip),
          coldCompacted: strip(coldCompacted),
          warmCompacted: warmCompacted.map(strip),
        },
        browser: { full: browserFull, compacted: browserCompacted },
        serverProfile,
        targets: { syncMs: TARGET_SYNC_MS, storageRatio: TARGET_STORAGE_RATIO },
      },
      null,
      2,
    ),
  );
  console.log(`written ${out}`);
} finally {
  await browser.close();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
