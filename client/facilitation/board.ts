import { useMemo } from "react";
import { isNoteVisible, isStageLockedFor, type Note, type StageId } from "../../shared";
import { useWorkshop } from "../sync/context";
import { useStageNotes } from "../sync/useDoc";
import { useHidden, useStageControl } from "./hooks";

/**
 * The board's view of moderation and locks: hidden notes are left out for everyone but facilitators
 * (they stay in the document), and a locked board is read-only for everyone but facilitators.
 */
export function useFacilitatedBoard(notes: Note[], stage: StageId): { notes: Note[]; locked: boolean } {
  const { docs, self } = useWorkshop();
  const hidden = useHidden(docs.control);
  const { lockedStages } = useStageControl(docs.control);
  const visible = useMemo(
    () => notes.filter((note) => isNoteVisible(hidden, note.id, self.role)),
    [notes, hidden, self.role],
  );
  return { notes: visible, locked: isStageLockedFor(self.role, stage, lockedStages) };
}

/** A stage's notes as its board shows them, for views that need nothing else of the stage. */
export function useFacilitatedStage(stage: StageId): { notes: Note[]; locked: boolean } {
  const { docs } = useWorkshop();
  return useFacilitatedBoard(useStageNotes(docs.content, stage), stage);
}
