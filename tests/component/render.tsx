import { render } from "@testing-library/react";
import { Awareness } from "y-protocols/awareness";
import { Board } from "../../client/board/Board";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import { createWorkshopDocs, type ParticipantId, type Role, type StageId } from "../../shared";

export const ME = { id: "me-participant-0001" as ParticipantId, name: "Somchai" };

/** A board over real, unconnected Y.Docs, as the app renders it once synced. */
export function renderBoard(options: { stage?: StageId; role?: Role; withAwareness?: boolean } = {}) {
  const docs = createWorkshopDocs();
  const awareness = options.withAwareness ? new Awareness(docs.content) : null;
  // Team members may edit every note; tests of the citizen's own-notes rule pass role "citizen".
  const role = options.role ?? "team";
  const value: WorkshopContextValue = {
    docs,
    awareness,
    self: { ...ME, color: "#1d4ed8", role },
    readOnly: role === "observer",
  };
  const result = render(
    <WorkshopProvider value={value}>
      <Board stage={options.stage ?? "empathize"} />
    </WorkshopProvider>,
  );
  return { ...result, docs, awareness };
}
