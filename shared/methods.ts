import { nanoid } from "nanoid";
import * as Y from "yjs";
import { z } from "zod";
import type { Brand, NoteId, ParticipantId } from "./ids";
import { LOCAL_ORIGIN } from "./origin";
import { clampText } from "./text";

/**
 * Design-thinking methods: team-written records (personas, interview notes, point-of-view statements,
 * prototypes) and the frames citizens' notes sit in (empathy-map quadrants, HMW questions, feedback grid).
 *
 * Every Y key is spelled here. Records are Y.Maps in top-level maps of the content document (never nested
 * collections: concurrent creation of a nested type drops one side). Rich-text fields are top-level
 * Y.XmlFragments named `rt:<recordId>:<field>`, so two people opening the same field at once share one.
 */

export type RecordId = Brand<string, "RecordId">;
export const newRecordId = (): RecordId => nanoid(12) as RecordId;

/** Top-level types of the content document added by the methods. */
export const METHOD_KEYS = {
  personas: "personas",
  interviews: "interviews",
  povs: "povs",
  prototypes: "prototypes",
  /** Storyboard steps of every prototype, each pointing at its prototype (a nested list would not merge). */
  storyboard: "storyboard",
} as const;

/** Fields every record map has. */
export const RECORD_KEYS = { id: "id", createdAt: "createdAt", authorId: "authorId" } as const;
/** Where a record with a picture (persona, storyboard step) keeps its stored image's id. */
const RECORD_IMAGE_KEY = "imageId";
export const PERSONA_KEYS = {
  ...RECORD_KEYS,
  name: "name",
  /** Shown whenever the persona has no picture, so it is kept when one is added. */
  emoji: "emoji",
  quote: "quote",
  /** Id of an image stored by the server (`/api/workshops/:id/images/:imageId`), absent: none. */
  imageId: RECORD_IMAGE_KEY,
} as const;
export const INTERVIEW_KEYS = { ...RECORD_KEYS, title: "title", personaId: "personaId" } as const;
export const POV_KEYS = { ...RECORD_KEYS, user: "user", need: "need", insight: "insight" } as const;
export const PROTOTYPE_KEYS = {
  ...RECORD_KEYS,
  title: "title",
  /** The test plan: who tests it, what is tested, how. */
  testWho: "testWho",
  testWhat: "testWhat",
  testHow: "testHow",
  /** The result of testing: keep, iterate or drop (absent: not decided). */
  status: "status",
} as const;
export const STEP_KEYS = {
  ...RECORD_KEYS,
  prototypeId: "prototypeId",
  /** Position among the prototype's steps; moving a step writes one number, so moves merge. */
  order: "order",
  text: "text",
  /** Id of an image stored by the server (`/api/workshops/:id/images/:imageId`), absent: none. */
  imageId: RECORD_IMAGE_KEY,
} as const;
export const PROTOTYPE_STATUSES = ["keep", "iterate", "drop"] as const;
export type PrototypeStatus = (typeof PROTOTYPE_STATUSES)[number];
export type TestPlanField = "testWho" | "testWhat" | "testHow";
export const TEST_PLAN_FIELDS: readonly TestPlanField[] = ["testWho", "testWhat", "testHow"];
/** A prototype links an idea note with one key per link, so concurrent links and unlinks all merge. */
export const IDEA_LINK_PREFIX = "idea:";

/** Rich-text fields per record type. */
export const RICH_FIELDS = {
  persona: ["needs", "context"],
  interview: ["body"],
  prototype: ["description", "nextSteps"],
} as const;
export type RichField = (typeof RICH_FIELDS)[keyof typeof RICH_FIELDS][number];

/** The top-level XmlFragment name of one rich-text field. */
export const richTextKey = (recordId: string, field: RichField): string => `rt:${recordId}:${field}`;

export const METHOD_LIMITS = {
  shortText: 120,
  emoji: 16,
  quote: 400,
  povField: 600,
  testPlanField: 600,
  stepText: 600,
  /** Steps per prototype: a storyboard is a handful of frames, not a film. */
  steps: 40,
} as const;

// ---- frames on notes ----

export const EMPATHY_AREAS = ["says", "thinks", "does", "feels", "pains", "gains"] as const;
export type EmpathyArea = (typeof EMPATHY_AREAS)[number];
export const FEEDBACK_AREAS = ["likes", "wishes", "questions", "ideas"] as const;
export type FeedbackArea = (typeof FEEDBACK_AREAS)[number];

export const HMW_FRAME = "hmw";
export const empathyFrame = (area: EmpathyArea): string => `empathy:${area}`;
export const feedbackFrame = (prototypeId: string, area: FeedbackArea): string =>
  `feedback:${prototypeId}:${area}`;

const FRAME_PATTERN = new RegExp(
  `^(?:empathy:(?:${EMPATHY_AREAS.join("|")})|${HMW_FRAME}|feedback:[A-Za-z0-9_-]{1,64}:(?:${FEEDBACK_AREAS.join("|")}))$`,
);
export const isFrame = (value: unknown): value is string =>
  typeof value === "string" && FRAME_PATTERN.test(value);

// ---- readers (documents are untrusted: bad fields fall back, records without identity are dropped) ----

const text = (max: number) =>
  z
    .string()
    .catch("")
    .transform((s) => clampText(s, max));
const base = {
  id: z.string().min(1).max(64),
  createdAt: z.number().finite().catch(0),
  authorId: z.string().catch(""),
};
const IMAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const imageIdField = z.string().regex(IMAGE_ID).nullable().catch(null);
const personaSchema = z.object({
  ...base,
  name: text(METHOD_LIMITS.shortText),
  emoji: text(METHOD_LIMITS.emoji),
  quote: text(METHOD_LIMITS.quote),
  imageId: imageIdField,
});
const interviewSchema = z.object({
  ...base,
  title: text(METHOD_LIMITS.shortText),
  personaId: z.string().min(1).max(64).nullable().catch(null),
});
const povSchema = z.object({
  ...base,
  user: text(METHOD_LIMITS.povField),
  need: text(METHOD_LIMITS.povField),
  insight: text(METHOD_LIMITS.povField),
});
const prototypeSchema = z.object({
  ...base,
  title: text(METHOD_LIMITS.shortText),
  testWho: text(METHOD_LIMITS.testPlanField),
  testWhat: text(METHOD_LIMITS.testPlanField),
  testHow: text(METHOD_LIMITS.testPlanField),
  status: z.enum(PROTOTYPE_STATUSES).nullable().catch(null),
});
const stepSchema = z.object({
  ...base,
  prototypeId: z.string().min(1).max(64),
  order: z.number().finite().catch(0),
  text: text(METHOD_LIMITS.stepText),
  imageId: imageIdField,
});

interface RecordBase {
  id: RecordId;
  createdAt: number;
  authorId: ParticipantId;
}
export interface Persona extends RecordBase {
  name: string;
  emoji: string;
  quote: string;
  imageId: string | null;
}
export interface Interview extends RecordBase {
  title: string;
  personaId: RecordId | null;
}
export interface Pov extends RecordBase {
  user: string;
  need: string;
  insight: string;
}
export interface Prototype extends RecordBase {
  title: string;
  testWho: string;
  testWhat: string;
  testHow: string;
  status: PrototypeStatus | null;
  /** Idea notes it builds on, in id order. */
  ideaIds: NoteId[];
}

export interface StoryboardStep extends RecordBase {
  prototypeId: RecordId;
  order: number;
  text: string;
  imageId: string | null;
}

export function readPersona(raw: unknown): Persona | null {
  const parsed = personaSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Persona) : null;
}
export function readInterview(raw: unknown): Interview | null {
  const parsed = interviewSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Interview) : null;
}
export function readPov(raw: unknown): Pov | null {
  const parsed = povSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Pov) : null;
}
export function readPrototype(raw: unknown): Prototype | null {
  const parsed = prototypeSchema.safeParse(raw);
  if (!parsed.success) return null;
  const ideaIds: NoteId[] = [];
  if (raw && typeof raw === "object")
    for (const [key, value] of Object.entries(raw))
      if (key.startsWith(IDEA_LINK_PREFIX) && value === true && key.length > IDEA_LINK_PREFIX.length)
        ideaIds.push(key.slice(IDEA_LINK_PREFIX.length) as NoteId);
  return { ...(parsed.data as Omit<Prototype, "ideaIds">), ideaIds: ideaIds.sort() };
}
export function readStep(raw: unknown): StoryboardStep | null {
  const parsed = stepSchema.safeParse(raw);
  return parsed.success ? (parsed.data as StoryboardStep) : null;
}

// ---- model API ----

type RecordMap = Y.Map<unknown>;
export type MethodCollection = "personas" | "interviews" | "povs" | "prototypes" | "storyboard";

const write = (doc: Y.Doc, fn: () => void) => doc.transact(fn, LOCAL_ORIGIN);
const collection = (content: Y.Doc, name: MethodCollection) => content.getMap<RecordMap>(METHOD_KEYS[name]);

interface Creation {
  authorId: ParticipantId;
  id?: RecordId;
  now?: number;
}

function create(content: Y.Doc, name: MethodCollection, input: Creation, fields: Record<string, unknown>) {
  const id = input.id ?? newRecordId();
  write(content, () => {
    const record = new Y.Map<unknown>();
    record.set(RECORD_KEYS.id, id);
    record.set(RECORD_KEYS.createdAt, input.now ?? Date.now());
    record.set(RECORD_KEYS.authorId, input.authorId);
    for (const [key, value] of Object.entries(fields)) record.set(key, value);
    collection(content, name).set(id, record);
  });
  return id;
}

/** Runs `fn` on the record's map in one transaction; false when it is gone or forged. */
function update(content: Y.Doc, name: MethodCollection, id: RecordId, fn: (record: RecordMap) => void) {
  const record = collection(content, name).get(id);
  if (!(record instanceof Y.Map) || record.get(RECORD_KEYS.id) !== id) return false;
  write(content, () => fn(record));
  return true;
}

/** Deletes the record and empties its rich-text fields (top-level types cannot be removed). */
export function deleteRecord(content: Y.Doc, name: MethodCollection, id: RecordId): boolean {
  const records = collection(content, name);
  if (!records.has(id)) return false;
  const fields: readonly RichField[] =
    name === "personas"
      ? RICH_FIELDS.persona
      : name === "interviews"
        ? RICH_FIELDS.interview
        : name === "prototypes"
          ? RICH_FIELDS.prototype
          : [];
  write(content, () => {
    records.delete(id);
    // A prototype's storyboard goes with it; its feedback notes stay (they are people's words).
    if (name === "prototypes") {
      const steps = collection(content, "storyboard");
      for (const step of getStoryboard(content, id)) steps.delete(step.id);
    }
    for (const field of fields) {
      const key = richTextKey(id, field);
      // Only empty fragments that exist: getXmlFragment would create (and sync) an empty one.
      if (content.share.has(key)) {
        const fragment = content.getXmlFragment(key);
        if (fragment.length > 0) fragment.delete(0, fragment.length);
      }
    }
  });
  return true;
}

function readAll<T extends { id: string; createdAt: number }>(
  content: Y.Doc,
  name: MethodCollection,
  read: (raw: unknown) => T | null,
): T[] {
  const out: T[] = [];
  for (const [key, value] of collection(content, name).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const record = read(value.toJSON());
    if (record && record.id === key) out.push(record);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The shared rich-text fragment of one field. The editor binding writes to it directly. */
export const richText = (content: Y.Doc, recordId: string, field: RichField): Y.XmlFragment =>
  content.getXmlFragment(richTextKey(recordId, field));

const isImageId = (value: string | null | undefined): value is string =>
  typeof value === "string" && IMAGE_ID.test(value);

/** Sets (or with null removes) a record's picture; an id that is not a stored image's shape is refused. */
function setImage(content: Y.Doc, name: "personas" | "storyboard", id: RecordId, imageId: string | null) {
  if (imageId !== null && !isImageId(imageId)) return false;
  return update(content, name, id, (r) => {
    if (imageId === null) r.delete(RECORD_IMAGE_KEY);
    else r.set(RECORD_IMAGE_KEY, imageId);
  });
}

// personas

export interface PersonaFields {
  name?: string;
  emoji?: string;
  quote?: string;
}
const personaFields = (f: PersonaFields) => {
  const out: Record<string, string> = {};
  if (f.name !== undefined) out[PERSONA_KEYS.name] = clampText(f.name, METHOD_LIMITS.shortText);
  if (f.emoji !== undefined) out[PERSONA_KEYS.emoji] = clampText(f.emoji, METHOD_LIMITS.emoji);
  if (f.quote !== undefined) out[PERSONA_KEYS.quote] = clampText(f.quote, METHOD_LIMITS.quote);
  return out;
};
export const addPersona = (content: Y.Doc, input: Creation & PersonaFields): RecordId =>
  create(content, "personas", input, { name: "", emoji: "🙂", quote: "", ...personaFields(input) });
export const editPersona = (content: Y.Doc, id: RecordId, fields: PersonaFields): boolean =>
  update(content, "personas", id, (r) => {
    for (const [k, v] of Object.entries(personaFields(fields))) r.set(k, v);
  });
export const getPersonas = (content: Y.Doc): Persona[] => readAll(content, "personas", readPersona);

/** Sets (or with null removes) the persona's picture; an id that is not a stored image's shape is refused. */
export const setPersonaImage = (content: Y.Doc, id: RecordId, imageId: string | null): boolean =>
  setImage(content, "personas", id, imageId);

// interview / observation notes

export const addInterview = (
  content: Y.Doc,
  input: Creation & { title?: string; personaId?: RecordId | null },
): RecordId =>
  create(content, "interviews", input, {
    [INTERVIEW_KEYS.title]: clampText(input.title ?? "", METHOD_LIMITS.shortText),
    [INTERVIEW_KEYS.personaId]: input.personaId ?? null,
  });
export const renameInterview = (content: Y.Doc, id: RecordId, title: string): boolean =>
  update(content, "interviews", id, (r) =>
    r.set(INTERVIEW_KEYS.title, clampText(title, METHOD_LIMITS.shortText)),
  );
/** Tags the interview to a persona (null: untagged). */
export const tagInterview = (content: Y.Doc, id: RecordId, personaId: RecordId | null): boolean =>
  update(content, "interviews", id, (r) => r.set(INTERVIEW_KEYS.personaId, personaId));
export const getInterviews = (content: Y.Doc): Interview[] => readAll(content, "interviews", readInterview);

// point-of-view statements

export interface PovFields {
  user?: string;
  need?: string;
  insight?: string;
}
const povFields = (f: PovFields) => {
  const out: Record<string, string> = {};
  for (const key of ["user", "need", "insight"] as const) {
    const value = f[key];
    if (value !== undefined) out[POV_KEYS[key]] = clampText(value, METHOD_LIMITS.povField);
  }
  return out;
};
export const addPov = (content: Y.Doc, input: Creation & PovFields): RecordId =>
  create(content, "povs", input, { user: "", need: "", insight: "", ...povFields(input) });
export const editPov = (content: Y.Doc, id: RecordId, fields: PovFields): boolean =>
  update(content, "povs", id, (r) => {
    for (const [k, v] of Object.entries(povFields(fields))) r.set(k, v);
  });
export const getPovs = (content: Y.Doc): Pov[] => readAll(content, "povs", readPov);

// prototypes

export const addPrototype = (content: Y.Doc, input: Creation & { title?: string }): RecordId =>
  create(content, "prototypes", input, {
    [PROTOTYPE_KEYS.title]: clampText(input.title ?? "", METHOD_LIMITS.shortText),
  });
export const renamePrototype = (content: Y.Doc, id: RecordId, title: string): boolean =>
  update(content, "prototypes", id, (r) =>
    r.set(PROTOTYPE_KEYS.title, clampText(title, METHOD_LIMITS.shortText)),
  );
/** Links (or unlinks) an idea note the prototype builds on. */
export const linkIdea = (content: Y.Doc, id: RecordId, noteId: NoteId, linked = true): boolean =>
  update(content, "prototypes", id, (r) => {
    if (linked) r.set(IDEA_LINK_PREFIX + noteId, true);
    else r.delete(IDEA_LINK_PREFIX + noteId);
  });
export const getPrototypes = (content: Y.Doc): Prototype[] => readAll(content, "prototypes", readPrototype);

/** Fills in the test plan (who, what, how): plain fields, each merging on its own. */
export const editTestPlan = (
  content: Y.Doc,
  id: RecordId,
  fields: Partial<Record<TestPlanField, string>>,
): boolean =>
  update(content, "prototypes", id, (r) => {
    for (const key of TEST_PLAN_FIELDS) {
      const value = fields[key];
      if (value !== undefined) r.set(PROTOTYPE_KEYS[key], clampText(value, METHOD_LIMITS.testPlanField));
    }
  });
/** Records the test result (null: undecided). */
export const setPrototypeStatus = (content: Y.Doc, id: RecordId, status: PrototypeStatus | null): boolean =>
  update(content, "prototypes", id, (r) => {
    if (status === null) r.delete(PROTOTYPE_KEYS.status);
    else if ((PROTOTYPE_STATUSES as readonly string[]).includes(status)) r.set(PROTOTYPE_KEYS.status, status);
  });

// storyboard steps

/** Every storyboard step, each prototype's in order (ties from concurrent moves broken by id, the same everywhere). */
export const getStoryboardSteps = (content: Y.Doc): StoryboardStep[] =>
  readAll(content, "storyboard", readStep).sort(
    (a, b) =>
      (a.prototypeId < b.prototypeId ? -1 : a.prototypeId > b.prototypeId ? 1 : 0) ||
      a.order - b.order ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

/** The steps of one prototype in order. */
export const getStoryboard = (content: Y.Doc, prototypeId: RecordId): StoryboardStep[] =>
  getStoryboardSteps(content).filter((step) => step.prototypeId === prototypeId);

/** Appends a step; null when the prototype does not exist or its storyboard is full. */
export function addStep(
  content: Y.Doc,
  input: Creation & { prototypeId: RecordId; text?: string; imageId?: string | null },
): RecordId | null {
  if (!getPrototypes(content).some((p) => p.id === input.prototypeId)) return null;
  const steps = getStoryboard(content, input.prototypeId);
  if (steps.length >= METHOD_LIMITS.steps) return null;
  const last = steps.at(-1);
  return create(content, "storyboard", input, {
    [STEP_KEYS.prototypeId]: input.prototypeId,
    [STEP_KEYS.order]: last ? Math.floor(last.order) + 1 : 1,
    [STEP_KEYS.text]: clampText(input.text ?? "", METHOD_LIMITS.stepText),
    ...(isImageId(input.imageId) ? { [STEP_KEYS.imageId]: input.imageId } : {}),
  });
}

export const editStepText = (content: Y.Doc, id: RecordId, text: string): boolean =>
  update(content, "storyboard", id, (r) => r.set(STEP_KEYS.text, clampText(text, METHOD_LIMITS.stepText)));

/** Sets (or with null removes) the step's image; an id that is not a stored image's shape is refused. */
export const setStepImage = (content: Y.Doc, id: RecordId, imageId: string | null): boolean =>
  setImage(content, "storyboard", id, imageId);

/**
 * Moves a step one place earlier (-1) or later (+1): it takes an order between its new neighbours, so
 * only its own `order` changes and a concurrent edit of its text still merges.
 */
export function moveStep(content: Y.Doc, id: RecordId, by: -1 | 1): boolean {
  const step = readAll(content, "storyboard", readStep).find((s) => s.id === id);
  if (!step) return false;
  const steps = getStoryboard(content, step.prototypeId);
  const at = steps.findIndex((s) => s.id === id);
  const target = at + by;
  if (target < 0 || target >= steps.length) return false;
  const neighbour = steps[target] as StoryboardStep;
  const beyond = steps[target + by];
  const order = beyond ? (neighbour.order + beyond.order) / 2 : neighbour.order + by;
  return update(content, "storyboard", id, (r) => r.set(STEP_KEYS.order, order));
}
