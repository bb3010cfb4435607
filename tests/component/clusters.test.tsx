import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  addNote,
  type ClusterId,
  createCluster,
  getClusterMembers,
  getClusters,
  getNote,
  type NoteId,
  type ParticipantId,
  setNoteCluster,
} from "../../shared";
import { ME, renderBoard } from "./render";

const PEER = { id: "peer-participant-01" as ParticipantId, name: "Malee" };

describe("clusters on the board", () => {
  it("moves a note into a cluster with the keyboard select, and collapsing shows the count", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard({ stage: "ideate" });
    let a = "" as NoteId;
    let b = "" as NoteId;
    let cluster = "" as ClusterId;
    act(() => {
      a = addNote(docs.content, { stage: "ideate", text: "Solar lamps", author: PEER, x: 900, y: 500 });
      b = addNote(docs.content, { stage: "ideate", text: "Guard booth", author: PEER, x: 1200, y: 500 });
      cluster = createCluster(docs.content, { stage: "ideate", name: "Safety", x: 40, y: 40 });
    });
    const frame = screen.getByRole("region", { name: "Cluster: Safety" });
    expect(within(frame).getByText("0 notes")).toBeInTheDocument();

    // Keyboard only: focus the note, its tools offer "Move to cluster…".
    act(() => screen.getByRole("article", { name: /Solar lamps/ }).focus());
    await user.selectOptions(screen.getByRole("combobox", { name: "Move to cluster…" }), "Safety");
    expect(getClusterMembers(docs.content, cluster)).toEqual([a]);
    // It lands in the frame's first slot, below the header.
    expect(getNote(docs.content, a)).toMatchObject({ x: 56, y: 96 });
    expect(within(frame).getByText("1 note")).toBeInTheDocument();

    act(() => screen.getByRole("article", { name: /Guard booth/ }).focus());
    await user.selectOptions(screen.getByRole("combobox", { name: "Move to cluster…" }), "Safety");
    expect(getClusterMembers(docs.content, cluster).sort()).toEqual([a, b].sort());
    expect(getNote(docs.content, b)?.x).toBeGreaterThan(56);

    // Collapse: the frame shows name and count, its notes are not drawn.
    await user.click(screen.getByRole("button", { name: "Collapse cluster Safety" }));
    expect(getClusters(docs.content)[0]?.collapsed).toBe(true);
    expect(within(frame).getByText("2 notes")).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: /Solar lamps/ })).toBeNull();
    expect(screen.queryByRole("article", { name: /Guard booth/ })).toBeNull();
    const expand = screen.getByRole("button", { name: "Expand cluster Safety" });
    expect(expand).toHaveAttribute("aria-expanded", "false");
    await user.click(expand);
    expect(screen.getByRole("article", { name: /Guard booth/ })).toBeInTheDocument();

    // Leaving through the select puts the note outside the frame.
    act(() => screen.getByRole("article", { name: /Guard booth/ }).focus());
    await user.selectOptions(screen.getByRole("combobox", { name: "Move to cluster…" }), "No cluster");
    expect(getClusterMembers(docs.content, cluster)).toEqual([a]);
  });

  it("creates a cluster, renames it inline, moves it with arrow keys (members follow) and ungroups it", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard({ stage: "ideate" });
    await user.click(screen.getByRole("button", { name: "New cluster" }));
    const [created] = getClusters(docs.content);
    expect(created).toMatchObject({ stage: "ideate", name: "Cluster 1" });
    const id = created?.id as ClusterId;
    // The name field has the focus: typing names the cluster.
    const name = screen.getByRole("textbox", { name: "Cluster name" });
    expect(name).toHaveFocus();
    await user.keyboard("Transport{Enter}");
    expect(getClusters(docs.content)[0]?.name).toBe("Transport");

    let n = "" as NoteId;
    act(() => {
      n = addNote(docs.content, { stage: "ideate", text: "Night bus", author: ME, x: 600, y: 600 });
      setNoteCluster(docs.content, n, id, { x: 100, y: 150 });
    });
    const before = getClusters(docs.content)[0];
    screen.getByRole("button", { name: "Move cluster Transport (drag, or arrow keys)" }).focus();
    await user.keyboard("{ArrowRight}{ArrowDown}");
    expect(getClusters(docs.content)[0]).toMatchObject({
      x: (before?.x ?? 0) + 16,
      y: (before?.y ?? 0) + 16,
    });
    expect(getNote(docs.content, n)).toMatchObject({ x: 116, y: 166 });

    await user.selectOptions(screen.getByRole("combobox", { name: "Cluster color" }), "Green");
    expect(getClusters(docs.content)[0]?.color).toBe("green");

    await user.click(screen.getByRole("button", { name: "Ungroup Transport" }));
    expect(getClusters(docs.content)).toEqual([]);
    expect(screen.queryByRole("region", { name: /Cluster:/ })).toBeNull();
    expect(screen.getByRole("article", { name: /Night bus/ })).toBeInTheDocument();
  });

  it("a note moved onto a frame joins its cluster, and moved off it leaves", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard({ stage: "ideate" });
    let n = "" as NoteId;
    let c = "" as ClusterId;
    act(() => {
      // The frame spans x 40..656 (three columns); the note starts just right of it.
      c = createCluster(docs.content, { stage: "ideate", name: "Safety", x: 40, y: 40 });
      n = addNote(docs.content, { stage: "ideate", text: "Lamp", author: PEER, x: 600, y: 100 });
    });
    expect(getClusterMembers(docs.content, c)).toEqual([]);
    act(() => screen.getByRole("article", { name: /Lamp/ }).focus());
    await user.keyboard("{Shift>}{ArrowLeft}{/Shift}");
    expect(getClusterMembers(docs.content, c)).toEqual([n]);
    await user.keyboard("{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}");
    expect(getClusterMembers(docs.content, c)).toEqual([]);
  });

  it("citizens cannot shape clusters but can move their own notes in", async () => {
    const user = userEvent.setup();
    const { docs } = renderBoard({ stage: "ideate", role: "citizen" });
    let mine = "" as NoteId;
    act(() => {
      mine = addNote(docs.content, { stage: "ideate", text: "Mine", author: ME, x: 900, y: 500 });
      addNote(docs.content, { stage: "ideate", text: "Theirs", author: PEER, x: 1200, y: 500 });
      createCluster(docs.content, { stage: "ideate", name: "Safety" });
    });
    expect(screen.queryByRole("button", { name: "New cluster" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: "Cluster name" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Ungroup/ })).toBeNull();
    act(() => screen.getByRole("article", { name: /Theirs/ }).focus());
    expect(screen.queryByRole("combobox", { name: "Move to cluster…" })).toBeNull();
    act(() => screen.getByRole("article", { name: /Mine/ }).focus());
    await user.selectOptions(screen.getByRole("combobox", { name: "Move to cluster…" }), "Safety");
    expect(getClusterMembers(docs.content, getClusters(docs.content)[0]?.id as ClusterId)).toEqual([mine]);
  });
});
