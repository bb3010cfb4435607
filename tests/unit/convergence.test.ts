import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { NoteId } from "../../shared/ids";
import {
  addNote,
  createWorkshopDocs,
  deleteNote,
  editNote,
  getNote,
  getNotes,
  initWorkshop,
  moveNote,
  moveNoteToStage,
  moveToStage,
  recolorNote,
  renameWorkshop,
  setChallenge,
  snapshotWorkshop,
  type WorkshopDocs,
  type WorkshopSnapshot,
} from "../../shared/model";
import { LOCAL_ORIGIN } from "../../shared/origin";
import { CONTENT_KEYS, LIMITS, NOTE_COLORS, STAGES } from "../../shared/schema";
import { author, mulberry32, noteId, REMOTE } from "./helpers";

/**
 * Randomized convergence: several peers edit one workshop through the model API over a lossy, reordering
 * in-memory network with disconnects. Whatever happens in between, once everyone is back online and the
 * network is drained, every peer must show the same board, and it must be the board the operations imply.
 */

type Kind = keyof WorkshopDocs;
const KINDS: Kind[] = ["content", "control"];

type Message =
  | { type: "update"; update: Uint8Array }
  | { type: "sync1"; stateVector: Uint8Array }
  | { type: "sync2"; update: Uint8Array };

interface Envelope {
  from: number;
  to: number;
  kind: Kind;
  msg: Message;
  deliverAt: number;
}

interface Peer {
  index: number;
  docs: WorkshopDocs;
  online: boolean;
  /** Local updates made while offline, sent on reconnect. */
  outbox: { kind: Kind; update: Uint8Array }[];
}

class Network {
  readonly peers: Peer[] = [];
  private inFlight: Envelope[] = [];
  private clock = 0;

  constructor(
    count: number,
    private readonly random: () => number,
    private readonly maxDelay: number,
  ) {
    for (let index = 0; index < count; index++) {
      const peer: Peer = { index, docs: createWorkshopDocs(), online: true, outbox: [] };
      for (const kind of KINDS) {
        peer.docs[kind].on("update", (update: Uint8Array, origin: unknown) => {
          if (origin === REMOTE) return;
          // Everything a user does goes through the model API.
          expect(origin).toBe(LOCAL_ORIGIN);
          if (peer.online) this.broadcast(peer, kind, { type: "update", update });
          else peer.outbox.push({ kind, update });
        });
      }
      this.peers.push(peer);
    }
  }

  private send(from: Peer, to: Peer, kind: Kind, msg: Message): void {
    const delay = Math.floor(this.random() * (this.maxDelay + 1));
    this.inFlight.push({ from: from.index, to: to.index, kind, msg, deliverAt: this.clock + delay });
  }

  private broadcast(from: Peer, kind: Kind, msg: Message): void {
    for (const to of this.peers) if (to !== from && to.online) this.send(from, to, kind, msg);
  }

  disconnect(peer: Peer): void {
    peer.online = false;
    // The connection drops: whatever was on the wire to or from this peer is lost.
    this.inFlight = this.inFlight.filter((e) => e.from !== peer.index && e.to !== peer.index);
  }

  /** Reconnects and runs the sync handshake (state vector out, missing diff back) with every online peer. */
  reconnect(peer: Peer): void {
    peer.online = true;
    for (const { kind, update } of peer.outbox.splice(0))
      this.broadcast(peer, kind, { type: "update", update });
    for (const other of this.peers) {
      if (other === peer || !other.online) continue;
      for (const kind of KINDS) {
        this.send(peer, other, kind, { type: "sync1", stateVector: Y.encodeStateVector(peer.docs[kind]) });
        this.send(other, peer, kind, { type: "sync1", stateVector: Y.encodeStateVector(other.docs[kind]) });
      }
    }
  }

  private deliver(e: Envelope): void {
    const to = this.peers[e.to] as Peer;
    const from = this.peers[e.from] as Peer;
    const doc = to.docs[e.kind];
    if (e.msg.type === "sync1") {
      const update = Y.encodeStateAsUpdate(doc, e.msg.stateVector);
      this.send(to, from, e.kind, { type: "sync2", update });
    } else {
      Y.applyUpdate(doc, e.msg.update, REMOTE);
    }
  }

  /** Advances time by one tick and delivers some of the due messages, in random order. */
  tick(): void {
    this.clock++;
    const due = this.inFlight.filter((e) => e.deliverAt <= this.clock);
    let budget = 1 + Math.floor(this.random() * 4);
    while (due.length > 0 && budget-- > 0) {
      const [e] = due.splice(Math.floor(this.random() * due.length), 1) as [Envelope];
      this.inFlight.splice(this.inFlight.indexOf(e), 1);
      this.deliver(e);
    }
  }

  /** Delivers everything, including replies, until the wire is empty. */
  drain(): void {
    let guard = 0;
    while (this.inFlight.length > 0) {
      this.tick();
      if (++guard > 1_000_000) throw new Error("network did not drain");
    }
  }
}

/** What the operations imply the board holds, independent of any Y.Doc. */
interface Expected {
  added: Set<string>;
  deleted: Set<string>;
  texts: Map<string, Set<string>>;
  titles: Set<string>;
}

interface Counts {
  applied: number;
  refused: number;
  disconnects: number;
  offlineWrites: number;
}

function run(seed: number, peerCount: number, steps: number) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

  const net = new Network(peerCount, random, 6);
  const expected: Expected = { added: new Set(), deleted: new Set(), texts: new Map(), titles: new Set() };
  const counts: Counts = { applied: 0, refused: 0, disconnects: 0, offlineWrites: 0 };
  const everKnown: NoteId[] = [];
  let now = 1_700_000_000_000;

  // Text mixes Thai, emoji, and now and then a string long enough to be clamped mid-emoji.
  const words = ["คิว", "รอนาน", "ประชาชน", "kiosk", "SMS", "🙂", "👍🏽", "queue", "ฟอร์ม"];
  const randomText = () => {
    if (int(20) === 0) return `${"ก".repeat(LIMITS.noteTextLength - 1 - int(2))}${"😀".repeat(3)}`;
    return Array.from({ length: 1 + int(4) }, () => pick(words)).join(" ");
  };
  const remember = (id: string, text: string) => {
    const set = expected.texts.get(id) ?? new Set<string>();
    set.add(text);
    expected.texts.set(id, set);
  };

  const first = net.peers[0] as Peer;
  const title0 = "Clinic queues";
  initWorkshop(first.docs.control, { title: title0, challenge: "How might we shorten waits?", now });
  expected.titles.add(title0);

  for (let step = 0; step < steps; step++) {
    now += 1 + int(1000);
    const peer = pick(net.peers);
    const { content, control } = peer.docs;
    const onBoard = getNotes(content).map((n) => n.id);
    // Mostly act on notes this peer sees; sometimes on one it may not have (deleted or not yet received).
    const target = (): NoteId | undefined =>
      onBoard.length > 0 && int(5) > 0 ? pick(onBoard) : everKnown.length > 0 ? pick(everKnown) : undefined;

    if (!peer.online) counts.offlineWrites++;
    const roll = int(100);
    if (roll < 25 || everKnown.length === 0) {
      const id = noteId(`s${seed}-n${step}`);
      const text = randomText();
      const stage = pick(STAGES);
      addNote(content, {
        id,
        now,
        stage,
        text,
        color: pick(NOTE_COLORS),
        x: int(2000) - 500,
        y: int(1500) / 4,
        author: author(`peer-${peer.index}`, `Peer ${peer.index}`),
      });
      expect(getNote(content, id)?.stage).toBe(stage);
      everKnown.push(id);
      expected.added.add(id);
      remember(id, getNote(content, id)?.text ?? "");
      counts.applied++;
    } else if (roll < 88) {
      const id = target();
      if (!id) continue;
      const visible = getNote(content, id) !== null;
      const inDoc = content.getMap(CONTENT_KEYS.notes).has(id);
      let ok: boolean;
      const op = int(5);
      if (op === 0) {
        const text = randomText();
        ok = editNote(content, id, text);
        if (ok) remember(id, getNote(content, id)?.text ?? "");
      } else if (op === 1) ok = moveNote(content, id, { x: int(3000) - 1000, y: random() * 900 });
      else if (op === 2) ok = recolorNote(content, id, pick(NOTE_COLORS));
      else if (op === 3) ok = moveNoteToStage(content, id, pick(STAGES));
      else {
        ok = deleteNote(content, id);
        if (ok) expected.deleted.add(id);
      }
      // An operation on a note this peer sees succeeds; one on a note deleted here (or never received)
      // fails and does not bring it back. (A note can be in the doc yet unreadable for a moment: Yjs
      // applies an out-of-order update's deletions before the insertions they wait for.)
      if (visible) expect(ok).toBe(true);
      if (!inDoc) {
        expect(ok).toBe(false);
        expect(getNote(content, id)).toBeNull();
        expect(content.getMap(CONTENT_KEYS.notes).has(id)).toBe(false);
      }
      if (ok) counts.applied++;
      else counts.refused++;
    } else if (roll < 94) {
      const title = `Workshop ${int(1000)} ${pick(words)}`;
      renameWorkshop(control, title);
      expected.titles.add(title);
      counts.applied++;
    } else if (roll < 97) {
      moveToStage(control, pick(STAGES));
      counts.applied++;
    } else {
      setChallenge(control, randomText());
      counts.applied++;
    }

    // Network weather: some deliveries every step, occasional disconnects and reconnects.
    net.tick();
    const weather = int(100);
    if (weather < 4) {
      const victim = pick(net.peers);
      if (victim.online) {
        net.disconnect(victim);
        counts.disconnects++;
      }
    } else if (weather < 10) {
      const back = pick(net.peers.filter((p) => !p.online).concat([peer]));
      if (!back.online) net.reconnect(back);
    }
  }

  for (const peer of net.peers) if (!peer.online) net.reconnect(peer);
  net.drain();
  return { net, expected, counts };
}

const reload = (docs: WorkshopDocs): WorkshopDocs => {
  const fresh = createWorkshopDocs();
  for (const kind of KINDS) Y.applyUpdate(fresh[kind], Y.encodeStateAsUpdate(docs[kind]), REMOTE);
  return fresh;
};

/** Listed one by one so a failing test names the seed (and peer count) that reproduces it. */
const SEEDS = [1, 7, 42, 1337, 20240611, 3737844653];
const PEERS = [3, 4, 5, 3, 5, 4];
const STEPS = 400;

describe("randomized convergence over a flaky network", () => {
  it.each(SEEDS.map((seed, i) => ({ seed, peers: PEERS[i] as number })))(
    "seed $seed with $peers peers: everyone ends up seeing the same board",
    ({ seed, peers }) => {
      const { net, expected, counts } = run(seed, peers, STEPS);

      // The run exercised what it claims to.
      expect(counts.applied).toBeGreaterThan(STEPS / 2);
      expect(expected.deleted.size).toBeGreaterThan(0);
      expect(counts.refused).toBeGreaterThan(0);
      expect(counts.disconnects).toBeGreaterThan(0);
      expect(counts.offlineWrites).toBeGreaterThan(0);

      const [reference, ...others] = net.peers.map((p) => snapshotWorkshop(p.docs)) as [
        WorkshopSnapshot,
        ...WorkshopSnapshot[],
      ];
      for (const [i, snapshot] of others.entries()) {
        expect(snapshot, `peer ${i + 1} vs peer 0 (seed ${seed})`).toEqual(reference);
      }
      for (const peer of net.peers) {
        expect(snapshotWorkshop(reload(peer.docs)), `reloaded peer ${peer.index} (seed ${seed})`).toEqual(
          reference,
        );
      }

      // The board is the one the operations imply: every note added and never deleted is there,
      // no deleted note came back, and each note shows text somebody actually wrote for it.
      const survivors = [...expected.added].filter((id) => !expected.deleted.has(id)).sort();
      expect(reference.notes.map((n) => n.id).sort()).toEqual(survivors);
      expect(survivors.length).toBeGreaterThan(0);
      for (const note of reference.notes) {
        expect(expected.texts.get(note.id)?.has(note.text), `text of ${note.id}`).toBe(true);
        expect(note.text.length).toBeLessThanOrEqual(LIMITS.noteTextLength);
      }
      expect(expected.titles.has(reference.meta.title)).toBe(true);
      expect(STAGES).toContain(reference.meta.currentStage);
    },
  );
});
