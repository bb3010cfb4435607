import { act, render, renderHook, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { CURSOR_INTERVAL_MS, type Peer, useCursorPublisher } from "../../client/sync/usePresence";
import { PresenceBar } from "../../client/workshop/PresenceBar";
import { type ParticipantId, STAGES } from "../../shared";

const crowd = (count: number): Peer[] =>
  Array.from({ length: count }, (_, i) => ({
    clientId: i + 1,
    isSelf: i === 0,
    user: { id: `p-${i}` as ParticipantId, name: `Person ${i}`, color: "#166534", role: "citizen" },
    stage: STAGES[i % STAGES.length] as Peer["stage"],
    cursor: null,
  }));

describe("presence list", () => {
  it("stays usable with 300 people: a count, stage groups collapsed except your own", async () => {
    const user = userEvent.setup();
    render(<PresenceBar peers={crowd(300)} />);
    await user.click(screen.getByRole("button", { name: "300 people" }));
    const panel = screen.getByRole("region", { name: "300 people here" });
    const groups = panel.querySelectorAll("details");
    expect(groups).toHaveLength(5);
    expect([...groups].map((group) => group.open)).toEqual([true, false, false, false, false]);
    // Only the open group renders its 60 people.
    expect(within(panel).getAllByRole("listitem")).toHaveLength(60);
    expect(within(panel).getByText("Person 0 (you)")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("region")).not.toBeInTheDocument();
  });
});

describe("cursor publisher", () => {
  afterEach(() => {
    vi.useRealTimers();
    Object.defineProperty(document, "visibilityState", { configurable: true, value: "visible" });
  });

  it("sends at most every 100 ms, nothing for an unchanged position, and clears once when hidden", () => {
    vi.useFakeTimers();
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: null });
    const sent: unknown[] = [];
    awareness.on("change", () => sent.push(awareness.getLocalState()?.cursor));
    const { result } = renderHook(() => useCursorPublisher(awareness));

    act(() => result.current({ x: 1, y: 1 }));
    for (let i = 2; i < 20; i++) act(() => result.current({ x: i, y: i }));
    expect(sent).toEqual([{ x: 1, y: 1 }]);
    act(() => vi.advanceTimersByTime(CURSOR_INTERVAL_MS));
    expect(sent).toEqual([
      { x: 1, y: 1 },
      { x: 19, y: 19 },
    ]);

    // Resting pointer: the same position again sends nothing.
    act(() => vi.advanceTimersByTime(CURSOR_INTERVAL_MS));
    act(() => result.current({ x: 19, y: 19 }));
    expect(sent).toHaveLength(2);

    // Hidden tab: the cursor is cleared once, and moves are ignored until visible again.
    Object.defineProperty(document, "visibilityState", { configurable: true, value: "hidden" });
    act(() => {
      document.dispatchEvent(new Event("visibilitychange"));
    });
    expect(sent).toEqual([{ x: 1, y: 1 }, { x: 19, y: 19 }, null]);
    act(() => result.current({ x: 50, y: 50 }));
    act(() => vi.advanceTimersByTime(1000));
    expect(sent).toHaveLength(3);
    awareness.destroy();
  });
});
