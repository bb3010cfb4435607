import * as Y from "yjs";
import type { NoteId, ParticipantId } from "../ids";
import {
  addPersona,
  addPov,
  addPrototype,
  addStep,
  editTestPlan,
  empathyFrame,
  HMW_FRAME,
  linkIdea,
  type RecordId,
  richText,
} from "../methods";
import { addNote, type WorkshopDocs } from "../model";
import { LOCAL_ORIGIN } from "../origin";
import { CONTROL_KEYS, META_KEYS, type NoteColor } from "../schema";
import { isTemplateId, isTemplateLocale, type TemplateId, type TemplateLocale } from "./ids";
import { empathySlot, hmwSlot, ideaSlot } from "./layout";
import { policyCocreationExamples } from "./policy-cocreation";
import { serviceJourneyExamples } from "./service-journey";
import type { TemplateExamples } from "./types";

/**
 * Author of seeded examples. Real participant ids are 16 random characters, so this 8-character one
 * never belongs to a person; citizens cannot change these notes (the guard keeps them to their own),
 * facilitators and the team can.
 */
export const TEMPLATE_AUTHOR_ID = "template" as ParticipantId;
export const TEMPLATE_AUTHOR_NAME: Record<TemplateLocale, string> = { th: "ร่วมคิด", en: "Ruamkid" };

const EXAMPLES: Record<TemplateId, Record<TemplateLocale, TemplateExamples> | null> = {
  blank: null,
  "service-journey": serviceJourneyExamples,
  "policy-cocreation": policyCocreationExamples,
};

// Pains and gains stand out from the observation areas, as facilitators colour them on paper.
const EMPATHY_COLORS: Partial<Record<string, NoteColor>> = { pains: "pink", gains: "green" };

export interface AppliedTemplate {
  /** Seeded notes, in the order they were written. */
  notes: NoteId[];
  personaId: RecordId | null;
  povId: RecordId | null;
  prototypeId: RecordId | null;
}

/** A paragraph as the Tiptap editor (through y-tiptap) writes and reads it. */
function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** Paragraphs-in-a-bullet-list, the same structure the editor makes of a bullet list. */
function bulletList(items: readonly string[]): Y.XmlElement {
  const list = new Y.XmlElement("bulletList");
  list.insert(
    0,
    items.map((text) => {
      const item = new Y.XmlElement("listItem");
      item.insert(0, [paragraph(text)]);
      return item;
    }),
  );
  return list;
}

/**
 * Records the template in the control document's meta and seeds its examples into the content
 * document, in one transaction per document (so one update each, and one undo step). Meant for a new
 * workshop: applying twice seeds the examples twice.
 */
export function applyTemplate(
  docs: WorkshopDocs,
  templateId: TemplateId,
  locale: TemplateLocale,
  now: number = Date.now(),
): AppliedTemplate {
  if (!isTemplateId(templateId)) throw new RangeError(`unknown template: ${String(templateId)}`);
  if (!isTemplateLocale(locale)) throw new RangeError(`unknown locale: ${String(locale)}`);
  docs.control.transact(
    () => docs.control.getMap<unknown>(CONTROL_KEYS.meta).set(META_KEYS.template, templateId),
    LOCAL_ORIGIN,
  );
  const applied: AppliedTemplate = { notes: [], personaId: null, povId: null, prototypeId: null };
  const examples = EXAMPLES[templateId]?.[locale];
  if (!examples) return applied;

  const { content } = docs;
  const author = { id: TEMPLATE_AUTHOR_ID, name: TEMPLATE_AUTHOR_NAME[locale] };
  // Consecutive creation times keep the examples in their written order wherever lists sort by time.
  let tick = now;
  const at = () => tick++;
  content.transact(() => {
    const perArea = new Map<string, number>();
    for (const { area, text } of examples.empathy) {
      const index = perArea.get(area) ?? 0;
      perArea.set(area, index + 1);
      applied.notes.push(
        addNote(content, {
          stage: "empathize",
          text,
          frame: empathyFrame(area),
          color: EMPATHY_COLORS[area] ?? "yellow",
          ...empathySlot(area, index),
          author,
          now: at(),
        }),
      );
    }

    const { persona } = examples;
    applied.personaId = addPersona(content, {
      authorId: TEMPLATE_AUTHOR_ID,
      name: persona.name,
      emoji: persona.emoji,
      quote: persona.quote,
      now: at(),
    });
    richText(content, applied.personaId, "needs").insert(0, [bulletList(persona.needs)]);

    applied.povId = addPov(content, { authorId: TEMPLATE_AUTHOR_ID, ...examples.pov, now: at() });

    const hmwIds = examples.hmw.map((text, index) =>
      addNote(content, {
        stage: "define",
        text,
        frame: HMW_FRAME,
        color: "blue",
        ...hmwSlot(index),
        author,
        now: at(),
      }),
    );
    applied.notes.push(...hmwIds);

    const idea = addNote(content, {
      stage: "ideate",
      text: examples.idea,
      color: "green",
      ...ideaSlot(0),
      author,
      now: at(),
      ...(hmwIds[0] ? { answers: hmwIds[0] } : {}),
    });
    applied.notes.push(idea);

    const { prototype } = examples;
    const prototypeId = addPrototype(content, {
      authorId: TEMPLATE_AUTHOR_ID,
      title: prototype.title,
      now: at(),
    });
    applied.prototypeId = prototypeId;
    linkIdea(content, prototypeId, idea);
    richText(content, prototypeId, "description").insert(0, [paragraph(prototype.description)]);
    for (const text of prototype.steps)
      addStep(content, { authorId: TEMPLATE_AUTHOR_ID, prototypeId, text, now: at() });
    editTestPlan(content, prototypeId, {
      testWho: prototype.test.who,
      testWhat: prototype.test.what,
      testHow: prototype.test.how,
    });
  }, LOCAL_ORIGIN);
  return applied;
}
