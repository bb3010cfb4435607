import { afterEach, expect, it, vi } from "vitest";
import type { WebSocket } from "ws";

// Fake before anything loads lib0: its `time.getUnixTime` is `Date.now` captured at import, and both the
// stock provider's 30 s silence check and y-protocols' 15 s renewal read it. So this file imports the
// helpers (and through them y-websocket) only inside the test, and server and client share one fake
// clock. Sockets stay real; `shouldAdvanceTime` lets setup (HTTP, upgrade) run on its own.
vi.useFakeTimers({
  toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  shouldAdvanceTime: true,
});

afterEach(async () => {
  const { cleanup } = await import("./helpers");
  await cleanup();
  vi.useRealTimers();
});

it("keeps a lone stock provider connected through 60 s of idling", async () => {
  const { connectProvider, createWorkshop, startTestServer, waitForSync } = await import("./helpers");
  const { presence } = await import("./presence-client");
  const server = await startTestServer();
  const workshop = await createWorkshop(server.url);
  const { provider } = connectProvider(server.url, workshop.id, workshop.tokens.team);
  await waitForSync(provider);
  provider.awareness.setLocalState(presence("alone", "empathize"));
  const ws = provider.ws as unknown as WebSocket;
  const closes: unknown[] = [];
  provider.on("connection-close", (event) => closes.push(event));
  const heard: number[] = [];
  ws.on("message", () => heard.push(Date.now()));

  // A ping/pong round trip delivers everything the server wrote before it, without itself counting as
  // a message for the provider's silence check.
  const roundTrip = () =>
    new Promise<void>((resolve, reject) => {
      if (ws.readyState !== ws.OPEN) reject(new Error("the provider closed its socket"));
      else ws.once("pong", () => resolve()).ping();
    });
  await roundTrip();
  const start = Date.now();
  for (let second = 0; second < 60; second++) {
    await vi.advanceTimersByTimeAsync(1000);
    await roundTrip();
  }
  expect(Date.now() - start).toBeGreaterThanOrEqual(60_000);
  expect(closes).toEqual([]);
  expect(provider.ws).toBe(ws);
  expect(provider.wsconnected).toBe(true);
  // Never 30 s of silence: something arrived at least every 15 s or so.
  const gaps = [start, ...heard.filter((t) => t >= start), Date.now()].map(
    (t, i, all) => t - (all[i - 1] ?? t),
  );
  expect(Math.max(...gaps)).toBeLessThan(16_000);
});
