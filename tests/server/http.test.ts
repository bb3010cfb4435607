import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import {
  captureLogger,
  cleanup,
  createWorkshop,
  startTestServer,
  syncUrl,
  tempDir,
  upgradeStatus,
} from "./helpers";

afterEach(cleanup);

describe("transport", () => {
  it("serves the built client with an index.html fallback for app routes and immutable assets", async () => {
    const dist = tempDir();
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Ruamkid</title>");
    writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log(1)");
    const server = await startTestServer({ staticDir: dist });

    for (const path of ["/", "/w/abcdefghijkm"]) {
      const page = await fetch(`${server.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain("<title>Ruamkid</title>");
      expect(page.headers.get("cache-control")).toBe("no-cache");
      expect(page.headers.get("content-security-policy")).toContain("object-src 'none'");
    }
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const missingApi = await fetch(`${server.url}/api/nothing`);
    expect(missingApi.status).toBe(404);
    expect(((await missingApi.json()) as { error: string }).error).toBe("not_found");
  });

  it("never logs tokens from query strings", async () => {
    const logger = captureLogger();
    const server = await startTestServer({ logger });
    const workshop = await createWorkshop(server.url);
    await fetch(`${server.url}/api/health?token=${workshop.tokens.facilitator}`);
    expect(await upgradeStatus(`${syncUrl(server.url)}/${workshop.id}?token=wrong-secret-token`)).toBe(401);
    expect(logger.lines.some((line) => line.includes("/api/health"))).toBe(true);
    const all = logger.lines.join("\n");
    for (const token of [...Object.values(workshop.tokens), "wrong-secret-token"])
      expect(all).not.toContain(token);
  });
});

describe("config", () => {
  it("reads the environment with defaults and names the variable it rejects", () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ port: 8080, host: "0.0.0.0", publicUrl: null, storage: "sqlite" });
    expect(defaults.maxMessageBytes).toBe(2 * 1024 * 1024);
    expect(defaults.dataDir.endsWith("data")).toBe(true);
    const custom = loadConfig({
      PORT: "0",
      STORAGE: "memory",
      PUBLIC_URL: "https://x.example/",
      DATA_DIR: "/tmp/r",
    });
    expect(custom).toMatchObject({
      port: 0,
      storage: "memory",
      publicUrl: "https://x.example",
      dataDir: "/tmp/r",
    });
    expect(() => loadConfig({ PORT: "80a" })).toThrow(/PORT/);
    expect(() => loadConfig({ STORAGE: "redis" })).toThrow(/STORAGE/);
    expect(() => loadConfig({ MAX_MESSAGE_BYTES: "-1" })).toThrow(/MAX_MESSAGE_BYTES/);
  });
});
