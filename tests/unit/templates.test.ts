import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { frameAt } from "../../client/methods/areas";
import {
  applyTemplate,
  CONTROL_KEYS,
  createWorkshopDocs,
  EMPATHY_AREAS,
  empathyFrame,
  getMeta,
  getNotes,
  getPersonas,
  getPovs,
  getPrototypes,
  getStoryboard,
  HMW_FRAME,
  initWorkshop,
  LOCAL_ORIGIN,
  META_KEYS,
  type RecordId,
  readMeta,
  richText,
  STAGES,
  TEMPLATE_AUTHOR_ID,
  TEMPLATE_IDS,
  TEMPLATE_LOCALES,
  TEMPLATE_TEXT,
  type TemplateLocale,
  templatePrompt,
  templateSuggestion,
} from "../../shared";
import { fragmentToBlocks, plain } from "../../shared/report/richtext";
import { record, reloaded } from "./helpers";

const THAI = /[\u0E00-\u0E7F]/;
const EXAMPLE_PREFIX: Record<TemplateLocale, string> = { th: "ตัวอย่าง:", en: "Example:" };
const PREPARED = TEMPLATE_IDS.filter((id) => id !== "blank");

/** A new workshop the way the server makes one, then read back as a joining client would. */
function created(templateId: (typeof TEMPLATE_IDS)[number], locale: TemplateLocale) {
  const docs = createWorkshopDocs();
  initWorkshop(docs.control, { title: "t", challenge: "c", now: 1000 });
  const applied = applyTemplate(docs, templateId, locale, 5000);
  return { applied, control: reloaded(docs.control), content: reloaded(docs.content), docs };
}

describe("prepared templates seed example boards", () => {
  for (const templateId of PREPARED) {
    for (const locale of TEMPLATE_LOCALES) {
      it(`${templateId} (${locale}): empathy map, persona, POV, HMW, idea and prototype, all marked as examples`, () => {
        const { applied, control, content } = created(templateId, locale);
        expect(getMeta(control).template).toBe(templateId);

        const notes = getNotes(content);
        expect(notes.map((n) => n.id)).toEqual(applied.notes);
        for (const note of notes) {
          expect(note.text.startsWith(EXAMPLE_PREFIX[locale]), note.text).toBe(true);
          expect(note.authorId).toBe(TEMPLATE_AUTHOR_ID);
          expect(note.authorName).toBe(locale === "th" ? "ร่วมคิด" : "Ruamkid");
          if (locale === "th") expect(note.text).toMatch(THAI);
        }

        // Every empathy-map area gets an example, and the board the client draws puts it in that area.
        const empathy = notes.filter((n) => n.stage === "empathize");
        expect(empathy.map((n) => n.frame).sort()).toEqual(EMPATHY_AREAS.map(empathyFrame).sort());
        for (const note of empathy) expect(frameAt("empathize", note.x, note.y)).toBe(note.frame);
        // No two examples on top of each other.
        const spots = new Set(notes.map((n) => `${n.stage}:${n.x},${n.y}`));
        expect(spots.size).toBe(notes.length);

        const hmw = notes.filter((n) => n.stage === "define");
        expect(hmw.length).toBeGreaterThanOrEqual(1);
        for (const note of hmw) {
          expect(note.frame).toBe(HMW_FRAME);
          expect(note.color).toBe("blue");
        }

        const ideas = notes.filter((n) => n.stage === "ideate");
        expect(ideas).toHaveLength(1);
        expect(ideas[0]?.answers).toBe(hmw[0]?.id);

        const personas = getPersonas(content);
        expect(personas).toHaveLength(1);
        const persona = personas[0];
        expect(persona?.id).toBe(applied.personaId);
        expect(persona?.name.startsWith(EXAMPLE_PREFIX[locale])).toBe(true);
        expect(persona?.emoji).not.toBe("");
        expect(persona?.quote).not.toBe("");
        // The needs are a bullet list the editor and the report both understand.
        const needs = fragmentToBlocks(richText(content, persona?.id ?? "", "needs"));
        expect(needs.length).toBeGreaterThanOrEqual(1);
        for (const block of needs) {
          expect(block).toMatchObject({ kind: "item", list: "bullet" });
          expect(plain(block.inlines)).not.toBe("");
        }

        const povs = getPovs(content);
        expect(povs).toHaveLength(1);
        expect(povs[0]?.user.startsWith(EXAMPLE_PREFIX[locale])).toBe(true);
        expect(povs[0]?.need).not.toBe("");
        expect(povs[0]?.insight).not.toBe("");

        const prototypes = getPrototypes(content);
        expect(prototypes).toHaveLength(1);
        expect(prototypes[0]?.title.startsWith(EXAMPLE_PREFIX[locale])).toBe(true);
        expect(prototypes[0]?.ideaIds).toEqual([ideas[0]?.id]);
        // The example prototype is worked through: description, storyboard, and a test plan for Test.
        const proto = prototypes[0];
        const description = fragmentToBlocks(richText(content, proto?.id ?? "", "description"));
        expect(plain(description[0]?.inlines ?? [])).not.toBe("");
        const steps = getStoryboard(content, proto?.id as RecordId);
        expect(steps.length).toBeGreaterThanOrEqual(2);
        for (const step of steps) expect(step.text).not.toBe("");
        expect(proto?.testWho).not.toBe("");
        expect(proto?.testWhat).not.toBe("");
        expect(proto?.testHow).not.toBe("");
      });

      it(`${templateId} (${locale}): the point of view reads as one sentence, with no connective said twice`, () => {
        const pov = getPovs(created(templateId, locale).content)[0];
        const connectives = locale === "th" ? [/^ต้อง/, /^เพราะ/] : [/^needs?\b/i, /^because\b/i];
        expect(pov?.need).not.toMatch(connectives[0] as RegExp);
        expect(pov?.insight).not.toMatch(connectives[1] as RegExp);
      });
    }
  }

  it("writes each document in one local transaction: one update, one undo step", () => {
    const docs = createWorkshopDocs();
    const control = record(docs.control);
    const content = record(docs.content);
    applyTemplate(docs, "service-journey", "th");
    control.stop();
    content.stop();
    expect(control.updates).toBe(1);
    expect(content.updates).toBe(1);
    expect([...control.origins, ...content.origins].every((o) => o === LOCAL_ORIGIN)).toBe(true);
  });

  it("keeps the examples in their written order", () => {
    const { content } = created("policy-cocreation", "en");
    const empathy = getNotes(content).filter((n) => n.stage === "empathize");
    expect(empathy.map((n) => n.frame)).toEqual(EMPATHY_AREAS.map(empathyFrame));
  });

  it("blank records its id and seeds nothing", () => {
    for (const locale of TEMPLATE_LOCALES) {
      const { applied, control, content, docs } = created("blank", locale);
      expect(getMeta(control).template).toBe("blank");
      expect(applied).toEqual({ notes: [], personaId: null, povId: null, prototypeId: null });
      expect(docs.content.store.clients.size).toBe(0);
      expect(getNotes(content)).toEqual([]);
      expect(getPersonas(content)).toEqual([]);
      expect(getMeta(control).title).toBe("t");
    }
  });

  it("refuses unknown templates and locales instead of seeding something half-way", () => {
    const docs = createWorkshopDocs();
    expect(() => applyTemplate(docs, "party" as never, "th")).toThrow(RangeError);
    expect(() => applyTemplate(docs, "service-journey", "fr" as never)).toThrow(RangeError);
    expect(docs.control.store.clients.size).toBe(0);
    expect(docs.content.store.clients.size).toBe(0);
  });
});

describe("template text", () => {
  it("has a prompt for every stage in every language; Thai prompts are Thai", () => {
    for (const templateId of PREPARED) {
      for (const locale of TEMPLATE_LOCALES) {
        for (const stage of STAGES) {
          const prompt = templatePrompt(templateId, stage, locale);
          expect(prompt?.trim(), `${templateId} ${locale} ${stage}`).toBeTruthy();
          if (locale === "th") expect(prompt).toMatch(THAI);
          else expect(prompt).not.toMatch(THAI);
        }
        const suggestion = templateSuggestion(templateId, locale);
        expect(suggestion?.title).toBeTruthy();
        expect(suggestion?.challenge).toBeTruthy();
        if (locale === "th") expect(`${suggestion?.title}${suggestion?.challenge}`).toMatch(THAI);
      }
      // The two languages say different things in different words, not one copied into the other.
      expect(templatePrompt(templateId, "ideate", "th")).not.toBe(templatePrompt(templateId, "ideate", "en"));
    }
  });

  it("blank and missing templates have no prompts and no suggestion", () => {
    expect(TEMPLATE_TEXT.blank).toBeNull();
    for (const stage of STAGES) {
      expect(templatePrompt("blank", stage, "th")).toBeNull();
      expect(templatePrompt(undefined, stage, "en")).toBeNull();
    }
    expect(templateSuggestion("blank", "en")).toBeNull();
    expect(templateSuggestion(null, "th")).toBeNull();
  });
});

describe("reading the template from meta", () => {
  it("tolerates unknown and malformed values: no template, workshop intact", () => {
    for (const junk of ["party", "", 42, null, { id: "blank" }, ["blank"], "service-journey "]) {
      const meta = readMeta({ title: "Bus stops", currentStage: "define", template: junk });
      expect(meta.template, JSON.stringify(junk)).toBeUndefined();
      expect(meta).toMatchObject({ title: "Bus stops", currentStage: "define" });
    }
    expect(readMeta({ template: "policy-cocreation" }).template).toBe("policy-cocreation");
  });

  it("a hostile peer writing a bad template into the document leaves meta readable", () => {
    const docs = createWorkshopDocs();
    initWorkshop(docs.control, { title: "Clinic", challenge: "" });
    docs.control.getMap(CONTROL_KEYS.meta).set(META_KEYS.template, new Y.Map());
    const meta = getMeta(reloaded(docs.control));
    expect(meta.template).toBeUndefined();
    expect(meta.title).toBe("Clinic");
  });
});
