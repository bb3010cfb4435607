import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ParticipantId } from "../../shared/ids";
import type { PresenceState } from "../../shared/presence";
import type { StageId } from "../../shared/schema";
import { onCleanup, rawSocket } from "./helpers";

/** One decoded awareness entry as it came off the wire. */
export interface WireEntry {
  id: number;
  clock: number;
  state: PresenceState | null;
}

export const presence = (
  name: string,
  stage: StageId,
  cursor: { x: number; y: number } | null = null,
): PresenceState => ({
  user: { id: `p-${name}` as ParticipantId, name, color: "#166534", role: "team" },
  stage,
  cursor,
});

/**
 * A bare awareness client over `ws`: y-protocols' own Awareness applies what arrives (so its receiving
 * rules are exercised), and every awareness frame is kept for assertions. Unlike the stock provider it
 * sends only its own changes, never relays other clients' states.
 */
export class PresenceClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly frames: WireEntry[][] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    this.awareness.setLocalState(null);
    this.awareness.on(
      "update",
      (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin !== "local" || ws.readyState !== ws.OPEN) return;
        const clients = [...change.added, ...change.updated, ...change.removed];
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
        ws.send(encoding.toUint8Array(e));
      },
    );
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 1) return;
      const update = decoding.readVarUint8Array(decoder);
      const d = decoding.createDecoder(update);
      const entries: WireEntry[] = [];
      for (let n = decoding.readVarUint(d); n > 0; n--)
        entries.push({
          id: decoding.readVarUint(d),
          clock: decoding.readVarUint(d),
          state: JSON.parse(decoding.readVarString(d)),
        });
      this.frames.push(entries);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, "server");
      for (const wake of [...this.waiters]) wake();
    });
    onCleanup(() => {
      this.awareness.destroy();
      this.doc.destroy();
    });
  }

  static async open(baseUrl: string, room: string, token: string): Promise<PresenceClient> {
    return new PresenceClient(await rawSocket(baseUrl, room, token));
  }

  get id(): number {
    return this.doc.clientID;
  }

  set(state: PresenceState | null): void {
    this.awareness.setLocalState(state);
  }

  /** Other clients' states as this client's Awareness holds them. */
  others(): Map<number, PresenceState> {
    const out = new Map<number, PresenceState>();
    for (const [id, state] of this.awareness.getStates())
      if (id !== this.id) out.set(id, state as PresenceState);
    return out;
  }

  /** Entries about `id` received so far, in order. */
  entriesAbout(id: number): WireEntry[] {
    return this.frames.flatMap((entries) => entries.filter((entry) => entry.id === id));
  }

  /** Resolves once `check` holds, re-checked on every awareness frame. */
  until(check: () => boolean, timeoutMs = 5000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error("condition not reached"));
      }, timeoutMs);
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }
}
