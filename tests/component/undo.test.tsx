import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { UndoControls } from "../../client/history/UndoControls";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import { addNote, createWorkshopDocs, getNotes, type NoteId, type ParticipantId } from "../../shared";

const ME = { id: "me-participant-0001" as ParticipantId, name: "Somchai" };

function setup(role: WorkshopContextValue["self"]["role"] = "team") {
  const docs = createWorkshopDocs();
  const value: WorkshopContextValue = {
    docs,
    awareness: null,
    self: { ...ME, color: "#1d4ed8", role },
    readOnly: role === "observer",
  };
  const result = render(
    <WorkshopProvider value={value}>
      <UndoControls />
      <textarea aria-label="Note text" />
    </WorkshopProvider>,
  );
  return { ...result, docs };
}

describe("undo and redo", () => {
  it("Ctrl+Z undoes my change, Shift+Ctrl+Z and Ctrl+Y redo; not while typing in a text field", async () => {
    const user = userEvent.setup();
    const { docs } = setup();
    const undo = screen.getByRole("button", { name: "Undo" });
    const redo = screen.getByRole("button", { name: "Redo" });
    expect(undo).toBeDisabled();
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "mine", author: ME, id: "n1" as NoteId });
    });
    // Someone else's note arrives from the network: not on my stack.
    const remote = new Y.Doc();
    addNote(remote, { stage: "empathize", text: "theirs", author: { id: "x" as ParticipantId, name: "X" } });
    act(() => Y.applyUpdate(docs.content, Y.encodeStateAsUpdate(remote), "remote"));
    expect(undo).toBeEnabled();

    // In a text field the browser's own undo applies.
    await user.click(screen.getByRole("textbox", { name: "Note text" }));
    await user.keyboard("{Control>}z{/Control}");
    expect(getNotes(docs.content)).toHaveLength(2);

    await user.click(document.body);
    await user.keyboard("{Control>}z{/Control}");
    expect(getNotes(docs.content).map((n) => n.text)).toEqual(["theirs"]);
    expect(redo).toBeEnabled();
    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    expect(getNotes(docs.content)).toHaveLength(2);
    await user.keyboard("{Meta>}z{/Meta}");
    expect(getNotes(docs.content)).toHaveLength(1);
    await user.keyboard("{Control>}y{/Control}");
    expect(getNotes(docs.content)).toHaveLength(2);

    // The buttons do the same.
    await user.click(undo);
    expect(getNotes(docs.content).map((n) => n.text)).toEqual(["theirs"]);
    await user.click(redo);
    expect(getNotes(docs.content)).toHaveLength(2);
  });

  it("offers nothing to observers", () => {
    setup("observer");
    expect(screen.queryByRole("button", { name: "Undo" })).not.toBeInTheDocument();
  });
});
