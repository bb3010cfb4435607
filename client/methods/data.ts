import type * as Y from "yjs";
import {
  getInterviews,
  getPersonas,
  getPovs,
  getPrototypes,
  getStoryboardSteps,
  type Interview,
  type Persona,
  type Pov,
  type Prototype,
  type Role,
  type StoryboardStep,
} from "../../shared";
import { useDocSnapshot } from "../sync/useDoc";

/** Team-written records (personas, POVs, prototypes…) belong to the team and facilitators. */
export const canWriteMethods = (role: Role): boolean => role === "facilitator" || role === "team";

/** A reader that keeps the previous array when nothing in it changed, so lists don't re-render per keystroke elsewhere. */
function stable<T>(read: (doc: Y.Doc) => T[]) {
  return (doc: Y.Doc, previous: T[] | undefined): T[] => {
    const next = read(doc);
    return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
  };
}

const readPersonas = stable<Persona>(getPersonas);
const readInterviews = stable<Interview>(getInterviews);
const readPovs = stable<Pov>(getPovs);
const readPrototypes = stable<Prototype>(getPrototypes);
const readSteps = stable<StoryboardStep>(getStoryboardSteps);

export const usePersonas = (content: Y.Doc) => useDocSnapshot(content, readPersonas);
export const useInterviews = (content: Y.Doc) => useDocSnapshot(content, readInterviews);
export const usePovs = (content: Y.Doc) => useDocSnapshot(content, readPovs);
export const usePrototypes = (content: Y.Doc) => useDocSnapshot(content, readPrototypes);
export const useStoryboardSteps = (content: Y.Doc) => useDocSnapshot(content, readSteps);
