import type * as Y from "yjs";
import {
  getHidden,
  getStageControl,
  getTimer,
  getVote,
  getVoteResults,
  type HiddenMark,
  type StageControl,
  type TimerState,
  type Vote,
  type VoteResult,
} from "../../shared";
import { useDocSnapshot } from "../sync/useDoc";

/** Keeps the previous object when nothing changed, so memoized consumers skip rendering. */
const stable =
  <T>(read: (doc: Y.Doc) => T) =>
  (doc: Y.Doc, previous: T | undefined): T => {
    const next = read(doc);
    return previous !== undefined && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
  };

const readStageControl = stable(getStageControl);
const readTimer = stable(getTimer);
const readVote = stable(getVote);
const readResults = stable(getVoteResults);
const readHidden = stable(getHidden);

export const useStageControl = (control: Y.Doc): StageControl => useDocSnapshot(control, readStageControl);
export const useTimer = (control: Y.Doc): TimerState => useDocSnapshot(control, readTimer);
export const useVote = (control: Y.Doc): Vote | null => useDocSnapshot(control, readVote);
export const useVoteResults = (control: Y.Doc): VoteResult[] => useDocSnapshot(control, readResults);
export const useHidden = (control: Y.Doc): Record<string, HiddenMark> => useDocSnapshot(control, readHidden);
