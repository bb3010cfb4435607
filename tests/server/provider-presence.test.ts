import * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { WorkshopProvider } from "../../client/sync/provider";
import {
  cleanup,
  connectProvider,
  createWorkshop,
  eventually,
  onCleanup,
  startTestServer,
  syncUrl,
} from "./helpers";

afterEach(cleanup);

const presence = (id: string, x: number) => ({
  user: { id, name: id, color: "#1d4ed8", role: "team" },
  stage: "ideate",
  cursor: { x, y: x },
});

/** Client ids named in the awareness frames a socket sends. */
function awarenessSender(sentIds: number[]) {
  return class extends WebSocket {
    override send(data: Uint8Array, ...rest: unknown[]) {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 1) {
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const count = decoding.readVarUint(update);
        for (let i = 0; i < count; i++) {
          sentIds.push(decoding.readVarUint(update));
          decoding.readVarUint(update);
          decoding.readVarString(update);
        }
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}

describe("the client's provider", () => {
  it("publishes only its own presence, never echoing other people's back to the server", async () => {
    const server = await startTestServer({ presence: { windowMs: 20 } });
    const workshop = await createWorkshop(server.url);
    const other = connectProvider(server.url, workshop.id, workshop.tokens.team);

    const sentIds: number[] = [];
    const doc = new Y.Doc();
    const mine = new WorkshopProvider(syncUrl(server.url), workshop.id, doc, {
      WebSocketPolyfill: awarenessSender(sentIds) as unknown as typeof globalThis.WebSocket,
      params: { token: workshop.tokens.team },
      disableBc: true,
    });
    onCleanup(() => mine.destroy());
    mine.awareness.setLocalState(presence("mine", 0));

    for (let x = 1; x <= 10; x++) other.provider.awareness.setLocalState(presence("other", x));
    // The other person's latest cursor reached this client…
    await eventually(() =>
      expect(mine.awareness.getStates().get(other.doc.clientID)).toMatchObject({ cursor: { x: 10 } }),
    );
    mine.awareness.setLocalState(presence("mine", 5));
    await eventually(() =>
      expect(other.provider.awareness.getStates().get(doc.clientID)).toMatchObject({ cursor: { x: 5 } }),
    );
    // …and it only ever told the server about itself.
    expect(sentIds.length).toBeGreaterThan(0);
    expect(new Set(sentIds)).toEqual(new Set([doc.clientID]));
  });
});
