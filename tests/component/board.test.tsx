import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  addNote,
  deleteNote,
  editNote,
  getNotes,
  moveNote,
  type NoteId,
  type ParticipantId,
} from "../../shared";
import { ME, renderBoard } from "./render";

const PEER = { id: "peer-participant-01" as ParticipantId, name: "Malee" };

const notesOnScreen = () => screen.queryAllByTestId("note");

describe("Board", () => {
  it("renders the notes of its stage from the doc", () => {
    const { docs } = renderBoard({ stage: "empathize" });
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "Queues are long", author: PEER, x: 40, y: 60 });
      addNote(docs.content, { stage: "define", text: "Not on this board", author: PEER });
    });
    expect(screen.getByRole("region", { name: "Empathize board" })).toBeInTheDocument();
    const notes = notesOnScreen();
    expect(notes).toHaveLength(1);
    const note = screen.getByRole("article", { name: /Queues are long/ });
    expect(note).toHaveAttribute("data-note-id", getNotes(docs.content)[0]?.id);
    expect(within(note).getByText("Malee")).toBeInTheDocument();
    expect(note).toHaveStyle({ left: "40px", top: "60px" });
  });

  it("adds a note through the button and the keyboard", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard();
    await user.click(screen.getByRole("button", { name: "Add note" }));
    expect(getNotes(docs.content)).toHaveLength(1);
    expect(getNotes(docs.content)[0]).toMatchObject({ stage: "empathize", authorName: "Somchai", text: "" });
    // The new note's textarea has focus: typing and Enter commits the text.
    expect(screen.getByRole("textbox", { name: "Note text" })).toHaveFocus();
    await user.keyboard("Long wait at the counter{Enter}");
    expect(getNotes(docs.content)[0]?.text).toBe("Long wait at the counter");
    expect(screen.getByRole("article", { name: /Long wait at the counter/ })).toHaveFocus();

    // "N" on the focused board viewport adds another.
    const viewport = document.querySelector<HTMLElement>(".board__viewport");
    viewport?.focus();
    await user.keyboard("n");
    expect(getNotes(docs.content)).toHaveLength(2);
  });

  it("edits inline: blur commits, Escape cancels", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard();
    let id = "" as NoteId;
    act(() => {
      id = addNote(docs.content, { stage: "empathize", text: "draft", author: PEER });
    });
    const textarea = screen.getByRole("textbox", { name: "Note text" });
    await user.clear(textarea);
    await user.type(textarea, "Forms are confusing");
    expect(getNotes(docs.content)[0]?.text).toBe("draft");
    await user.tab();
    expect(getNotes(docs.content)[0]?.text).toBe("Forms are confusing");

    await user.click(textarea);
    await user.type(textarea, " and long");
    await user.keyboard("{Escape}");
    expect(getNotes(docs.content)[0]?.text).toBe("Forms are confusing");
    expect(textarea).toHaveValue("Forms are confusing");
    expect(screen.getByRole("article", { name: /Forms are confusing/ })).toHaveAttribute("data-note-id", id);
  });

  it("moves a focused note with the arrow keys (Shift for bigger steps)", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard();
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "move me", author: PEER, x: 100, y: 100 });
    });
    screen.getByRole("article", { name: /move me/ }).focus();
    await user.keyboard("{ArrowRight}{ArrowDown}{ArrowDown}");
    expect(getNotes(docs.content)[0]).toMatchObject({ x: 116, y: 132 });
    await user.keyboard("{Shift>}{ArrowLeft}{/Shift}");
    expect(getNotes(docs.content)[0]).toMatchObject({ x: 52, y: 132 });
    // Never off the board.
    await user.keyboard("{Shift>}{ArrowUp}{ArrowUp}{ArrowUp}{/Shift}");
    expect(getNotes(docs.content)[0]?.y).toBe(0);
  });

  it("recolors and deletes through the note tools", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard();
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "color me", author: PEER });
    });
    await user.click(screen.getByRole("textbox", { name: "Note text" }));
    const pink = screen.getByRole("button", { name: "Pink" });
    expect(screen.getByRole("button", { name: "Yellow" })).toHaveAttribute("aria-pressed", "true");
    await user.click(pink);
    expect(getNotes(docs.content)[0]?.color).toBe("pink");
    expect(screen.getByRole("article", { name: /color me/ })).toHaveClass("note--pink");
    await user.click(screen.getByRole("button", { name: "Delete note" }));
    expect(getNotes(docs.content)).toHaveLength(0);
    expect(notesOnScreen()).toHaveLength(0);
  });

  it("re-renders when another peer changes the doc", () => {
    const { docs } = renderBoard();
    let id = "" as NoteId;
    act(() => {
      id = addNote(docs.content, { stage: "empathize", text: "remote idea", author: PEER, x: 10, y: 10 });
    });
    expect(screen.getByRole("article", { name: /remote idea/ })).toBeInTheDocument();
    act(() => {
      editNote(docs.content, id, "remote idea, edited");
      moveNote(docs.content, id, { x: 300, y: 200 });
    });
    const note = screen.getByRole("article", { name: /remote idea, edited/ });
    expect(note).toHaveStyle({ left: "300px", top: "200px" });
    expect(screen.getByRole("textbox", { name: "Note text" })).toHaveValue("remote idea, edited");
    act(() => {
      deleteNote(docs.content, id);
    });
    expect(notesOnScreen()).toHaveLength(0);
  });

  it("is read-only for observers", () => {
    const { docs } = renderBoard({ role: "observer" });
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "watch only", author: PEER });
    });
    expect(screen.queryByRole("button", { name: "Add note" })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.getByRole("article", { name: /watch only/ })).toHaveTextContent("watch only");
  });

  it("shows other people's cursors on the same stage only", () => {
    const { awareness } = renderBoard({ withAwareness: true });
    expect(awareness).not.toBeNull();
    // A remote peer's awareness arrives as states keyed by its client id.
    act(() => {
      awareness?.states.set(4242, {
        user: { id: PEER.id, name: "Malee", color: "#be185d", role: "citizen" },
        stage: "empathize",
        cursor: { x: 120, y: 80 },
      });
      awareness?.states.set(4343, {
        user: { id: "other-person-0001", name: "Anan", color: "#166534", role: "team" },
        stage: "define",
        cursor: { x: 10, y: 10 },
      });
      awareness?.emit("change", [{ added: [4242, 4343], updated: [], removed: [] }, "remote"]);
    });
    expect(screen.getByText("Malee")).toBeInTheDocument();
    expect(screen.queryByText("Anan")).not.toBeInTheDocument();
  });

  it("lets a citizen edit their own notes only; others' notes are read-only", () => {
    const { docs } = renderBoard({ role: "citizen" });
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "mine", author: ME });
      addNote(docs.content, { stage: "empathize", text: "theirs", author: PEER });
    });
    const mine = screen.getByRole("article", { name: /mine/ });
    const theirs = screen.getByRole("article", { name: /theirs/ });
    expect(within(mine).getByRole("textbox", { name: "Note text" })).toHaveValue("mine");
    expect(within(mine).getByRole("button", { name: /Move note/ })).toBeInTheDocument();
    expect(within(theirs).queryByRole("textbox")).not.toBeInTheDocument();
    expect(within(theirs).queryByRole("button")).not.toBeInTheDocument();
    expect(theirs).toHaveTextContent("theirs");
    // Citizens still add notes.
    expect(screen.getByRole("button", { name: "Add note" })).toBeInTheDocument();
  });

  it("counts people on this stage whose cursor is not drawn", () => {
    const { awareness } = renderBoard({ withAwareness: true });
    act(() => {
      for (let i = 0; i < 40; i++) {
        awareness?.states.set(5000 + i, {
          user: { id: `crowd-person-${i}`, name: `Person ${i}`, color: "#166534", role: "citizen" },
          stage: i < 35 ? "empathize" : "define",
          // The server forwards at most ~30 cursors: the rest arrive without one.
          cursor: i < 30 ? { x: i * 10, y: 20 } : null,
        });
      }
      awareness?.emit("change", [{ added: [], updated: [], removed: [] }, "remote"]);
    });
    expect(document.querySelectorAll(".cursor")).toHaveLength(30);
    expect(screen.getByText("+5 others here")).toBeInTheDocument();
  });
});
