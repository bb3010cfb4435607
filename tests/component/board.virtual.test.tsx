import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { VIRTUALIZE_ABOVE } from "../../client/board/Board";
import { addNote, getNotes, type NoteId, type ParticipantId } from "../../shared";
import { renderBoard } from "./render";

const PEER = { id: "peer-participant-01" as ParticipantId, name: "Malee" };

/** Lets the board's rAF / timeout / transition work run. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 60)));

/** A large board: a filler grid in the top-left corner, plus one note far away at the bottom right. */
function largeBoard(role: "team" | "observer" = "team") {
  const rendered = renderBoard({ role });
  let far = "" as NoteId;
  let near = "" as NoteId;
  act(() => {
    for (let i = 0; i < VIRTUALIZE_ABOVE + 50; i++) {
      addNote(rendered.docs.content, {
        stage: "empathize",
        text: `filler ${i}`,
        author: PEER,
        x: (i % 20) * 20,
        y: Math.floor(i / 20) * 20,
      });
    }
    near = addNote(rendered.docs.content, { stage: "empathize", text: "near", author: PEER, x: 500, y: 300 });
    far = addNote(rendered.docs.content, {
      stage: "empathize",
      text: "far away",
      author: PEER,
      x: 2200,
      y: 1400,
    });
  });
  return { ...rendered, far, near };
}

function scrollTo(left: number, top: number) {
  const viewport = document.querySelector<HTMLElement>(".board__viewport");
  if (!viewport) throw new Error("no viewport");
  Object.defineProperty(viewport, "scrollLeft", { configurable: true, value: left });
  Object.defineProperty(viewport, "scrollTop", { configurable: true, value: top });
  act(() => {
    viewport.dispatchEvent(new Event("scroll"));
  });
}

describe("a large board", () => {
  it("mounts only the notes near the visible area, and says how many there are", async () => {
    const { docs } = largeBoard();
    await settle();
    const total = getNotes(docs.content).length;
    expect(screen.getByText(`${total} notes on this board`)).toBeInTheDocument();
    expect(screen.getByRole("article", { name: /near/ })).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: /far away/ })).not.toBeInTheDocument();
    expect(screen.getAllByTestId("note").length).toBeLessThan(total);

    // Scrolled to the bottom right: the far note comes, the corner's fillers go.
    scrollTo(1600, 1000);
    await settle();
    expect(screen.getByRole("article", { name: /far away/ })).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: /filler 0$/ })).not.toBeInTheDocument();
  });

  it("keeps the focused note mounted when it is scrolled away or moved away by keyboard", async () => {
    const user = userEvent.setup();
    const { docs, near } = largeBoard();
    await settle();
    screen.getByRole("article", { name: /near/ }).focus();
    scrollTo(1600, 1000);
    await settle();
    const note = screen.getByRole("article", { name: /near/ });
    expect(note).toHaveFocus();
    await user.keyboard("{Shift>}{ArrowDown}{ArrowDown}{/Shift}");
    expect(getNotes(docs.content).find((n) => n.id === near)).toMatchObject({ x: 500, y: 428 });
    expect(screen.getByRole("article", { name: /near/ })).toHaveFocus();
  });

  it("shows note text as a stand-in until focused, then edits it in a textarea", async () => {
    const user = userEvent.setup();
    const { docs, near } = largeBoard();
    await settle();
    const note = screen.getByRole("article", { name: /near/ });
    expect(within(note).queryByRole("textbox", { name: "Note text" })?.tagName).toBe("DIV");
    await user.click(within(note).getByRole("textbox", { name: "Note text" }));
    const textarea = within(note).getByRole("textbox", { name: "Note text" });
    expect(textarea.tagName).toBe("TEXTAREA");
    expect(textarea).toHaveFocus();
    await user.clear(textarea);
    await user.type(textarea, "near, edited{Enter}");
    expect(getNotes(docs.content).find((n) => n.id === near)?.text).toBe("near, edited");
    expect(screen.getByRole("article", { name: /near, edited/ })).toHaveFocus();
  });

  it("shows plain text to observers", async () => {
    largeBoard("observer");
    await settle();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.getByRole("article", { name: /near/ })).toHaveTextContent("near");
  });
});
