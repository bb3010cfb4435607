import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { addNote, type ParticipantId } from "../../shared";
import { renderBoard } from "./render";

const PEER = { id: "peer-participant-01" as ParticipantId, name: "Malee" };

const viewportOf = (container: HTMLElement) => container.querySelector(".board__viewport") as HTMLElement;

describe("opening a board", () => {
  it("scrolls to the notes when none of them is in view, with their area's heading, so a phone does not show an empty board", () => {
    const { container, docs } = renderBoard();
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "far right", author: PEER, x: 1600, y: 900 });
      addNote(docs.content, { stage: "empathize", text: "further down", author: PEER, x: 1800, y: 1200 });
    });
    const viewport = viewportOf(container);
    expect(viewport.scrollLeft).toBe(1600 - 16);
    // 56 px above the first note: the heading of the area it sits in (a Test quadrant, say) stays in view.
    expect(viewport.scrollTop).toBe(900 - 56);
  });

  it("stays where it is when a note is already in view, and only frames once", () => {
    const { container, docs } = renderBoard();
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "near", author: PEER, x: 40, y: 40 });
    });
    const viewport = viewportOf(container);
    expect(viewport.scrollLeft).toBe(0);
    act(() => {
      addNote(docs.content, { stage: "empathize", text: "later, far away", author: PEER, x: 2000, y: 1400 });
    });
    expect(viewport.scrollLeft).toBe(0);
    expect(viewport.scrollTop).toBe(0);
  });
});
