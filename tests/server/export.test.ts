import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { renderDocx } from "../../server/export-docx";
import { hideNote } from "../../shared/facilitation";
import type { NoteId } from "../../shared/ids";
import {
  addPersona,
  addPrototype,
  addStep,
  empathyFrame,
  getPersonas,
  getStoryboardSteps,
  HMW_FRAME,
  richText,
  setPersonaImage,
} from "../../shared/methods";
import { addNote, getNotes, moveToStage, pinFocusQuestion } from "../../shared/model";
import {
  contentRoom,
  controlRoom,
  type ImageUploadResponse,
  imagePath,
  imagesPath,
} from "../../shared/protocol";
import { buildReport } from "../../shared/report";
import { solidPng } from "../support/png";
import { fixtureWorkshop, STEP_IMAGE } from "../unit/report.fixture";
import {
  cleanup,
  createWorkshop,
  eventually,
  joinWithRooms,
  joinWorkshop,
  startTestServer,
  syncedProvider,
} from "./helpers";

afterEach(cleanup);

const NAMES = { fac: "Khun Facilitator", citizen: "สมชาย ใจดี", team: "Teammate Wanida" };
const HIDDEN = "ซ่อนไว้ hidden-secret-77";

async function setup() {
  const server = await startTestServer();
  const w = await createWorkshop(server.url, { title: "ป้ายรถเมล์ปลอดภัย", challenge: "รอรถอย่างปลอดภัย" });
  const fac = await joinWithRooms(server.url, w.id, w.tokens.facilitator, NAMES.fac);
  const cit = await joinWorkshop(server.url, w.id, w.tokens.citizen, NAMES.citizen);
  const team = await joinWorkshop(server.url, w.id, w.tokens.team, NAMES.team);
  const { control, content } = fac;
  const citizen = await syncedProvider(
    server.url,
    contentRoom(w.id),
    w.tokens.citizen,
    undefined,
    cit.participantToken,
  );
  const teamDoc = await syncedProvider(
    server.url,
    contentRoom(w.id),
    w.tokens.team,
    undefined,
    team.participantToken,
  );

  addNote(citizen.doc, {
    stage: "empathize",
    text: "รอนานมากตอนกลางคืน",
    frame: empathyFrame("says"),
    author: { id: cit.participantId, name: NAMES.citizen },
    id: "n-says" as NoteId,
    now: 1_000,
  });
  const hmw = addNote(teamDoc.doc, {
    stage: "define",
    text: "เราจะทำให้ป้ายสว่างขึ้นได้อย่างไร",
    frame: HMW_FRAME,
    author: { id: team.participantId, name: NAMES.team },
    id: "n-hmw" as NoteId,
    now: 2_000,
  });
  const hidden = addNote(content.doc, {
    stage: "ideate",
    text: HIDDEN,
    author: { id: fac.participantId, name: NAMES.fac },
    id: "n-hidden" as NoteId,
    now: 3_000,
  });
  const persona = addPersona(teamDoc.doc, { authorId: team.participantId, name: "ป้าแดง", now: 4_000 });
  const needs = new Y.XmlElement("heading");
  needs.setAttribute("level", "2");
  richText(teamDoc.doc, persona, "needs").insert(0, [needs]);
  pinFocusQuestion(control.doc, hmw);
  hideNote(control.doc, hidden, fac.participantId);

  const serverDoc = (room: string) => server.rooms.peekDoc(room) as Y.Doc;
  await eventually(() => expect(getNotes(serverDoc(contentRoom(w.id)))).toHaveLength(3));
  await eventually(() => expect(serverDoc(controlRoom(w.id)).getMap("hidden").size).toBe(1));
  const secrets = [
    ...Object.values(NAMES),
    ...Object.values(w.tokens),
    ...[fac, cit, team].flatMap((p) => [p.participantId, p.participantToken]),
    "hidden-secret-77",
  ];
  return {
    server,
    w,
    secrets,
    control,
    content,
    facilitatorId: fac.participantId,
    providers: [control, content, citizen, teamDoc],
  };
}

const png = (width: number, height: number) => solidPng(width, height);

const get = (url: string, id: string, format: string, token?: string, query = "") =>
  fetch(`${url}/api/workshops/${id}/export.${format}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

/** Uploads a picture as `token`'s holder; answers the stored image's id. */
async function uploadImage(serverUrl: string, workshopId: string, token: string, picture: Buffer) {
  const uploaded = await fetch(`${serverUrl}${imagesPath(workshopId)}`, {
    method: "POST",
    headers: { "content-type": "image/png", authorization: `Bearer ${token}` },
    body: new Uint8Array(picture),
  });
  expect(uploaded.status).toBe(201);
  return ((await uploaded.json()) as ImageUploadResponse).id;
}

/** A Word file's embedded pictures (their names) and its document XML. */
async function unzipDocx(bytes: Buffer | Uint8Array | ArrayBuffer) {
  const zip = await JSZip.loadAsync(bytes);
  const media = Object.keys(zip.files).filter((name) => name.startsWith("word/media/"));
  return {
    media,
    document: (await zip.file("word/document.xml")?.async("string")) ?? "",
    /** The bytes of the first embedded picture. */
    firstPicture: async () => Buffer.from((await zip.file(media[0] as string)?.async("uint8array")) ?? []),
  };
}

const publish = (serverUrl: string, workshopId: string, facilitatorToken: string) =>
  fetch(`${serverUrl}/api/workshops/${workshopId}/publish`, {
    method: "POST",
    headers: { authorization: `Bearer ${facilitatorToken}` },
  });

function expectNoSecrets(body: string, secrets: readonly string[]) {
  for (const secret of secrets) expect(body, secret).not.toContain(secret);
}

describe("GET /api/workshops/:id/export.*", () => {
  it("lets only the facilitator and the team export; citizens and observers get 403", async () => {
    const { server, w } = await setup();
    for (const format of ["html", "md", "docx", "json", "csv"]) {
      expect((await get(server.url, w.id, format, w.tokens.facilitator)).status).toBe(200);
      expect((await get(server.url, w.id, format, w.tokens.team)).status).toBe(200);
      expect((await get(server.url, w.id, format, w.tokens.citizen)).status).toBe(403);
      expect((await get(server.url, w.id, format, w.tokens.observer)).status).toBe(403);
      expect((await get(server.url, w.id, format)).status).toBe(401);
      expect((await get(server.url, w.id, format, "not-a-token")).status).toBe(401);
    }
    expect((await get(server.url, w.id, "pdf", w.tokens.facilitator)).status).toBe(404);
    expect((await get(server.url, "zzzzzzzzzzzz", "json", w.tokens.facilitator)).status).toBe(404);
    expect((await get(server.url, w.id, "json", w.tokens.facilitator, "?lang=fr")).status).toBe(400);
  });

  it("answers each format with its content type and a download filename; no names, tokens or hidden notes", async () => {
    const { server, w, secrets } = await setup();
    const types: Record<string, string> = {
      html: "text/html; charset=utf-8",
      md: "text/markdown; charset=utf-8",
      json: "application/json; charset=utf-8",
      csv: "text/csv; charset=utf-8; header=present",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };
    for (const [format, type] of Object.entries(types)) {
      const response = await get(server.url, w.id, format, w.tokens.team);
      expect(response.headers.get("content-type")).toBe(type);
      const disposition = response.headers.get("content-disposition") ?? "";
      expect(disposition).toMatch(
        new RegExp(
          `^attachment; filename="ruamkid-[^"]*-${w.id}-\\d{4}-\\d\\d-\\d\\d\\.${format}"; filename\\*=UTF-8''`,
        ),
      );
      expect(decodeURIComponent(disposition.split("''")[1] ?? "")).toContain("ป้ายรถเมล์ปลอดภัย");
      expect(response.headers.get("cache-control")).toBe("no-store");
      const bytes = Buffer.from(await response.arrayBuffer());
      if (format === "docx") {
        const zip = await JSZip.loadAsync(bytes);
        for (const name of Object.keys(zip.files))
          expectNoSecrets((await zip.file(name)?.async("string")) ?? "", secrets);
      } else expectNoSecrets(bytes.toString("utf8"), secrets);
    }
  });

  it("DOCX: real Word headings, a Thai font and the Thai text", async () => {
    const { server, w } = await setup();
    const response = await get(server.url, w.id, "docx", w.tokens.facilitator);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const document = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(document).toContain("ป้ายรถเมล์ปลอดภัย");
    expect(document).toContain("รอนานมากตอนกลางคืน");
    expect(document).toContain("ผู้เข้าร่วม 1");
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(document).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(styles).toContain('w:styleId="Heading1"');
    expect(styles).toContain('w:cs="TH Sarabun New"');
    expect(styles).toContain('w:bidi="th-TH"');
  });

  it("CSV: UTF-8 with a BOM, parses back to one row per contribution with roles counted", async () => {
    const { server, w } = await setup();
    const response = await get(server.url, w.id, "csv", w.tokens.facilitator, "?lang=en");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.stage, r.kind, r.text, r.author])).toEqual([
      ["n-says", "empathize", "empathy", "รอนานมากตอนกลางคืน", "Participant 1"],
      ["n-hmw", "define", "hmw", "เราจะทำให้ป้ายสว่างขึ้นได้อย่างไร", "Participant 2"],
      [expect.any(String), "empathize", "persona", "ป้าแดง", "Participant 2"],
    ]);
  });

  it("JSON: validates against docs/open-data.schema.json; participants by role from the server", async () => {
    const { server, w } = await setup();
    const data = await (await get(server.url, w.id, "json", w.tokens.facilitator)).json();
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync("docs/open-data.schema.json", "utf8")));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.workshop).toMatchObject({ id: w.id, title: "ป้ายรถเมล์ปลอดภัย", focusHmw: "n-hmw" });
    expect(data.participants.byRole).toEqual({ facilitator: 1, citizen: 1, team: 1 });
    expect(data.participants.authors).toEqual([
      { id: "participant-1", role: "citizen" },
      { id: "participant-2", role: "team" },
    ]);
  });

  it("puts an uploaded storyboard picture into the HTML and Word files, and links it once published", async () => {
    const { server, w, content, facilitatorId } = await setup();
    // Wider than the Word page allows: it must come out scaled to 12 cm, keeping its 2:1 shape.
    const picture = png(1200, 600);
    const imageId = await uploadImage(server.url, w.id, w.tokens.facilitator, picture);
    const prototype = addPrototype(content.doc, { authorId: facilitatorId, title: "ป้ายไฟโซลาร์" });
    addStep(content.doc, { authorId: facilitatorId, prototypeId: prototype, text: "ป้าแดงรอรถตอนสองทุ่ม" });
    addStep(content.doc, {
      authorId: facilitatorId,
      prototypeId: prototype,
      text: "ไฟสว่างขึ้นเมื่อมีคนมา",
      imageId,
    });
    await eventually(() =>
      expect(getStoryboardSteps(server.rooms.peekDoc(contentRoom(w.id)) as Y.Doc)).toHaveLength(2),
    );

    const html = await (await get(server.url, w.id, "html", w.tokens.team)).text();
    expect(html).toContain("ป้าแดงรอรถตอนสองทุ่ม");
    expect(html).toContain(
      `<img src="data:image/png;base64,${picture.toString("base64")}" alt="ขั้นที่ 2: ไฟสว่างขึ้นเมื่อมีคนมา">`,
    );

    const { media, document, firstPicture } = await unzipDocx(
      await (await get(server.url, w.id, "docx", w.tokens.team)).arrayBuffer(),
    );
    expect(media).toHaveLength(1);
    expect(await firstPicture()).toEqual(picture);
    expect(document).toContain("ไฟสว่างขึ้นเมื่อมีคนมา");
    expect(document).toContain('descr="ขั้นที่ 2: ไฟสว่างขึ้นเมื่อมีคนมา"');
    // 12 cm is 454 px at 96 per inch, 9525 EMU each; half as tall.
    expect(document).toContain('<wp:extent cx="4324350" cy="2162175"/>');

    // Markdown and open data cannot carry the bytes: a link only once anyone may follow it.
    const md = async () => (await get(server.url, w.id, "md", w.tokens.facilitator, "?lang=en")).text();
    expect(await md()).toContain("2. ไฟสว่างขึ้นเมื่อมีคนมา\n   (picture)");
    await publish(server.url, w.id, w.tokens.facilitator);
    const url = `${server.url}${imagePath(w.id, imageId)}`;
    expect(await md()).toContain(`   ![Step 2: ไฟสว่างขึ้นเมื่อมีคนมา](<${url}>)`);
    const data = await (await get(server.url, w.id, "json", w.tokens.facilitator)).json();
    expect(data.prototypes[0].storyboard.map((s: { image: string | null }) => s.image)).toEqual([null, url]);
    const open = await fetch(url);
    expect(open.status).toBe(200);
    expect(Buffer.from(await open.arrayBuffer())).toEqual(picture);
  });

  it("puts a persona's uploaded picture in place of its emoji in the HTML and Word files, and links it once published", async () => {
    const { server, w, content } = await setup();
    // Wider than a persona's 4 cm: it must come out scaled down, keeping its 2:1 shape.
    const picture = png(600, 300);
    const imageId = await uploadImage(server.url, w.id, w.tokens.team, picture);
    // The team's persona reaches the facilitator's document; the facilitator gives it the picture.
    const persona = await eventually(() => {
      const [found] = getPersonas(content.doc);
      expect(found?.name).toBe("ป้าแดง");
      return found as NonNullable<typeof found>;
    });
    expect(setPersonaImage(content.doc, persona.id, imageId)).toBe(true);
    await eventually(() =>
      expect(getPersonas(server.rooms.peekDoc(contentRoom(w.id)) as Y.Doc)[0]?.imageId).toBe(imageId),
    );

    const html = await (await get(server.url, w.id, "html", w.tokens.team)).text();
    expect(html).toContain(
      `<img src="data:image/png;base64,${picture.toString("base64")}" alt="รูปของ ป้าแดง"><h4>ป้าแดง</h4>`,
    );

    const { media, document, firstPicture } = await unzipDocx(
      await (await get(server.url, w.id, "docx", w.tokens.team)).arrayBuffer(),
    );
    expect(media).toHaveLength(1);
    expect(await firstPicture()).toEqual(picture);
    expect(document).toContain('descr="รูปของ ป้าแดง"');
    expect(document).not.toContain("🙂"); // the picture stands in for the emoji
    expect(document).not.toContain("(ภาพประกอบ)");
    // 4 cm is 151 px at 96 per inch, 9525 EMU each; half as tall (76 px).
    expect(document).toContain('<wp:extent cx="1438275" cy="723900"/>');

    // Markdown and open data link to it only once anyone may follow the link.
    const md = async () => (await get(server.url, w.id, "md", w.tokens.facilitator, "?lang=en")).text();
    expect(await md()).toContain("#### 🙂 ป้าแดง\n\n(picture)");
    await publish(server.url, w.id, w.tokens.facilitator);
    const url = `${server.url}${imagePath(w.id, imageId)}`;
    expect(await md()).toContain(`#### ป้าแดง\n\n![Picture of ป้าแดง](<${url}>)`);
    const data = await (await get(server.url, w.id, "json", w.tokens.facilitator)).json();
    expect(data.personas[0]).toMatchObject({ name: "ป้าแดง", image: url });
  });

  it("DOCX: a JPEG picture goes in; a WebP one, which Word files made by docx cannot hold, is mentioned", async () => {
    const report = buildReport(fixtureWorkshop(), { pseudonymize: true, includeHidden: false });
    // 2×2 images encoded by Chromium's canvas, as in tests/server/uploads.test.ts.
    const jpeg = Buffer.from(
      "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCMApBz/9k=",
      "base64",
    );
    const webp = Buffer.from(
      "UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoCAAIAAsBMJaACdLoAA5gA/u3O3/5mj+SP0C6D/1qZGPkXAAA=",
      "base64",
    );
    const open = async (type: "image/jpeg" | "image/webp", data: Buffer) =>
      unzipDocx(await renderDocx(report, "th", new Map([[STEP_IMAGE, { type, data }]])));
    const withJpeg = await open("image/jpeg", jpeg);
    expect(withJpeg.media).toEqual([expect.stringMatching(/\.jpe?g$/)]);
    expect(withJpeg.document).not.toContain("(ภาพประกอบ)");
    const withWebp = await open("image/webp", webp);
    expect(withWebp.media).toEqual([]);
    expect(withWebp.document).toContain("(ภาพประกอบ)");
  });

  it("loads the workshop from storage when nobody is connected", async () => {
    const { server, w, providers } = await setup();
    for (const p of providers) p.provider.destroy();
    await eventually(() => expect(server.rooms.openRooms()).toEqual([]));
    const md = await (await get(server.url, w.id, "md", w.tokens.facilitator, "?lang=en")).text();
    expect(md).toContain("# ป้ายรถเมล์ปลอดภัย");
    expect(md).toContain("รอนานมากตอนกลางคืน — *Participant 1*");
    expect(md).not.toContain("hidden-secret-77");
  });

  it("HTML: standalone, escaped, Sarabun embedded", async () => {
    const { server, w } = await setup();
    const html = await (await get(server.url, w.id, "html", w.tokens.facilitator)).text();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('font-family:"Sarabun"');
    expect(html).toContain("data:font/woff2;base64,");
    expect(html).toContain('<h2 id="s-empathize">เข้าใจ</h2>');
  });

  it("dates each stage of the timeline from the history: when the facilitator moved everyone there", async () => {
    const { server, w, control } = await setup();
    const timeline = async () => {
      const body = (await (await get(server.url, w.id, "json", w.tokens.facilitator)).json()) as {
        timeline: { stage: string; enteredAt: string | null }[];
      };
      return Object.fromEntries(body.timeline.map((s) => [s.stage, s.enteredAt]));
    };
    expect((await timeline()).define).toBeNull();
    const before = Date.now();
    moveToStage(control.doc, "define");
    await eventually(async () => expect((await timeline()).define).not.toBeNull());
    const entered = Date.parse((await timeline()).define as string);
    expect(entered).toBeGreaterThanOrEqual(before - 1000);
    expect(entered).toBeLessThanOrEqual(Date.now());
    expect((await timeline()).ideate).toBeNull();
  });
});
