import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { HistoryPanel } from "../../client/history/HistoryPanel";
import { contentUndoFor } from "../../client/history/undo";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import {
  addNote,
  createWorkshopDocs,
  getNotes,
  type HistoryEntry,
  type NoteId,
  type ParticipantId,
  pictureContent,
  summarizeChanges,
  toBase64,
} from "../../shared";

const ME = { id: "fac-0001" as ParticipantId, name: "Fac" };

afterEach(() => vi.unstubAllGlobals());

describe("history panel", () => {
  it("lists snapshots, previews one, and restores it after a confirm, as one undoable change", async () => {
    const snapshot = new Y.Doc();
    addNote(snapshot, { stage: "define", text: "kept idea", author: ME, id: "n1" as NoteId });
    const entry: HistoryEntry = {
      id: 7,
      at: Date.UTC(2025, 0, 1, 9, 30),
      reason: "stage",
      stage: "define",
      summary: summarizeChanges(null, snapshot),
      summaryText: "1 note added",
      counts: { notes: 1, personas: 0, interviews: 0, povs: 0, prototypes: 0 },
    };
    const body = {
      entry,
      title: "T",
      content: pictureContent(snapshot),
      state: toBase64(Y.encodeStateAsUpdate(snapshot)),
    };
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? "GET"} ${url}`);
        const json = url.endsWith("/history")
          ? { entries: [entry] }
          : url.endsWith("/restore")
            ? { ...body, saved: { ...entry, id: 8, reason: "restore" } }
            : body;
        return new Response(JSON.stringify(json), { status: 200 });
      }),
    );
    const docs = createWorkshopDocs();
    addNote(docs.content, { stage: "define", text: "spam", author: ME, id: "n2" as NoteId });
    const value: WorkshopContextValue = {
      docs,
      awareness: null,
      self: { ...ME, color: "#1d4ed8", role: "facilitator" },
      readOnly: false,
      api: { workshopId: "w1", token: "tok", participantToken: null },
    };
    const user = userEvent.setup();
    render(
      <WorkshopProvider value={value}>
        <HistoryPanel />
      </WorkshopProvider>,
    );
    await user.click(screen.getByText("History"));
    await screen.findByText("Stage change");
    expect(screen.getByText("Notes +1 added")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Preview" }));
    expect(await screen.findByTestId("history-preview")).toHaveTextContent("kept idea");

    await user.click(screen.getByRole("button", { name: "Restore…" }));
    expect(getNotes(docs.content).map((n) => n.text)).toEqual(["spam"]);
    await user.click(screen.getByRole("button", { name: "Restore this snapshot" }));
    await screen.findByText("Snapshot restored. Undo takes it back.");
    expect(getNotes(docs.content).map((n) => n.text)).toEqual(["kept idea"]);
    expect(calls).toContain("POST /api/workshops/w1/history/7/restore");

    contentUndoFor(docs.content).undo();
    expect(getNotes(docs.content).map((n) => n.text)).toEqual(["spam"]);
  });
});
