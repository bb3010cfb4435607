import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { KeyedRateLimiter, TokenBucket } from "../../server/guard/limits";
import { addNote, getNotes } from "../../shared/model";
import { CLOSE } from "../../shared/protocol";
import {
  AUTHOR,
  captureLogger,
  cleanup,
  createWorkshop,
  eventually,
  joinWorkshop,
  rawSocket,
  startTestServer,
  syncedProvider,
  syncUrl,
  upgradeStatus,
} from "./helpers";

afterEach(cleanup);

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );
}

const updateFrame = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
};

describe("token buckets", () => {
  it("allow the burst, then the sustained rate", () => {
    const bucket = new TokenBucket(10, 20, 0);
    for (let i = 0; i < 20; i++) expect(bucket.take(1, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    expect(bucket.take(1, 100)).toBe(true); // 100 ms at 10/s: one more
    expect(bucket.take(1, 100)).toBe(false);
  });

  it("answers per key with the seconds until the next allowed event", () => {
    const limiter = new KeyedRateLimiter(2, 60_000);
    expect(limiter.hit("a", 0)).toBeNull();
    expect(limiter.hit("a", 0)).toBeNull();
    expect(limiter.hit("a", 0)).toBe(30);
    expect(limiter.hit("b", 0)).toBeNull();
    expect(limiter.hit("a", 30_000)).toBeNull();
  });
});

describe("holding its ground", () => {
  it("closes a connection over its message rate with 1008 and a reason; others carry on", async () => {
    const logger = captureLogger();
    const server = await startTestServer({ logger, rateMessagesPerSecond: 5, rateMessageBurst: 10 });
    const workshop = await createWorkshop(server.url);
    const honest = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    const flooder = await rawSocket(server.url, workshop.id, workshop.tokens.team);
    const done = closed(flooder);
    for (let i = 0; i < 30; i++) flooder.send(new Uint8Array([3])); // query awareness
    const { code, reason } = await done;
    expect(code).toBe(CLOSE.policyViolation);
    expect(reason).toMatch(/rate limit: more than 5 messages\/s/);
    expect(logger.lines.some((l) => l.includes("rate limit"))).toBe(true);
    addNote(honest.doc, { stage: "test", text: "still here", author: AUTHOR });
    await eventually(() =>
      expect(getNotes(server.rooms.peekDoc(workshop.id) as Y.Doc).map((n) => n.text)).toEqual(["still here"]),
    );
  });

  it("closes a connection over its byte rate with 1008", async () => {
    const server = await startTestServer({ rateBytesPerSecond: 1024, rateByteBurst: 4096 });
    const workshop = await createWorkshop(server.url);
    const ws = await rawSocket(server.url, workshop.id, workshop.tokens.observer);
    const done = closed(ws);
    for (let i = 0; i < 4; i++) ws.send(new Uint8Array([3, ...new Uint8Array(2000)]));
    const { code, reason } = await done;
    expect(code).toBe(CLOSE.policyViolation);
    expect(reason).toMatch(/bytes\/s/);
  });

  it("answers 503 once a room has its maximum of connections", async () => {
    const server = await startTestServer({ maxConnectionsPerRoom: 2 });
    const workshop = await createWorkshop(server.url);
    await rawSocket(server.url, workshop.id, workshop.tokens.team);
    await rawSocket(server.url, workshop.id, workshop.tokens.team);
    const url = `${syncUrl(server.url)}/${workshop.id}?token=${workshop.tokens.team}`;
    expect(await upgradeStatus(url)).toBe(503);
    // Another room of the same workshop has its own count.
    await rawSocket(server.url, `${workshop.id}/control`, workshop.tokens.team);
  });

  it("limits creating and joining per client IP with 429 and Retry-After", async () => {
    const server = await startTestServer({ createsPerMinute: 2, joinsPerMinute: 3 });
    const workshop = await createWorkshop(server.url);
    await createWorkshop(server.url);
    const third = await fetch(`${server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "one too many" }),
    });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: string }).error).toBe("rate_limited");

    for (let i = 0; i < 3; i++) await joinWorkshop(server.url, workshop.id, workshop.tokens.citizen);
    await expect(joinWorkshop(server.url, workshop.id, workshop.tokens.citizen)).rejects.toThrow(/429/);
  });

  it("answers an oversized body with 413 and a JSON message", async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "t", challenge: "z".repeat(70_000) }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.message).toMatch(/body/i);
  });

  it("refuses an update whose delete set is cut off without applying any of its structs", async () => {
    const logger = captureLogger();
    const server = await startTestServer({ logger });
    const workshop = await createWorkshop(server.url);
    const reader = await syncedProvider(server.url, workshop.id, workshop.tokens.observer);
    const local = new Y.Doc();
    addNote(local, { stage: "define", text: "half", author: AUTHOR });
    const full = Y.encodeStateAsUpdate(local);
    // Structs intact, delete set truncated: Y.applyUpdate alone would integrate the structs, then throw.
    const ws = await rawSocket(server.url, workshop.id, workshop.tokens.team);
    const done = closed(ws);
    ws.send(updateFrame(full.slice(0, full.length - 1)));
    expect((await done).code).toBe(CLOSE.invalidPayload);
    expect(getNotes(server.rooms.peekDoc(workshop.id) as Y.Doc)).toEqual([]);
    expect(getNotes(reader.doc)).toEqual([]);
    expect(logger.lines.some((l) => l.includes("corrupt update"))).toBe(true);
  });
});
