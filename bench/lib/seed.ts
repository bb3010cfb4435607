/**
 * Workshop content for the board and cold-load benchmarks: realistic note texts, a grid layout that
 * leaves an empty band to grab the board by, seeding through the sync protocol (a stock Node-side
 * `WebsocketProvider`), and a multi-client edit history for the SQLite update log.
 */

import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { BOARD_HEIGHT, BOARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH } from "../../client/board/geometry";
import type { NoteId, ParticipantId } from "../../shared/ids";
import { addNote, deleteNote, editNote, moveNote, recolorNote } from "../../shared/model";
import { contentRoom, SYNC_PATH } from "../../shared/protocol";
import { NOTE_COLORS, type StageId } from "../../shared/schema";

/** A deterministic PRNG (mulberry32), so two runs seed the same workshop. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], r: () => number): T => items[Math.floor(r() * items.length)] as T;

const SUBJECTS = [
  "ผู้สูงอายุ",
  "Citizens",
  "Officers at the counter",
  "แม่ค้าในตลาด",
  "Farmers",
  "นักเรียน",
  "Small shop owners",
  "คนพิการ",
  "Migrant workers",
  "Young parents",
];
const VERBS = [
  "wait too long for",
  "ไม่เข้าใจ",
  "need help with",
  "ต้องเดินทางไกลเพื่อ",
  "are confused by",
  "want a faster way to",
  "ไม่มีข้อมูลเรื่อง",
  "give up on",
];
const OBJECTS = [
  "the land permit",
  "การต่อใบอนุญาต",
  "the queue ticket",
  "แบบฟอร์มออนไลน์",
  "the health card",
  "เบี้ยยังชีพ",
  "tax refunds",
  "บัตรประชาชน",
  "the bus schedule",
  "appointment reminders",
];

/** A short sticky-note sentence mixing Thai and English, like a real empathize board. */
export function noteText(r: () => number): string {
  return `${pick(SUBJECTS, r)} ${pick(VERBS, r)} ${pick(OBJECTS, r)}`;
}

export const AUTHOR_NAMES = ["Somchai", "Nok", "Ploy", "Anan", "Kanya", "Mali", "Tee", "Fah", "Beam", "Ning"];

/**
 * The board (2,400 × 1,600) has room for ~130 notes side by side, so thousands overlap on a fine grid.
 * No note reaches into the band [BAND_TOP, BAND_BOTTOM] (board coordinates, visible at scroll 0): there
 * the background can always be grabbed to pan, whatever the note count.
 */
export const BAND_TOP = 260;
export const BAND_BOTTOM = 420;

export function gridPositions(count: number): { x: number; y: number }[] {
  const rowsAbove = [0, 40, 80].filter((y) => y + NOTE_HEIGHT < BAND_TOP + 8);
  const below: number[] = [];
  const span = BOARD_HEIGHT - NOTE_HEIGHT - BAND_BOTTOM;
  // As many columns as the width allows at a ~3:2 cell shape, rows to match.
  const cols = Math.max(1, Math.ceil(Math.sqrt(count * 1.5)));
  const rows = Math.max(1, Math.ceil(count / cols) - rowsAbove.length);
  for (let i = 0; i < rows; i++) below.push(BAND_BOTTOM + Math.round((span * i) / Math.max(1, rows - 1)));
  const ys = [...rowsAbove, ...below];
  const stepX = (BOARD_WIDTH - NOTE_WIDTH) / Math.max(1, cols - 1);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols) % ys.length;
    out.push({ x: Math.round((i % cols) * stepX), y: ys[row] as number });
  }
  return out;
}

/** `count` notes on `stage` written into `doc`, `batch` notes per transaction (= per network update). */
export function writeNotes(
  doc: Y.Doc,
  options: { count: number; stage: StageId; seed?: number; batch?: number; now?: number },
): void {
  const r = rng(options.seed ?? 1);
  const positions = gridPositions(options.count);
  const batch = options.batch ?? 500;
  const start = options.now ?? Date.now() - options.count * 1000;
  for (let from = 0; from < options.count; from += batch) {
    doc.transact(() => {
      for (let i = from; i < Math.min(options.count, from + batch); i++) {
        const name = pick(AUTHOR_NAMES, r);
        addNote(doc, {
          stage: options.stage,
          text: noteText(r),
          color: pick(NOTE_COLORS, r),
          ...(positions[i] as { x: number; y: number }),
          author: { id: `bench-${name}` as ParticipantId, name },
          now: start + i * 1000,
        });
      }
    });
  }
}

const wsOrigin = (httpUrl: string) => `${httpUrl.replace(/^http/, "ws")}${SYNC_PATH}`;

function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

function connect(httpUrl: string, workshopId: string, token: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(wsOrigin(httpUrl), contentRoom(workshopId as never), doc, {
    // biome-ignore lint/suspicious/noExplicitAny: ws's WebSocket stands in for the browser's.
    WebSocketPolyfill: WebSocket as any,
    params: { token },
    disableBc: true,
  });
}

const countNotes = (doc: Y.Doc) => doc.getMap("notes").size;

/**
 * Seeds `count` notes through the sync protocol with a stock provider (as a facilitator's client would),
 * then confirms with a second, fresh provider that the server holds all of them.
 */
export async function seedNotes(
  httpUrl: string,
  workshop: { id: string; token: string },
  options: { count: number; stage: StageId; seed?: number },
): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const doc = new Y.Doc();
  const writer = connect(httpUrl, workshop.id, workshop.token, doc);
  await waitFor(() => writer.synced, 15_000, "the seeding provider to sync");
  let bytes = 0;
  doc.on("update", (update: Uint8Array) => {
    bytes += update.byteLength;
  });
  writeNotes(doc, { count: options.count, stage: options.stage, seed: options.seed });
  // The provider writes each update to the socket synchronously; wait until it is drained.
  await waitFor(() => (writer.ws?.bufferedAmount ?? 0) === 0, 30_000, "the seeding socket to drain");
  const check = new Y.Doc();
  const reader = connect(httpUrl, workshop.id, workshop.token, check);
  try {
    await waitFor(
      () => reader.synced && countNotes(check) >= options.count,
      60_000,
      `the server to hold ${options.count} notes`,
    );
  } finally {
    reader.destroy();
    writer.destroy();
    check.destroy();
    doc.destroy();
  }
  return { ms: performance.now() - started, bytes };
}

// ---- history for the update log ----

export interface HistoryOptions {
  notes: number;
  updates: number;
  clients?: number;
  stage?: StageId;
  seed?: number;
}

export interface HistoryUpdate {
  /** Which simulated client made it (index into the clients). */
  client: number;
  data: Uint8Array;
}

export interface History {
  updates: HistoryUpdate[];
  /** Counts per kind of operation. */
  ops: Record<"add" | "edit" | "move" | "recolor" | "delete", number>;
  /** The server's view of the document: every update applied in log order. */
  doc: Y.Doc;
}

/**
 * A workshop's life as the server would log it: `clients` people add notes, retype them, drag them (a
 * drag writes ~10 moves a second, so moves come in runs), recolor and occasionally delete, each on their
 * own Y.Doc and catching up on the others' updates before each burst of activity. Exactly `updates`
 * updates; at the end `notes` notes exist. Every note lands on one stage, so the board shows all of them.
 */
export function generateHistory(options: HistoryOptions): History {
  const r = rng(options.seed ?? 7);
  const stage = options.stage ?? "empathize";
  const clientCount = options.clients ?? 8;
  const deletes = Math.floor(options.notes * 0.02);
  const adds = options.notes + deletes;
  if (options.updates < adds) throw new Error(`${options.updates} updates cannot add ${adds} notes`);
  const positions = gridPositions(options.notes + deletes);
  const clients = Array.from({ length: clientCount }, (_, i) => {
    const doc = new Y.Doc();
    const name = AUTHOR_NAMES[i % AUTHOR_NAMES.length] as string;
    return { doc, name, id: `bench-${name}-${i}` as ParticipantId, seen: 0, notes: [] as NoteId[] };
  });
  const server = new Y.Doc();
  const log: HistoryUpdate[] = [];
  const ops = { add: 0, edit: 0, move: 0, recolor: 0, delete: 0 };
  let current = -1;
  for (const [index, client] of clients.entries()) {
    client.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "remote") return;
      log.push({ client: index, data: update });
      Y.applyUpdate(server, update, "remote");
    });
  }
  const live: NoteId[] = [];
  const alive = new Set<NoteId>();
  const start = Date.now() - options.updates * 500;
  let added = 0;
  let deleted = 0;

  const catchUp = (client: (typeof clients)[number]) => {
    if (client.seen >= log.length) return;
    const missing = log.slice(client.seen).map((u) => u.data);
    client.seen = log.length;
    Y.applyUpdate(client.doc, Y.mergeUpdates(missing), "remote");
  };
  const someNote = (): NoteId | null => {
    // Recent notes get most of the attention, as on a real board.
    if (live.length === 0) return null;
    const recent = r() < 0.7;
    const index = recent
      ? live.length - 1 - Math.floor(r() * Math.min(live.length, 200))
      : Math.floor(r() * live.length);
    return live[index] ?? null;
  };

  while (log.length < options.updates) {
    current = (current + 1 + Math.floor(r() * 3)) % clientCount;
    const client = clients[current] as (typeof clients)[number];
    catchUp(client);
    const burst = 5 + Math.floor(r() * 30);
    for (let b = 0; b < burst && log.length < options.updates; b++) {
      const remaining = options.updates - log.length;
      const addsLeft = options.notes + deleted - added;
      // Spread the adds over the history, but never run out of room for them.
      const mustAdd = addsLeft >= remaining;
      const roll = r();
      const before = log.length;
      if (mustAdd || (addsLeft > 0 && roll < addsLeft / remaining) || live.length === 0) {
        const pos = positions[added] as { x: number; y: number };
        const id = addNote(client.doc, {
          stage,
          text: r() < 0.5 ? noteText(r) : "",
          color: pick(NOTE_COLORS, r),
          x: pos.x,
          y: pos.y,
          author: { id: client.id, name: client.name },
          now: start + log.length * 500,
        });
        added++;
        ops.add++;
        live.push(id);
        alive.add(id);
        continue;
      }
      const id = someNote();
      if (!id) continue;
      const kind = r();
      if (kind < 0.45) {
        // Typing: the text is written when the note loses focus, sometimes a few times over.
        editNote(client.doc, id, `${noteText(r)}${r() < 0.3 ? ` (${Math.floor(r() * 100)})` : ""}`);
        if (log.length > before) ops.edit++;
      } else if (kind < 0.93) {
        // A drag: a run of moves ~100 ms apart.
        const steps = 1 + Math.floor(r() * 6);
        const note = client.doc.getMap<Y.Map<unknown>>("notes").get(id);
        let x = Number(note?.get("x") ?? 0);
        let y = Number(note?.get("y") ?? 0);
        // Leave room in the log for the adds still owed.
        for (let s = 0; s < steps && log.length < options.updates - addsLeft; s++) {
          x = Math.max(0, Math.min(BOARD_WIDTH - NOTE_WIDTH, x + Math.round((r() - 0.5) * 80)));
          y = Math.max(0, Math.min(BOARD_HEIGHT - NOTE_HEIGHT, y + Math.round((r() - 0.5) * 60)));
          if (moveNote(client.doc, id, { x, y })) ops.move++;
        }
      } else if (kind < 0.99 || deleted >= deletes || remaining <= addsLeft + 1) {
        if (recolorNote(client.doc, id, pick(NOTE_COLORS, r))) ops.recolor++;
      } else {
        if (deleteNote(client.doc, id)) {
          ops.delete++;
          deleted++;
          alive.delete(id);
          live.splice(live.indexOf(id), 1);
        }
      }
    }
  }
  for (const client of clients) client.doc.destroy();
  return { updates: log, ops, doc: server };
}
