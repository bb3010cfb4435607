import { afterEach, describe, expect, it } from "vitest";
import { getPersonas, getPovs, getPrototypes } from "../../shared/methods";
import { getMeta, getNotes } from "../../shared/model";
import { contentRoom } from "../../shared/protocol";
import { TEMPLATE_AUTHOR_ID } from "../../shared/templates";
import { cleanup, createWorkshop, joinWithRooms, startTestServer, tempDir } from "./helpers";

afterEach(cleanup);

const post = (url: string, body: unknown) =>
  fetch(`${url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("creating a workshop from a template", () => {
  for (const storage of ["memory", "sqlite"] as const) {
    it(`the first people to join find the examples and the template in meta (${storage})`, async () => {
      const server = await startTestServer(
        storage === "sqlite" ? { storage, dataDir: tempDir() } : { storage },
      );
      const workshop = await createWorkshop(server.url, {
        title: "ใบอนุญาตร้านอาหาร",
        challenge: "ลดการเดินทางหลายรอบ",
        template: "service-journey",
        locale: "th",
      });
      const citizen = await joinWithRooms(server.url, workshop.id, workshop.tokens.citizen, "มาลี");

      const meta = getMeta(citizen.control.doc);
      expect(meta).toMatchObject({ title: "ใบอนุญาตร้านอาหาร", template: "service-journey" });
      const notes = getNotes(citizen.content.doc);
      const empathy = notes.filter((n) => n.stage === "empathize");
      expect(empathy).toHaveLength(6);
      expect(empathy.find((n) => n.frame === "empathy:says")?.text).toMatch(/^ตัวอย่าง:/);
      expect(notes.filter((n) => n.stage === "define" && n.frame === "hmw").length).toBeGreaterThan(0);
      expect(notes.every((n) => n.authorId === TEMPLATE_AUTHOR_ID && n.authorName === "ร่วมคิด")).toBe(true);
      expect(getPersonas(citizen.content.doc)).toHaveLength(1);
      expect(getPovs(citizen.content.doc)[0]?.user).toMatch(/^ตัวอย่าง:/);
      expect(getPrototypes(citizen.content.doc)).toHaveLength(1);
    });
  }

  it("writes the examples in the requested language", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url, {
      title: "Older people living alone",
      challenge: "",
      template: "policy-cocreation",
      locale: "en",
    });
    const team = await joinWithRooms(server.url, workshop.id, workshop.tokens.team, "Nok");
    expect(getMeta(team.control.doc).template).toBe("policy-cocreation");
    const notes = getNotes(team.content.doc);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.text).toMatch(/^Example:/);
      expect(note.authorName).toBe("Ruamkid");
    }
  });

  it("defaults to a blank workshop with no content stored", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url, { title: "Library hours", challenge: "" });
    const stored = await server.persistence.loadRoom(contentRoom(workshop.id));
    expect(stored.snapshot).toBeNull();
    const facilitator = await joinWithRooms(server.url, workshop.id, workshop.tokens.facilitator, "Ploy");
    expect(getMeta(facilitator.control.doc).template).toBe("blank");
    expect(getNotes(facilitator.content.doc)).toEqual([]);
    expect(getPersonas(facilitator.content.doc)).toEqual([]);
  });

  it("answers an unknown template or locale with 400 and says what is allowed", async () => {
    const server = await startTestServer();
    const cases: [unknown, RegExp][] = [
      [
        { title: "t", template: "hackathon" },
        /template must be one of: blank, service-journey, policy-cocreation/,
      ],
      [{ title: "t", template: 3 }, /template must be one of/],
      [{ title: "t", template: "blank", locale: "fr" }, /locale must be one of: th, en/],
      [{ title: "t", locale: null }, /locale must be one of/],
    ];
    for (const [body, message] of cases) {
      const response = await post(server.url, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as { error: string; message: string };
      expect(error.error).toBe("invalid_body");
      expect(error.message).toMatch(message);
    }
  });
});
