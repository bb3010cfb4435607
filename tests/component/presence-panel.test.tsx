import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import type { Peer } from "../../client/sync/usePresence";
import { PresenceBar } from "../../client/workshop/PresenceBar";
import { type ParticipantId, ROLES, type Role, STAGES } from "../../shared";

const crowd = (count: number): Peer[] =>
  Array.from({ length: count }, (_, i) => ({
    clientId: i + 1,
    isSelf: i === 0,
    user: {
      id: `p-${i}` as ParticipantId,
      name: `Person ${i}`,
      color: "#166534",
      role: (i === 0 ? "facilitator" : i < 10 ? "team" : "citizen") as Role,
    },
    stage: STAGES[i % STAGES.length] as Peer["stage"],
    cursor: null,
  }));

afterEach(() => vi.useRealTimers());

describe("presence panel", () => {
  it("groups 300 people by role with counts, collapsed except your own group", async () => {
    const user = userEvent.setup();
    render(<PresenceBar peers={crowd(300)} />);
    await user.click(screen.getByRole("button", { name: "300 people" }));
    const panel = screen.getByRole("region", { name: "300 people here" });
    expect(within(panel).getByText("300 active · 0 idle")).toBeInTheDocument();
    await user.click(within(panel).getByRole("radio", { name: "By role" }));
    const groups = [...panel.querySelectorAll("details")];
    expect(groups.map((g) => g.querySelector("summary")?.textContent)).toEqual([
      "Facilitator1",
      "Team9",
      "Citizen290",
    ]);
    expect(groups.map((g) => g.open)).toEqual([true, false, false]);
    expect(within(panel).getAllByRole("listitem")).toHaveLength(1);
    expect(within(panel).getByText("on Empathize")).toBeInTheDocument();
    expect(ROLES).toContain("observer");
  });

  it("marks people idle after 60 s without a presence change", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const doc = new Y.Doc();
    const mine = new Awareness(doc);
    const theirs = new Awareness(new Y.Doc());
    const state = (name: string, role: Role) => ({
      user: { id: name, name, color: "#166534", role },
      stage: "empathize",
      cursor: null,
    });
    mine.setLocalState(state("Me", "facilitator"));
    theirs.setLocalState(state("Nok", "citizen"));
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), "remote");
    const peers: Peer[] = [
      { ...(state("Me", "facilitator") as unknown as Peer), clientId: mine.clientID, isSelf: true },
      { ...(state("Nok", "citizen") as unknown as Peer), clientId: theirs.clientID, isSelf: false },
    ];
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(<PresenceBar peers={peers} awareness={mine} />);
    await user.click(screen.getByRole("button", { name: "2 people" }));
    expect(screen.getByText("2 active · 0 idle")).toBeInTheDocument();

    act(() => vi.advanceTimersByTime(40_000));
    // I move my pointer; Nok does nothing.
    act(() => mine.setLocalStateField("cursor", { x: 5, y: 5 }));
    act(() => vi.advanceTimersByTime(25_000));
    expect(screen.getByText("1 active · 1 idle")).toBeInTheDocument();
    const idle = screen.getByTitle("Nok is idle");
    expect(idle.closest("li")).toHaveTextContent("Nok");

    // Nok moves: active again at once.
    act(() => {
      theirs.setLocalStateField("cursor", { x: 1, y: 1 });
      applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), "remote");
    });
    expect(screen.getByText("2 active · 0 idle")).toBeInTheDocument();
    mine.destroy();
    theirs.destroy();
  });
});
