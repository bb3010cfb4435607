import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { hideNote } from "../../shared/facilitation";
import type { NoteId } from "../../shared/ids";
import { addNote, getNotes } from "../../shared/model";
import { contentRoom, controlRoom } from "../../shared/protocol";
import {
  cleanup,
  createWorkshop,
  eventually,
  joinWithRooms,
  joinWorkshop,
  startTestServer,
  syncedProvider,
  tempDir,
} from "./helpers";

afterEach(cleanup);

const NAMES = { fac: "Khun Facilitator", citizen: "สมหญิง รักดี" };
const NOTE = "ไฟป้ายรถเมล์ดับตอนกลางคืน";
const HIDDEN = "hidden-secret-93";
const PUBLIC_FORMATS = ["json", "csv", "md", "html"];

async function setup(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  const w = await createWorkshop(server.url, { title: "ป้ายรถเมล์", challenge: "รอรถอย่างปลอดภัย" });
  const fac = await joinWithRooms(server.url, w.id, w.tokens.facilitator, NAMES.fac);
  const { control, content } = fac;
  const cit = await joinWorkshop(server.url, w.id, w.tokens.citizen, NAMES.citizen);
  const citizen = await syncedProvider(
    server.url,
    contentRoom(w.id),
    w.tokens.citizen,
    undefined,
    cit.participantToken,
  );
  addNote(citizen.doc, {
    stage: "empathize",
    text: NOTE,
    author: { id: cit.participantId, name: NAMES.citizen },
    id: "n-public" as NoteId,
    now: 1_000,
  });
  const hidden = addNote(content.doc, {
    stage: "ideate",
    text: HIDDEN,
    author: { id: fac.participantId, name: NAMES.fac },
    id: "n-hidden" as NoteId,
    now: 2_000,
  });
  hideNote(control.doc, hidden, fac.participantId);
  const serverDoc = (room: string) => server.rooms.peekDoc(room) as Y.Doc;
  await eventually(() => expect(getNotes(serverDoc(contentRoom(w.id)))).toHaveLength(2));
  await eventually(() => expect(serverDoc(controlRoom(w.id)).getMap("hidden").size).toBe(1));
  const secrets = [
    ...Object.values(NAMES),
    ...Object.values(w.tokens),
    ...[fac, cit].flatMap((p) => [p.participantId, p.participantToken]),
    HIDDEN,
  ];
  return { server, w, secrets };
}

const publish = (url: string, id: string, method: "POST" | "DELETE", token?: string) =>
  fetch(`${url}/api/workshops/${id}/publish`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const publicGet = (url: string, path: string) => fetch(`${url}/api/public/workshops${path}`);

describe("publishing a workshop", () => {
  it("lets only the facilitator publish and unpublish", async () => {
    const { server, w } = await setup();
    for (const method of ["POST", "DELETE"] as const) {
      for (const role of ["team", "citizen", "observer"] as const)
        expect((await publish(server.url, w.id, method, w.tokens[role])).status, `${method} ${role}`).toBe(
          403,
        );
      expect((await publish(server.url, w.id, method)).status).toBe(401);
      expect((await publish(server.url, w.id, method, "wrong")).status).toBe(401);
      expect((await publish(server.url, "nope-nope-nope", method, w.tokens.facilitator)).status).toBe(404);
    }
    expect((await publicGet(server.url, `/${w.id}`)).status).toBe(404);

    const before = Date.now();
    const on = await publish(server.url, w.id, "POST", w.tokens.facilitator);
    expect(on.status).toBe(200);
    const status = await on.json();
    expect(status).toMatchObject({ id: w.id, published: true, publicPath: `/p/${w.id}` });
    expect(status.publishedAt).toBeGreaterThanOrEqual(before);
    // Publishing again keeps the first time.
    const again = await (await publish(server.url, w.id, "POST", w.tokens.facilitator)).json();
    expect(again.publishedAt).toBe(status.publishedAt);
    const read = await fetch(`${server.url}/api/workshops/${w.id}/publish`, {
      headers: { authorization: `Bearer ${w.tokens.observer}` },
    });
    expect(await read.json()).toEqual(status);

    const off = await publish(server.url, w.id, "DELETE", w.tokens.facilitator);
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ id: w.id, published: false, publishedAt: null, publicPath: null });
  });

  it("serves the public report, list and exports only while published", async () => {
    const { server, w, secrets } = await setup();
    const check404 = async () => {
      expect((await publicGet(server.url, `/${w.id}`)).status).toBe(404);
      for (const format of PUBLIC_FORMATS)
        expect((await publicGet(server.url, `/${w.id}/export.${format}`)).status, format).toBe(404);
      expect(await (await publicGet(server.url, "")).json()).toEqual([]);
    };
    await check404();
    expect((await publicGet(server.url, "/nope-nope-nope")).status).toBe(404);

    const { publishedAt } = await (await publish(server.url, w.id, "POST", w.tokens.facilitator)).json();
    const list = await publicGet(server.url, "");
    expect(list.headers.get("cache-control")).toBe("no-store");
    expect(await list.json()).toEqual([{ id: w.id, title: "ป้ายรถเมล์", publishedAt }]);

    const page = await publicGet(server.url, `/${w.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const pageText = await page.text();
    const body = JSON.parse(pageText);
    expect(body).toMatchObject({ id: w.id, title: "ป้ายรถเมล์", publishedAt });
    expect(body.report.pseudonymized).toBe(true);
    expect(pageText).toContain(NOTE);
    for (const secret of secrets) expect(pageText, secret).not.toContain(secret);

    for (const format of PUBLIC_FORMATS) {
      const response = await publicGet(server.url, `/${w.id}/export.${format}?lang=en`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
      const text = await response.text();
      expect(text, format).toContain(NOTE);
      for (const secret of secrets) expect(text, `${format}: ${secret}`).not.toContain(secret);
    }
    const json = await (await publicGet(server.url, `/${w.id}/export.json`)).json();
    expect(json.schema).toBe("ruamkid.workshop/2");
    expect(json.notes.map((n: { text: string }) => n.text)).toEqual([NOTE]);
    expect(json.notes[0].author).toMatch(/^participant-\d+$/);
    expect((await publicGet(server.url, `/${w.id}/export.docx`)).status).toBe(404);
    expect((await publicGet(server.url, `/${w.id}/export.json?lang=xx`)).status).toBe(400);

    expect((await publish(server.url, w.id, "DELETE", w.tokens.facilitator)).status).toBe(200);
    await check404();
  });

  it("lets observers export only while the workshop is published; citizens never", async () => {
    const { server, w } = await setup();
    const exportAs = (role: "observer" | "citizen", format: string) =>
      fetch(`${server.url}/api/workshops/${w.id}/export.${format}`, {
        headers: { authorization: `Bearer ${w.tokens[role]}` },
      });
    expect((await exportAs("observer", "json")).status).toBe(403);
    await publish(server.url, w.id, "POST", w.tokens.facilitator);
    for (const format of ["html", "md", "docx", "json", "csv"]) {
      expect((await exportAs("observer", format)).status, format).toBe(200);
      expect((await exportAs("citizen", format)).status, format).toBe(403);
    }
    await publish(server.url, w.id, "DELETE", w.tokens.facilitator);
    expect((await exportAs("observer", "json")).status).toBe(403);
  });

  it("keeps the published state in SQLite across a restart", async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ storage: "sqlite", dataDir });
    const w = await createWorkshop(first.url);
    const { publishedAt } = await (await publish(first.url, w.id, "POST", w.tokens.facilitator)).json();
    await first.close();
    const second = await startTestServer({ storage: "sqlite", dataDir });
    expect(await (await publicGet(second.url, "")).json()).toEqual([
      { id: w.id, title: "Bus stop redesign", publishedAt },
    ]);
    expect((await publicGet(second.url, `/${w.id}`)).status).toBe(200);
    await publish(second.url, w.id, "DELETE", w.tokens.facilitator);
    expect((await publicGet(second.url, `/${w.id}`)).status).toBe(404);
  });
});
