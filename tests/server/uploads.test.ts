import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { IMAGE_LIMITS, type ImageUploadResponse, imagePath, imagesPath } from "../../shared/protocol";
import { solidPng } from "../support/png";
import { cleanup, createWorkshop, startTestServer, tempDir } from "./helpers";

afterEach(cleanup);

const png = (width = 2, height = 2) => solidPng(width, height);

// 2×2 images encoded by Chromium's canvas (metadata stripped); both decode in a browser.
const JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCMApBz/9k=",
  "base64",
);
const WEBP = Buffer.from(
  "UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoCAAIAAsBMJaACdLoAA5gA/u3O3/5mj+SP0C6D/1qZGPkXAAA=",
  "base64",
);

/** The first bytes of a Linux executable (ELF, x86-64), padded as a small binary would be. */
const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(8),
  Buffer.from([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00]),
  Buffer.alloc(200, 0x90),
]);

/** A Windows executable: "MZ" DOS header pointing at a "PE\0\0" header, as every .exe starts. */
function windowsExe(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write("MZ", 0, "latin1");
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write("PE\0\0", 0x80, "latin1");
  exe.writeUInt16LE(0x8664, 0x84);
  return exe;
}

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function upload(server: Server, id: string, body: Buffer, token?: string, type = "image/png") {
  const response = await fetch(`${server.url}${imagesPath(id)}`, {
    method: "POST",
    headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const read = (server: Server, id: string, imageId: string, token?: string) =>
  fetch(`${server.url}${imagePath(id, imageId)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function setup(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  const w = await createWorkshop(server.url);
  return { server, w };
}

describe("image uploads", () => {
  it("stores a PNG the facilitator uploads; every role of the workshop reads it back unchanged", async () => {
    const { server, w } = await setup();
    const image = png(3, 2);
    const { status, body } = await upload(server, w.id, image, w.tokens.facilitator);
    expect(status).toBe(201);
    const answer = body as unknown as ImageUploadResponse;
    expect(answer).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
      type: "image/png",
      bytes: image.length,
    });
    for (const role of ["facilitator", "team", "citizen", "observer"] as const) {
      const response = await read(server, w.id, answer.id, w.tokens[role]);
      expect(response.status, role).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-disposition")).toBe("inline");
      expect(response.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      expect(Buffer.from(await response.arrayBuffer()).equals(image), role).toBe(true);
    }
  });

  it("accepts JPEG and WebP from the team, typed by their bytes whatever the header says", async () => {
    const { server, w } = await setup();
    for (const [bytes, type] of [
      [JPEG, "image/jpeg"],
      [WEBP, "image/webp"],
    ] as const) {
      const { status, body } = await upload(server, w.id, bytes, w.tokens.team, "application/octet-stream");
      expect(status, type).toBe(201);
      expect(body).toMatchObject({ type, bytes: bytes.length });
      const response = await read(server, w.id, String(body.id), w.tokens.citizen);
      expect(response.headers.get("content-type")).toBe(type);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it("refuses a renamed executable with 415 and says what the file looks like", async () => {
    const { server, w } = await setup();
    for (const exe of [ELF, windowsExe()]) {
      const { status, body } = await upload(server, w.id, exe, w.tokens.facilitator, "image/png");
      expect(status).toBe(415);
      expect(body.error).toBe("unsupported_image");
      expect(body.message).toMatch(/^only PNG, JPEG or WebP images are accepted; this file looks like \S+/);
    }
    const elf = await upload(server, w.id, ELF, w.tokens.facilitator);
    expect(elf.body.message).toContain("application/x-elf");
    const text = await upload(
      server,
      w.id,
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
      w.tokens.team,
      "image/svg+xml",
    );
    expect(text).toMatchObject({ status: 415, body: { error: "unsupported_image" } });
    expect(text.body.message).toContain("looks like unknown");
    expect(server.persistence.images?.count(w.id)).toBe(0);
  });

  it("refuses a file over a configured limit with 413 and both sizes", async () => {
    const { server, w } = await setup({ maxImageBytes: 2048 });
    const atLimit = Buffer.concat([png(), Buffer.alloc(2048 - png().length)]);
    expect((await upload(server, w.id, atLimit, w.tokens.facilitator)).status).toBe(201);
    const { status, body } = await upload(
      server,
      w.id,
      Buffer.concat([atLimit, Buffer.from([0])]),
      w.tokens.facilitator,
    );
    expect(status).toBe(413);
    expect(body).toEqual({
      error: "image_too_large",
      message: "the image is 2.1 KiB; the limit is 2 KiB",
      maxBytes: 2048,
    });
    // Streamed without a length: the server learns the size only while reading, and still says why.
    const streamed = await fetch(`${server.url}${imagesPath(w.id)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.tokens.facilitator}`, "content-type": "image/png" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(atLimit));
          controller.enqueue(new Uint8Array(1024));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({
      error: "image_too_large",
      message: "the image is too large; the limit is 2 KiB",
    });
  });

  it("refuses a file one byte over the default 5 MiB with 413", async () => {
    const { server, w } = await setup();
    const big = Buffer.concat([png(), Buffer.alloc(IMAGE_LIMITS.maxBytes + 1 - png().length)]);
    const { status, body } = await upload(server, w.id, big, w.tokens.team);
    expect(status).toBe(413);
    expect(body.error).toBe("image_too_large");
    expect(body.message).toBe("the image is 5.01 MiB; the limit is 5 MiB");
    expect(server.persistence.images?.count(w.id)).toBe(0);
  });

  it("lets only the facilitator and team upload", async () => {
    const { server, w } = await setup();
    for (const role of ["citizen", "observer"] as const) {
      const { status, body } = await upload(server, w.id, png(), w.tokens[role]);
      expect(status, role).toBe(403);
      expect(body).toEqual({
        error: "forbidden",
        message: "only the facilitator and team can add images to a workshop",
      });
    }
    expect((await upload(server, w.id, png(), "not-a-token")).status).toBe(401);
    expect((await upload(server, w.id, png())).status).toBe(401);
    expect((await upload(server, "zzzzzzzzzzzz", png(), w.tokens.facilitator)).status).toBe(404);
    expect(server.persistence.images?.count(w.id)).toBe(0);
  });

  it("answers an empty body with 400 and stops a full workshop with 409", async () => {
    const { server, w } = await setup({ maxImagesPerWorkshop: 2 });
    const empty = await upload(server, w.id, Buffer.alloc(0), w.tokens.facilitator);
    expect(empty).toMatchObject({ status: 400, body: { error: "empty_image" } });
    for (let i = 0; i < 2; i++) expect((await upload(server, w.id, png(), w.tokens.team)).status).toBe(201);
    const full = await upload(server, w.id, png(), w.tokens.team);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ error: "too_many_images" });
    expect(full.body.message).toContain("already holds 2 images");
  });

  it("serves images without a token only while the workshop is published", async () => {
    const { server, w } = await setup();
    const { body } = await upload(server, w.id, png(), w.tokens.facilitator);
    const id = String(body.id);
    const before = await read(server, w.id, id);
    expect(before.status).toBe(401);
    expect(await before.json()).toMatchObject({ error: "unauthorized" });
    expect((await read(server, w.id, id, "wrong-token")).status).toBe(401);
    const publish = (method: string) =>
      fetch(`${server.url}/api/workshops/${w.id}/publish`, {
        method,
        headers: { authorization: `Bearer ${w.tokens.facilitator}` },
      });
    await publish("POST");
    const open = await read(server, w.id, id);
    expect(open.status).toBe(200);
    expect(open.headers.get("content-type")).toBe("image/png");
    expect(open.headers.get("cache-control")).toBe("no-store");
    await publish("DELETE");
    expect((await read(server, w.id, id)).status).toBe(401);
  });

  it("keeps images to their workshop: another workshop's id or an unknown id is 404", async () => {
    const { server, w } = await setup();
    const other = await createWorkshop(server.url);
    const { body } = await upload(server, w.id, png(), w.tokens.facilitator);
    const crossed = await read(server, other.id, String(body.id), other.tokens.facilitator);
    expect(crossed.status).toBe(404);
    expect(await crossed.json()).toMatchObject({ error: "not_found" });
    expect((await read(server, w.id, "A".repeat(21), w.tokens.team)).status).toBe(404);
    expect((await read(server, w.id, "../../etc/passwd", w.tokens.team)).status).toBe(404);
  });

  it("keeps stored images across a restart with SQLite", async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ storage: "sqlite", dataDir });
    const w = await createWorkshop(first.url);
    const image = png(4, 4);
    const { body } = await upload(first, w.id, image, w.tokens.facilitator);
    await first.close();
    const second = await startTestServer({ storage: "sqlite", dataDir });
    const response = await read(second, w.id, String(body.id), w.tokens.observer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
  });

  it("leaves the JSON routes' body parsing alone", async () => {
    const { server, w } = await setup();
    const response = await fetch(`${server.url}/api/workshops/${w.id}/join`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${w.tokens.citizen}` },
      body: JSON.stringify({ name: "Somying" }),
    });
    expect(response.status).toBe(200);
    const tooBig = await fetch(`${server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "x".repeat(100_000) }),
    });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).not.toBe("image_too_large");
  });

  it("takes its limits from the environment", () => {
    expect(loadConfig({})).toMatchObject({ maxImageBytes: 5 * 1024 * 1024, maxImagesPerWorkshop: 500 });
    expect(loadConfig({ MAX_IMAGE_BYTES: "1048576", MAX_IMAGES_PER_WORKSHOP: "20" })).toMatchObject({
      maxImageBytes: 1048576,
      maxImagesPerWorkshop: 20,
    });
    expect(() => loadConfig({ MAX_IMAGE_BYTES: "5MB" })).toThrow(/MAX_IMAGE_BYTES/);
  });
});
