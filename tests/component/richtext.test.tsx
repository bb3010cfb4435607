import { act, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import RichTextEditor from "../../client/richtext/Editor";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import { addPrototype, createWorkshopDocs, type ParticipantId, richText, richTextKey } from "../../shared";
import { ME } from "./render";

describe("rich-text field", () => {
  it("keeps the field it first drew, and shows a caret already there, so a click and the keys after it land", async () => {
    const docs = createWorkshopDocs();
    const id = addPrototype(docs.content, { authorId: ME.id, title: "Queue SMS" });
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Numbers by SMS")]);
    richText(docs.content, id, "description").insert(0, [paragraph]);

    // Malee's caret is in this field before the editor opens (her presence arrived first).
    const awareness = new Awareness(docs.content);
    const peer = new Awareness(new Y.Doc());
    const at = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(docs.content.getXmlFragment(richTextKey(id, "description")), 0),
    );
    peer.setLocalState({
      user: { id: "peer-participant-01" as ParticipantId, name: "Malee", color: "#166534", role: "team" },
      stage: "prototype",
      cursor: null,
      caret: { field: richTextKey(id, "description"), anchor: at, head: at },
    });
    awareness.states.set(peer.clientID, peer.getLocalState() as Record<string, unknown>);

    const value: WorkshopContextValue = {
      docs,
      awareness,
      self: { ...ME, color: "#1d4ed8", role: "team" },
      readOnly: false,
    };
    // Every editing surface ever put on the page: a second one means the field was drawn again, and
    // the focus (and keys typed meanwhile) of the first went with it.
    const surfaces = new Set<Element>();
    const watcher = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof Element)
            for (const el of [node, ...node.querySelectorAll(".ProseMirror")])
              if (el.classList.contains("ProseMirror")) surfaces.add(el);
    });
    watcher.observe(document.body, { childList: true, subtree: true });
    render(
      <StrictMode>
        <WorkshopProvider value={value}>
          <RichTextEditor recordId={id} field="description" label="Description of Queue SMS" editable />
        </WorkshopProvider>
      </StrictMode>,
    );
    await act(async () => {});
    const field = screen.getByRole("textbox", { name: "Description of Queue SMS" });
    expect(field).toHaveTextContent("Numbers by SMS");
    // Built once, with its carets: not drawn again once the effects have run.
    for (const record of watcher.takeRecords())
      for (const node of record.addedNodes)
        if (node instanceof Element && node.classList.contains("ProseMirror")) surfaces.add(node);
    watcher.disconnect();
    expect([...surfaces]).toEqual([field]);
    await vi.waitFor(() =>
      expect(field.querySelector(".collaboration-carets__label")).toHaveTextContent("Malee"),
    );
  });
});
