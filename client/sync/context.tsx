import { createContext, type ReactNode, useContext } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { ParticipantId, Role, WorkshopDocs } from "../../shared";

export interface Self {
  id: ParticipantId;
  name: string;
  color: string;
  role: Role;
}

/** What the workshop view needs, injected: the real app passes synced docs, tests pass bare Y.Docs. */
export interface WorkshopContextValue {
  docs: WorkshopDocs;
  /** Presence; null when there is none (tests, or before connecting). */
  awareness: Awareness | null;
  self: Self;
  readOnly: boolean;
  /** REST credentials (dot voting); absent in tests that render the view without a server. */
  api?: { workshopId: string; token: string; participantToken: string | null } | undefined;
}

const WorkshopContext = createContext<WorkshopContextValue | null>(null);

export function WorkshopProvider({ value, children }: { value: WorkshopContextValue; children: ReactNode }) {
  return <WorkshopContext.Provider value={value}>{children}</WorkshopContext.Provider>;
}

export function useWorkshop(): WorkshopContextValue {
  const value = useContext(WorkshopContext);
  if (!value) throw new Error("useWorkshop must be used inside <WorkshopProvider>");
  return value;
}
