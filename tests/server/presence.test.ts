import { afterEach, describe, expect, it } from "vitest";
import { SERVER_CLOCK_FLOOR } from "../../server/presence";
import type { Caret } from "../../shared/presence";
import { captureLogger, cleanup, createWorkshop, startTestServer } from "./helpers";
import { PresenceClient, presence } from "./presence-client";

afterEach(cleanup);

const cursorsOf = (states: Map<number, { cursor: unknown }>) =>
  [...states.values()].filter((state) => state.cursor !== null).length;

async function room(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  const workshop = await createWorkshop(server.url);
  const join = () => PresenceClient.open(server.url, workshop.id, workshop.tokens.team);
  return { server, workshop, join };
}

describe("presence", () => {
  it("coalesces a burst from one client into one broadcast carrying the latest state", async () => {
    const { join } = await room({ presence: { windowMs: 200 } });
    const watcher = await join();
    watcher.set(presence("watcher", "ideate"));
    const mover = await join();
    mover.set(presence("mover", "ideate", { x: 0, y: 0 }));
    await watcher.until(() => watcher.others().get(mover.id)?.cursor?.x === 0);
    const before = watcher.entriesAbout(mover.id).length;

    for (let i = 1; i <= 25; i++) mover.set(presence("mover", "ideate", { x: i, y: i }));
    await watcher.until(() => watcher.others().get(mover.id)?.cursor?.x === 25);
    // A marker in a later window: anything else from the burst would have arrived before it.
    mover.set(presence("mover-renamed", "ideate", { x: 25, y: 25 }));
    await watcher.until(() => watcher.others().get(mover.id)?.user.name === "mover-renamed");

    const burst = watcher.entriesAbout(mover.id).slice(before, -1);
    expect(burst.map((entry) => entry.state?.cursor)).toEqual([{ x: 25, y: 25 }]);
  });

  it("shows a person on another stage without their cursor, and the cursors once it switches", async () => {
    const { join } = await room({ presence: { windowMs: 20 } });
    const ideator = await join();
    ideator.set(presence("ideator", "ideate", { x: 1, y: 1 }));
    const definer = await join();
    definer.set(presence("definer", "define", { x: 5, y: 5 }));
    await definer.until(() => definer.others().get(ideator.id)?.stage === "ideate");
    await ideator.until(() => ideator.others().get(definer.id)?.stage === "define");
    const seen = definer.entriesAbout(ideator.id).length;

    for (let i = 2; i <= 20; i++) ideator.set(presence("ideator", "ideate", { x: i, y: i }));
    ideator.set(presence("ideator (away)", "ideate", { x: 20, y: 20 }));
    await definer.until(() => definer.others().get(ideator.id)?.user.name === "ideator (away)");
    // Cursor moves alone never reached the other stage; the rename did, still without the cursor.
    expect(definer.entriesAbout(ideator.id).slice(seen).length).toBe(1);
    expect(definer.entriesAbout(ideator.id).every((entry) => entry.state?.cursor === null)).toBe(true);
    expect(ideator.others().get(definer.id)?.cursor).toBeNull();

    definer.set(presence("definer", "ideate", { x: 5, y: 5 }));
    await definer.until(() => definer.others().get(ideator.id)?.cursor?.x === 20);
    await ideator.until(() => ideator.others().get(definer.id)?.cursor?.x === 5);
    // Server clocks only: a client is never sent an entry about itself with a clock it could adopt.
    expect(definer.entriesAbout(definer.id).every((entry) => entry.clock < SERVER_CLOCK_FLOOR)).toBe(true);
    expect(definer.awareness.getLocalState()).toEqual(presence("definer", "ideate", { x: 5, y: 5 }));
  });

  it("removes a departed client's state for the others within a second of its socket closing", async () => {
    const { join } = await room();
    const stayer = await join();
    stayer.set(presence("stayer", "test"));
    const leaver = await join();
    leaver.set(presence("leaver", "test", { x: 3, y: 4 }));
    await stayer.until(() => stayer.others().has(leaver.id));

    const closed = Date.now();
    leaver.ws.terminate();
    await stayer.until(() => !stayer.others().has(leaver.id), 1000);
    expect(Date.now() - closed).toBeLessThan(1000);

    // An explicit removal (state null, as the stock provider sends on disconnect) is honoured too.
    const polite = await join();
    polite.set(presence("polite", "test"));
    await stayer.until(() => stayer.others().has(polite.id));
    polite.set(null);
    await stayer.until(() => !stayer.others().has(polite.id), 1000);
    expect(polite.ws.readyState).toBe(1);
  });

  it("sends at most 30 cursors of a crowded stage, yet every person", async () => {
    const { join } = await room({ presence: { windowMs: 40 } });
    const viewer = await join();
    // Its own pointer is off the board: every one of the 30 sampled cursors is someone else's.
    viewer.set(presence("viewer", "prototype"));
    const crowd = await Promise.all(Array.from({ length: 40 }, () => join()));
    for (const [i, client] of crowd.entries()) client.set(presence(`c${i}`, "prototype", { x: i, y: i }));
    await viewer.until(() => viewer.others().size === 40);
    expect(cursorsOf(viewer.others())).toBe(30);

    // Everyone moves again: still everyone listed, never more than 30 cursors at once.
    let most = 0;
    for (const [i, client] of crowd.entries()) client.set(presence(`c${i}`, "prototype", { x: i, y: 100 }));
    await viewer.until(() => {
      most = Math.max(most, cursorsOf(viewer.others()));
      return [...viewer.others().values()].filter((state) => state.cursor?.y === 100).length === 30;
    });
    expect(most).toBe(30);
    expect(viewer.others().size).toBe(40);
    for (const client of crowd) {
      expect(client.others().size).toBe(40);
      expect(cursorsOf(client.others())).toBeLessThanOrEqual(30);
    }
  });

  it("relays a rich-text caret to people on the same stage only, and its removal", async () => {
    const { join } = await room({ presence: { windowMs: 20 } });
    const peer = await join();
    peer.set(presence("peer", "prototype"));
    const other = await join();
    other.set(presence("other", "define"));
    const writer = await join();
    const at = (clock: number): Caret => ({
      field: "rt:proto1:description",
      anchor: { item: { client: writer.id, clock }, assoc: -1 },
      head: { item: { client: writer.id, clock }, assoc: -1 },
    });
    // The pointer is on the text, not on the board: a caret alone puts the writer in the stage's sample.
    writer.set({ ...presence("writer", "prototype"), caret: at(1) });
    await peer.until(() => peer.others().get(writer.id)?.caret?.anchor.item?.clock === 1);
    expect(peer.others().get(writer.id)).toEqual({ ...presence("writer", "prototype"), caret: at(1) });
    await other.until(() => other.others().get(writer.id)?.user.name === "writer");
    const seen = other.entriesAbout(writer.id).length;

    for (let clock = 2; clock <= 10; clock++)
      writer.set({ ...presence("writer", "prototype"), caret: at(clock) });
    await peer.until(() => peer.others().get(writer.id)?.caret?.anchor.item?.clock === 10);
    writer.set({ ...presence("writer (renamed)", "prototype"), caret: at(10) });
    await other.until(() => other.others().get(writer.id)?.user.name === "writer (renamed)");
    await peer.until(() => peer.others().get(writer.id)?.user.name === "writer (renamed)");
    // Caret moves alone never reached the other stage; the rename did, without the caret.
    expect(other.entriesAbout(writer.id).slice(seen).length).toBe(1);
    expect(other.entriesAbout(writer.id).every((entry) => entry.state && !("caret" in entry.state))).toBe(
      true,
    );
    expect(peer.others().get(writer.id)?.caret).toEqual(at(10));

    // Blur: the caret is taken away for the same stage; the board cursor and caret are independent.
    writer.set({ ...presence("writer (renamed)", "prototype", { x: 1, y: 2 }), caret: null });
    await peer.until(() => peer.others().get(writer.id)?.cursor?.x === 1);
    expect(peer.others().get(writer.id)?.caret).toBeUndefined();
    // The other stage joins the writer's: it gets the caret-less state it had, now with the cursor.
    other.set(presence("other", "prototype"));
    await other.until(() => other.others().get(writer.id)?.cursor?.x === 1);
    expect(other.entriesAbout(writer.id).every((entry) => entry.state && !("caret" in entry.state))).toBe(
      true,
    );
  });

  it("drops invalid and oversized states without closing the socket", async () => {
    const logger = captureLogger();
    const lines: string[] = [];
    const { join } = await room({ logger: { ...logger, debug: (m) => void lines.push(m) } });
    const watcher = await join();
    watcher.set(presence("watcher", "define"));
    const bad = await join();
    bad.awareness.setLocalState({ stage: "define" });
    bad.awareness.setLocalState({ ...presence("huge", "define"), pad: "x".repeat(5000) });
    const good = await join();
    good.set(presence("good", "define"));
    await watcher.until(() => watcher.others().has(good.id));
    expect(watcher.entriesAbout(bad.id)).toEqual([]);
    expect(bad.ws.readyState).toBe(1);
    expect(lines.some((line) => line.includes("dropped awareness"))).toBe(true);
  });
});
