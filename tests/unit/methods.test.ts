import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { safeHref } from "../../client/richtext/links";
import {
  addInterview,
  addNote,
  addPersona,
  addPov,
  addPrototype,
  addStep,
  createWorkshopDocs,
  deleteRecord,
  editPersona,
  editPov,
  editStepText,
  editTestPlan,
  empathyFrame,
  feedbackFrame,
  getInterviews,
  getMeta,
  getNote,
  getPersonas,
  getPovs,
  getPrototypes,
  getStoryboard,
  HMW_FRAME,
  isFrame,
  LOCAL_ORIGIN,
  linkIdea,
  METHOD_KEYS,
  METHOD_LIMITS,
  moveNote,
  moveStep,
  type ParticipantId,
  pinFocusQuestion,
  type RecordId,
  readInterview,
  readPersona,
  readPov,
  readPrototype,
  readStep,
  renameInterview,
  renamePrototype,
  richText,
  richTextKey,
  setNoteAnswers,
  setNoteFrame,
  setPersonaImage,
  setPrototypeStatus,
  setStepImage,
  tagInterview,
} from "../../shared";
import { author, noteId, record, syncAll } from "./helpers";

const ann = "p-ann" as ParticipantId;
const rid = (id: string) => id as RecordId;

function oneWrite(doc: Y.Doc, fn: () => unknown) {
  const rec = record(doc);
  const result = fn();
  rec.stop();
  expect(rec.origins).toEqual([LOCAL_ORIGIN]);
  expect(rec.updates).toBe(1);
  return result;
}

describe("personas and interview notes", () => {
  it("creates, edits, tags, and deletes (emptying rich text) in one transaction each", () => {
    const { content } = createWorkshopDocs();
    const id = oneWrite(content, () =>
      addPersona(content, { authorId: ann, name: "ป้าสมศรี", emoji: "👵", id: rid("per1"), now: 5 }),
    ) as RecordId;
    oneWrite(content, () => editPersona(content, id, { quote: "I come at 5 am", name: "Aunt Somsri" }));
    expect(getPersonas(content)).toEqual([
      {
        id,
        createdAt: 5,
        authorId: ann,
        name: "Aunt Somsri",
        emoji: "👵",
        quote: "I come at 5 am",
        imageId: null,
      },
    ]);
    richText(content, id, "needs").insert(0, [new Y.XmlText("to know the wait")]);

    const iv = addInterview(content, { authorId: ann, title: "Clinic visit", personaId: id });
    oneWrite(content, () => tagInterview(content, iv, null));
    renameInterview(content, iv, "x".repeat(500));
    expect(getInterviews(content)[0]).toMatchObject({
      personaId: null,
      title: "x".repeat(METHOD_LIMITS.shortText),
    });

    oneWrite(content, () => deleteRecord(content, "personas", id));
    expect(getPersonas(content)).toEqual([]);
    expect(richText(content, id, "needs").length).toBe(0);
    expect(editPersona(content, id, { name: "gone" })).toBe(false);
    expect(deleteRecord(content, "personas", id)).toBe(false);
  });

  it("sets and removes a persona's picture in one transaction, keeping the emoji, and refuses bad ids", () => {
    const a = createWorkshopDocs().content;
    const b = createWorkshopDocs().content;
    const id = addPersona(a, { authorId: ann, name: "ป้าสมศรี", emoji: "👵" });
    syncAll(a, b);
    expect(oneWrite(a, () => setPersonaImage(a, id, "img_AbC-123"))).toBe(true);
    syncAll(a, b);
    expect(getPersonas(b)[0]).toMatchObject({ name: "ป้าสมศรี", emoji: "👵", imageId: "img_AbC-123" });

    // A path or an over-long id never reaches the document: it would end up in an image URL.
    for (const bad of ["../../etc/passwd", "", "a b", "x".repeat(65)])
      expect(setPersonaImage(a, id, bad)).toBe(false);
    expect(getPersonas(a)[0]?.imageId).toBe("img_AbC-123");

    expect(oneWrite(a, () => setPersonaImage(a, id, null))).toBe(true);
    expect(a.getMap<Y.Map<unknown>>(METHOD_KEYS.personas).get(id)?.has("imageId")).toBe(false);
    syncAll(a, b);
    expect(getPersonas(b)[0]).toMatchObject({ emoji: "👵", imageId: null });
    expect(setPersonaImage(a, rid("gone"), "img_AbC-123")).toBe(false);
  });
});

describe("points of view and HMW focus", () => {
  it("keeps POV fields apart and pins, re-pins and unpins the focus question", () => {
    const { content, control } = createWorkshopDocs();
    const pov = addPov(content, {
      authorId: ann,
      user: "an elderly patient",
      need: "know the wait",
      insight: "x",
    });
    oneWrite(content, () => editPov(content, pov, { insight: "they leave to eat" }));
    expect(getPovs(content)[0]).toMatchObject({
      user: "an elderly patient",
      need: "know the wait",
      insight: "they leave to eat",
    });

    const hmw = addNote(content, {
      stage: "define",
      text: "How might we…",
      frame: HMW_FRAME,
      author: author("p-c"),
    });
    expect(getNote(content, hmw)?.frame).toBe(HMW_FRAME);
    oneWrite(control, () => pinFocusQuestion(control, hmw));
    expect(getMeta(control).focusHmw).toBe(hmw);
    pinFocusQuestion(control, null);
    expect(getMeta(control).focusHmw).toBeUndefined();
    expect(deleteRecord(content, "povs", pov)).toBe(true);
    expect(getPovs(content)).toEqual([]);
  });
});

describe("prototypes", () => {
  it("links ideas with one key each, so concurrent links from two people both survive", () => {
    const a = createWorkshopDocs().content;
    const b = createWorkshopDocs().content;
    const id = addPrototype(a, { authorId: ann, title: "SMS queue" });
    syncAll(a, b);
    oneWrite(a, () => linkIdea(a, id, noteId("idea-1")));
    linkIdea(b, id, noteId("idea-2"));
    renamePrototype(b, id, "SMS queue v2");
    syncAll(a, b);
    expect(getPrototypes(a)).toEqual(getPrototypes(b));
    expect(getPrototypes(a)[0]).toMatchObject({ title: "SMS queue v2", ideaIds: ["idea-1", "idea-2"] });
    linkIdea(a, id, noteId("idea-1"), false);
    expect(getPrototypes(a)[0]?.ideaIds).toEqual(["idea-2"]);
    deleteRecord(a, "prototypes", id);
    expect(getPrototypes(a)).toEqual([]);
  });

  it("names rich-text fields as top-level fragments", () => {
    const { content } = createWorkshopDocs();
    const id = addPrototype(content, { authorId: ann });
    expect(richText(content, id, "description")).toBe(content.getXmlFragment(`rt:${id}:description`));
    expect(richTextKey(id, "description")).toBe(`rt:${id}:description`);
  });
});

describe("storyboards", () => {
  it("adds, edits, reorders and deletes steps, each in one transaction", () => {
    const { content } = createWorkshopDocs();
    const proto = addPrototype(content, { authorId: ann, title: "Queue by SMS" });
    const texts = ["Arrives at the office", "Gets an SMS number", "Waits at home"];
    const ids = texts.map((text) =>
      oneWrite(content, () => addStep(content, { authorId: ann, prototypeId: proto, text })),
    ) as RecordId[];
    const order = () => getStoryboard(content, proto).map((s) => s.text);
    expect(order()).toEqual(texts);

    oneWrite(content, () => moveStep(content, ids[2] as RecordId, -1));
    expect(order()).toEqual([texts[0], texts[2], texts[1]]);
    oneWrite(content, () => moveStep(content, ids[2] as RecordId, -1));
    expect(order()).toEqual([texts[2], texts[0], texts[1]]);
    expect(moveStep(content, ids[2] as RecordId, -1)).toBe(false);
    oneWrite(content, () => editStepText(content, ids[0] as RecordId, "ถึงสำนักงานเขต"));
    oneWrite(content, () => setStepImage(content, ids[0] as RecordId, "img_AbC-123"));
    expect(setStepImage(content, ids[0] as RecordId, "../../etc/passwd")).toBe(false);
    expect(getStoryboard(content, proto)[1]).toMatchObject({ text: "ถึงสำนักงานเขต", imageId: "img_AbC-123" });
    setStepImage(content, ids[0] as RecordId, null);
    expect(getStoryboard(content, proto)[1]?.imageId).toBeNull();

    // Steps belong to an existing prototype, and a storyboard has a bound.
    expect(addStep(content, { authorId: ann, prototypeId: rid("nope") })).toBeNull();
    for (let i = 3; i < METHOD_LIMITS.steps; i++) addStep(content, { authorId: ann, prototypeId: proto });
    expect(addStep(content, { authorId: ann, prototypeId: proto })).toBeNull();

    // Deleting the prototype takes its storyboard with it.
    deleteRecord(content, "prototypes", proto);
    expect(getStoryboard(content, proto)).toEqual([]);
    expect(content.getMap(METHOD_KEYS.storyboard).size).toBe(0);
  });

  it("merges a concurrent move and text edit of the same step, and agrees on ties", () => {
    const a = createWorkshopDocs().content;
    const b = createWorkshopDocs().content;
    const proto = addPrototype(a, { authorId: ann });
    const [s1, s2, s3] = ["1", "2", "3"].map(
      (text) => addStep(a, { authorId: ann, prototypeId: proto, text }) as RecordId,
    ) as [RecordId, RecordId, RecordId];
    syncAll(a, b);
    moveStep(a, s3, -1);
    editStepText(b, s3, "three");
    moveStep(b, s1, 1); // both now put a step between 1 and 2
    syncAll(a, b);
    expect(getStoryboard(a, proto)).toEqual(getStoryboard(b, proto));
    expect(getStoryboard(a, proto).find((s) => s.id === s3)?.text).toBe("three");
    expect(getStoryboard(a, proto).map((s) => s.id)).toContain(s2);
  });
});

describe("test plans and results", () => {
  it("fills the plan, records keep/iterate/drop, and refuses unknown statuses", () => {
    const a = createWorkshopDocs().content;
    const b = createWorkshopDocs().content;
    const proto = addPrototype(a, { authorId: ann, title: "Kiosk" });
    syncAll(a, b);
    oneWrite(a, () => editTestPlan(a, proto, { testWho: "ผู้สูงอายุ 5 คน", testWhat: "x".repeat(9000) }));
    editTestPlan(b, proto, { testHow: "Walk-through at the district office" });
    syncAll(a, b);
    expect(getPrototypes(b)[0]).toMatchObject({
      testWho: "ผู้สูงอายุ 5 คน",
      testWhat: "x".repeat(METHOD_LIMITS.testPlanField),
      testHow: "Walk-through at the district office",
      status: null,
    });
    oneWrite(a, () => setPrototypeStatus(a, proto, "iterate"));
    expect(getPrototypes(a)[0]?.status).toBe("iterate");
    setPrototypeStatus(a, proto, "maybe" as never);
    expect(getPrototypes(a)[0]?.status).toBe("iterate");
    setPrototypeStatus(a, proto, null);
    expect(getPrototypes(a)[0]?.status).toBeNull();
    expect(editTestPlan(a, rid("gone"), { testWho: "x" })).toBe(false);
    expect(richTextKey(proto, "nextSteps")).toBe(`rt:${proto}:nextSteps`);
  });
});

describe("frames on notes", () => {
  it("validates frames and moves a note between areas", () => {
    expect(isFrame(empathyFrame("pains"))).toBe(true);
    expect(isFrame(feedbackFrame("proto_1", "wishes"))).toBe(true);
    for (const bad of ["empathy:smells", "feedback::likes", "HMW", "", 3, null])
      expect(isFrame(bad)).toBe(false);
    const { content } = createWorkshopDocs();
    const id = addNote(content, { stage: "empathize", frame: "bogus", author: author("p-a") });
    expect(getNote(content, id)?.frame).toBeUndefined();
    oneWrite(content, () => moveNote(content, id, { x: 10, y: 20, frame: empathyFrame("says") }));
    expect(getNote(content, id)).toMatchObject({ x: 10, y: 20, frame: "empathy:says" });
    moveNote(content, id, { x: 5, y: 5, frame: null });
    expect(getNote(content, id)?.frame).toBeUndefined();
    expect(setNoteFrame(content, id, "nope")).toBe(false);
    setNoteFrame(content, id, HMW_FRAME);
    setNoteAnswers(content, id, noteId("hmw-1"));
    expect(getNote(content, id)).toMatchObject({ frame: HMW_FRAME, answers: "hmw-1" });
  });
});

describe("readers of method records", () => {
  it("read malformed data without throwing", () => {
    const junk = [undefined, null, 0, "x", [], { id: "" }, { id: 5 }, { id: "a".repeat(100) }];
    for (const raw of junk) {
      expect(readPersona(raw)).toBeNull();
      expect(readInterview(raw)).toBeNull();
      expect(readPov(raw)).toBeNull();
      expect(readPrototype(raw)).toBeNull();
      expect(readStep(raw)).toBeNull();
    }
    expect(readPrototype({ id: "t", status: "maybe", testWho: 3 })).toMatchObject({
      status: null,
      testWho: "",
    });
    expect(readStep({ id: "s" })).toBeNull(); // no prototype: not a step
    expect(readStep({ id: "s", prototypeId: "p", order: "x", imageId: "a/b", text: 4 })).toMatchObject({
      order: 0,
      imageId: null,
      text: "",
    });
    expect(
      readPersona({
        id: "p",
        name: 7,
        emoji: null,
        quote: "q".repeat(9999),
        createdAt: "x",
        imageId: "../x",
      }),
    ).toEqual({
      id: "p",
      name: "",
      emoji: "",
      quote: "q".repeat(METHOD_LIMITS.quote),
      imageId: null,
      createdAt: 0,
      authorId: "",
    });
    for (const imageId of [42, "", "a/b", "x".repeat(65), { id: "img" }])
      expect(readPersona({ id: "p", imageId })?.imageId).toBeNull();
    expect(readPersona({ id: "p", imageId: "img_AbC-123" })?.imageId).toBe("img_AbC-123");
    expect(readInterview({ id: "i", personaId: 42 })?.personaId).toBeNull();
    expect(readPrototype({ id: "t", "idea:": true, "idea:n1": true, "idea:n2": "yes" })?.ideaIds).toEqual([
      "n1",
    ]);
  });

  it("skip forged records whose id disagrees with their key, and non-map entries", () => {
    const { content } = createWorkshopDocs();
    content.transact(() => {
      const forged = new Y.Map<unknown>();
      forged.set("id", "other");
      content.getMap(METHOD_KEYS.personas).set("mine", forged);
      content.getMap(METHOD_KEYS.povs).set("p", "not a map");
    });
    expect(getPersonas(content)).toEqual([]);
    expect(getPovs(content)).toEqual([]);
    expect(editPersona(content, rid("mine"), { name: "x" })).toBe(false);
  });
});

describe("rich-text links", () => {
  it("allow only web and mail addresses", () => {
    expect(safeHref("https://www.go.th/x")).toBe("https://www.go.th/x");
    expect(safeHref("mailto:lab@go.th")).toBe("mailto:lab@go.th");
    expect(safeHref("www.go.th")).toBe("https://www.go.th");
    for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", ""])
      expect(safeHref(bad)).toBeNull();
  });
});
