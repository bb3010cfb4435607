import { afterEach, describe, expect, it } from "vitest";
import { isWorkshopId } from "../../shared/ids";
import { parseLinkFragment, ROLES, type SessionResponse } from "../../shared/protocol";
import { cleanup, createWorkshop, startTestServer } from "./helpers";

afterEach(cleanup);

const post = (url: string, body: string, contentType = "application/json") =>
  fetch(`${url}/api/workshops`, { method: "POST", headers: { "content-type": contentType }, body });

const session = (url: string, id: string, token?: string) =>
  fetch(`${url}/api/workshops/${id}/session`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

describe("REST API", () => {
  it("creates a workshop with one absolute link per role, token in the fragment", async () => {
    const server = await startTestServer();
    const response = await post(server.url, JSON.stringify({ title: "  Library hours  ", challenge: "" }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; links: Record<string, string> };
    expect(isWorkshopId(body.id)).toBe(true);
    expect(Object.keys(body.links).sort()).toEqual([...ROLES].sort());
    const tokens = new Set<string>();
    for (const role of ROLES) {
      const link = new URL(body.links[role] as string);
      expect(link.origin).toBe(server.url);
      expect(link.pathname).toBe(`/w/${body.id}`);
      expect(link.search).toBe("");
      const fragment = parseLinkFragment(link.hash);
      expect(fragment?.role).toBe(role);
      expect(fragment?.token.length).toBeGreaterThanOrEqual(22);
      tokens.add(fragment?.token ?? "");
    }
    expect(tokens.size).toBe(4);
  });

  it("builds links from PUBLIC_URL when it is set", async () => {
    const server = await startTestServer({ publicUrl: "https://ruamkid.example.go.th" });
    const workshop = await createWorkshop(server.url);
    expect(workshop.links.team.startsWith(`https://ruamkid.example.go.th/w/${workshop.id}#`)).toBe(true);
  });

  it("answers a bad body with 400 and a readable message", async () => {
    const server = await startTestServer();
    const cases: [string, RegExp][] = [
      [JSON.stringify({ title: "   ", challenge: "" }), /title must not be empty/],
      [JSON.stringify({ title: "x".repeat(201), challenge: "" }), /at most 200/],
      [JSON.stringify({ title: "ok", challenge: "y".repeat(2001) }), /at most 2000/],
      [JSON.stringify({ title: 5 }), /title must be a string/],
      [JSON.stringify([1, 2]), /JSON object/],
      ["{not json", /JSON/],
    ];
    for (const [body, message] of cases) {
      const response = await post(server.url, body);
      expect(response.status, body).toBe(400);
      const error = (await response.json()) as { error: string; message: string };
      expect(typeof error.error).toBe("string");
      expect(error.message).toMatch(message);
    }
    const huge = await post(server.url, JSON.stringify({ title: "t", challenge: "z".repeat(70_000) }));
    expect(huge.status).toBe(413);
  });

  it("tells a token's role on the session endpoint: 200, 401, 404", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url, { title: "Park benches", challenge: "" });

    const facilitator = await session(server.url, workshop.id, workshop.tokens.facilitator);
    expect(facilitator.status).toBe(200);
    const body = (await facilitator.json()) as SessionResponse;
    expect(body).toMatchObject({ id: workshop.id, role: "facilitator", title: "Park benches" });
    expect(body.links).toEqual(workshop.links);

    for (const role of ["team", "citizen", "observer"] as const) {
      const response = await session(server.url, workshop.id, workshop.tokens[role]);
      const other = (await response.json()) as SessionResponse;
      expect(other).toEqual({ id: workshop.id, role, title: "Park benches" });
    }

    expect((await session(server.url, workshop.id)).status).toBe(401);
    expect((await session(server.url, workshop.id, "wrong")).status).toBe(401);
    expect((await session(server.url, "zzzzzzzzzzzz", workshop.tokens.facilitator)).status).toBe(404);
  });

  it("sends the security headers on every response", async () => {
    const server = await startTestServer();
    for (const response of [
      await fetch(`${server.url}/api/health`),
      await fetch(`${server.url}/nowhere`),
      await post(server.url, "{}"),
    ]) {
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline' 'unsafe-eval");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
  });
});
