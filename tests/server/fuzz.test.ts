import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { NoteId, ParticipantId } from "../../shared/ids";
import { addNote, editNote, getNotes, moveNote, snapshotWorkshop } from "../../shared/model";
import { controlRoom } from "../../shared/protocol";
import {
  AUTHOR,
  captureLogger,
  cleanup,
  createWorkshop,
  eventually,
  joinWorkshop,
  onCleanup,
  startTestServer,
  syncedProvider,
  syncUrl,
} from "./helpers";

afterEach(cleanup);

// Change the seed to explore; a failure prints it, and the same seed replays the same messages.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const MESSAGES = 10_000;

const frame = (write: (e: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** Valid frames of every kind the protocol has, from docs that are not the server's: mutation seeds. */
function templates(gen: prng.PRNG): Uint8Array[] {
  const out: Uint8Array[] = [];
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 6; i++) {
    const id = addNote(doc, { stage: "ideate", text: prng.word(gen, 0, 30), author: AUTHOR });
    editNote(doc, id, prng.utf16String(gen, 40));
    moveNote(doc, id, { x: prng.int32(gen, -500, 500), y: 3 });
  }
  doc.getMap("notes").delete([...doc.getMap("notes").keys()][0] as string);
  for (const update of [...updates, Y.encodeStateAsUpdate(doc)]) {
    out.push(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, update);
      }),
    );
    out.push(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }
  out.push(
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    }),
  );
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({
    user: { id: "fuzz", name: "Fuzz", color: "#b91c1c", role: "facilitator" },
    stage: "ideate",
    cursor: { x: 1, y: 2 },
  });
  out.push(
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    }),
  );
  out.push(new Uint8Array([3]));
  awareness.destroy();
  doc.destroy();
  return out;
}

const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];

/** One hostile message: random bytes, or a template bit-flipped, truncated, spliced, retyped or bloated. */
function hostile(gen: prng.PRNG, seeds: Uint8Array[], mayMutateUpdates: boolean): Uint8Array {
  const kind = prng.int32(gen, 0, 9);
  if (kind === 0) return prng.uint8Array(gen, prng.int32(gen, 0, 64));
  if (kind === 1) return new Uint8Array([prng.int32(gen, 0, 255), ...HUGE_VARINT]);
  if (kind === 2) return new Uint8Array([0, prng.int32(gen, 0, 5), ...HUGE_VARINT, 1, 2, 3]);
  if (kind === 3) return new Uint8Array([prng.int32(gen, 4, 200), ...prng.uint8Array(gen, 8)]);
  const seed = prng.oneOf(gen, seeds);
  // Writers could get a lucky mutation accepted: give them only mutations that cannot stay valid.
  if (!mayMutateUpdates && seed[0] === 0)
    return seed.slice(0, prng.int32(gen, 1, Math.max(1, seed.length - 1)));
  const bytes = Uint8Array.from(seed);
  switch (kind) {
    case 4:
    case 5: {
      for (let flips = prng.int32(gen, 1, 4); flips > 0; flips--) {
        const at = prng.int32(gen, 0, bytes.length - 1);
        bytes[at] = (bytes[at] as number) ^ (1 << prng.int32(gen, 0, 7));
      }
      return bytes;
    }
    case 6:
      return bytes.slice(0, prng.int32(gen, 0, bytes.length - 1));
    case 7: {
      const at = prng.int32(gen, 1, bytes.length);
      return new Uint8Array([...bytes.slice(0, at), ...HUGE_VARINT, ...bytes.slice(at)]);
    }
    case 8: {
      const at = prng.int32(gen, 0, bytes.length - 1);
      return new Uint8Array([...bytes.slice(0, at), ...bytes.slice(at + prng.int32(gen, 1, 8))]);
    }
    default:
      return seed;
  }
}

interface Attacker {
  room: string;
  query: string;
  /**
   * Whether it gets bit-flipped updates that may still decode. Connections the server lets write without
   * the content guard (team on the content room) get only ones that cannot stay valid: a lucky mutation
   * would be a legitimate team edit, not a bug.
   */
  mutateUpdates: boolean;
}

/** Sends `batch` then a step 1; resolves when the step 2 answer came (all handled) or the socket closed. */
function sendBatch(ws: WebSocket, batch: Uint8Array[]): Promise<"answered" | "closed"> {
  return new Promise((resolve) => {
    const done = (result: "answered" | "closed") => {
      ws.off("message", onMessage);
      ws.off("close", onClose);
      resolve(result);
    };
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) done("answered");
    };
    const onClose = () => done("closed");
    ws.on("message", onMessage);
    ws.on("close", onClose);
    for (const message of batch) ws.send(message);
    ws.send(new Uint8Array([0, 0, 1, 0])); // step 1 with an empty state vector
  });
}

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  onCleanup(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

describe("fuzzing the sync server", () => {
  it(`survives ${MESSAGES} hostile messages while honest clients keep writing (seed ${SEED})`, async () => {
    const gen = prng.create(SEED);
    const logger = captureLogger();
    const server = await startTestServer({ logger, rateMessagesPerSecond: 0, rateBytesPerSecond: 0 });
    const workshop = await createWorkshop(server.url);
    const me = await joinWorkshop(server.url, workshop.id, workshop.tokens.citizen, "Honest citizen");
    const attacker = await joinWorkshop(server.url, workshop.id, workshop.tokens.citizen, "Fuzzer");

    const facilitator = await syncedProvider(server.url, workshop.id, workshop.tokens.facilitator);
    const citizenDoc = new Y.Doc();
    const citizen = await syncedProvider(
      server.url,
      workshop.id,
      workshop.tokens.citizen,
      citizenDoc,
      me.participantToken,
    );
    const citizenAuthor = { id: me.participantId as ParticipantId, name: "Honest citizen" };

    const base = syncUrl(server.url);
    const t = workshop.tokens;
    const attackers: Attacker[] = [
      // A joined citizen: every mutation that still decodes must be refused by the content guard.
      {
        room: workshop.id,
        query: `token=${t.citizen}&participant=${attacker.participantToken}`,
        mutateUpdates: true,
      },
      { room: workshop.id, query: `token=${t.observer}`, mutateUpdates: true },
      { room: workshop.id, query: `token=${t.citizen}`, mutateUpdates: true },
      { room: workshop.id, query: `token=${t.team}`, mutateUpdates: false },
      { room: controlRoom(workshop.id), query: `token=${t.team}`, mutateUpdates: true },
    ];
    const seeds = templates(gen);

    const expected = new Map<string, string>();
    const honestStep = (i: number) => {
      const [doc, author] = i % 2 === 0 ? [facilitator.doc, AUTHOR] : [citizen.doc, citizenAuthor];
      const mine = [...expected.keys()].filter((id) =>
        getNotes(doc).some((n) => n.id === id && n.authorId === author.id),
      );
      if (mine.length > 0 && prng.bool(gen)) {
        const id = prng.oneOf(gen, mine) as NoteId;
        const text = `edit ${i}`;
        editNote(doc, id, text);
        moveNote(doc, id, { x: i, y: -i });
        expected.set(id, text);
      } else {
        const text = `note ${i}`;
        expected.set(addNote(doc, { stage: "define", text, author }), text);
      }
    };

    const sockets = await Promise.all(attackers.map((a) => open(`${base}/${a.room}?${a.query}`)));
    let sent = 0;
    let reconnects = 0;
    let honest = 0;
    const perAttacker = Math.ceil(MESSAGES / attackers.length);
    const run = async (index: number) => {
      const a = attackers[index] as Attacker;
      // One generator per attacker: its messages replay exactly whatever the interleaving.
      const own = prng.create(SEED + index + 1);
      for (let mine = 0; mine < perAttacker; ) {
        const size = prng.int32(own, 1, 6);
        const batch = Array.from({ length: size }, () => hostile(own, seeds, a.mutateUpdates));
        mine += batch.length;
        sent += batch.length;
        if (index === 0 && mine / perAttacker > honest / 60) honestStep(honest++);
        const ws = sockets[index] as WebSocket;
        if ((await sendBatch(ws, batch)) === "closed" || ws.readyState !== WebSocket.OPEN) {
          sockets[index] = await open(`${base}/${a.room}?${a.query}`);
          reconnects++;
        }
      }
    };
    await Promise.all(attackers.map((_, i) => run(i)));
    while (honest < 60) honestStep(honest++);

    expect(sent).toBeGreaterThanOrEqual(MESSAGES);
    expect(reconnects).toBeGreaterThan(100);
    // The guard saw decodable hostile updates from the joined citizen and refused them, and closes were logged.
    const refused = logger.lines.filter((l) =>
      l.includes(`refused an update from citizen ${attacker.participantId}`),
    );
    const closes = logger.lines.filter((l) => l.startsWith("warn closing"));
    expect(refused.length).toBeGreaterThan(0);
    expect(closes.length).toBeGreaterThan(100);
    if (process.env.FUZZ_VERBOSE)
      console.log({ sent, reconnects, refused: refused.length, closes: closes.length });

    // The server still answers, and everyone converges on exactly what the honest clients wrote.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const want = [...expected.values()].sort();
    const live = () => server.rooms.peekDoc(workshop.id) as Y.Doc;
    const texts = (doc: Y.Doc) =>
      getNotes(doc)
        .map((n) => n.text)
        .sort();
    await eventually(() => expect(texts(live())).toEqual(want), 10_000);
    await eventually(() => expect(texts(facilitator.doc)).toEqual(want));
    await eventually(() => expect(texts(citizen.doc)).toEqual(want));
    const fresh = await syncedProvider(server.url, workshop.id, workshop.tokens.observer);
    const control = await syncedProvider(server.url, controlRoom(workshop.id), workshop.tokens.observer);
    const snapshot = snapshotWorkshop({ content: live(), control: control.doc });
    expect(snapshotWorkshop({ content: fresh.doc, control: control.doc })).toEqual(snapshot);
    expect(snapshot.meta.title).toBe("Bus stop redesign");
    expect(getNotes(live())).toEqual(getNotes(facilitator.doc));
    // Every note on the server was written by one of the two honest writers.
    expect(new Set(getNotes(live()).map((n) => n.authorId))).toEqual(new Set([AUTHOR.id, me.participantId]));
    expect(logger.lines.some((l) => l.startsWith("error"))).toBe(false);
  }, 30_000);
});
