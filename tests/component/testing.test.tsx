import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { NoteAnswerSelect } from "../../client/methods/NoteAnswers";
import { Storyboard } from "../../client/methods/Storyboard";
import { TestingPanel } from "../../client/methods/Testing";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import {
  addNote,
  addPrototype,
  addStep,
  createWorkshopDocs,
  feedbackFrame,
  getNote,
  getNotes,
  getPrototypes,
  getStoryboard,
  HMW_FRAME,
  type Role,
} from "../../shared";
import { ME } from "./render";

function withWorkshop(role: Role = "team") {
  const docs = createWorkshopDocs();
  const value: WorkshopContextValue = {
    docs,
    awareness: null,
    self: { ...ME, color: "#1d4ed8", role },
    readOnly: role === "observer",
  };
  return { docs, wrap: (node: ReactNode) => <WorkshopProvider value={value}>{node}</WorkshopProvider> };
}

describe("Test stage panel", () => {
  it("lets a citizen add feedback to each quadrant of a prototype's grid", async () => {
    const user = userEvent.setup();
    const { docs, wrap } = withWorkshop("citizen");
    const proto = addPrototype(docs.content, { authorId: ME.id, title: "SMS queue" });
    render(wrap(<TestingPanel />));
    const grid = screen.getByRole("region", { name: "Feedback on SMS queue" });
    for (const [area, text] of [
      ["Likes", "No more waiting at 5 am"],
      ["Wishes", "Remind me 10 minutes before"],
      ["Questions", "What if I have no phone?"],
      ["Ideas", "LINE instead of SMS"],
    ] as const) {
      await user.type(
        within(grid).getByRole("textbox", { name: `Write a note for ${area}` }),
        `${text}{Enter}`,
      );
      expect(within(grid).getByRole("region", { name: new RegExp(`^${area}`) })).toHaveTextContent(text);
    }
    const notes = getNotes(docs.content);
    expect(notes.map((n) => n.frame).sort()).toEqual(
      (["ideas", "likes", "questions", "wishes"] as const).map((a) => feedbackFrame(proto, a)),
    );
    expect(notes.every((n) => n.stage === "test" && n.authorId === ME.id)).toBe(true);
    // Citizens read the plan and result but cannot set them.
    expect(screen.queryByRole("radio")).toBeNull();
    expect(screen.getAllByText("Not planned yet.")).toHaveLength(3);
  });

  it("lets the team write the test plan and record the result", async () => {
    const user = userEvent.setup();
    const { docs, wrap } = withWorkshop("team");
    addPrototype(docs.content, { authorId: ME.id, title: "Kiosk" });
    const view = render(wrap(<TestingPanel />));
    await user.type(screen.getByRole("textbox", { name: "Who tests it" }), "Five elderly patients");
    await user.tab();
    await user.click(screen.getByRole("radio", { name: "Iterate" }));
    expect(getPrototypes(docs.content)[0]).toMatchObject({
      testWho: "Five elderly patients",
      status: "iterate",
    });
    view.rerender(wrap(<TestingPanel />));
    expect(screen.getByText("Result: Iterate")).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: "Not decided" }));
    expect(getPrototypes(docs.content)[0]?.status).toBeNull();
  });

  it("says where prototypes come from when there are none", () => {
    const { wrap } = withWorkshop("citizen");
    render(wrap(<TestingPanel />));
    expect(screen.getByText(/No prototypes yet/)).toBeInTheDocument();
  });
});

describe("linking an idea to the question it answers", () => {
  it("offers the Define stage's HMW questions and writes the link", async () => {
    const user = userEvent.setup();
    const { docs, wrap } = withWorkshop("citizen");
    const author = { id: ME.id, name: ME.name };
    const hmw = addNote(docs.content, {
      stage: "define",
      frame: HMW_FRAME,
      text: "How might we cut queues?",
      author,
    });
    addNote(docs.content, { stage: "define", text: "not a question", author });
    const idea = addNote(docs.content, { stage: "ideate", text: "SMS numbers", author });
    const note = () => getNote(docs.content, idea) as NonNullable<ReturnType<typeof getNote>>;
    const view = render(wrap(<NoteAnswerSelect note={note()} content={docs.content} />));
    const select = screen.getByRole("combobox", { name: "Answers which question?" });
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Answers no question", "How might we cut queues?"]);
    await user.selectOptions(select, "How might we cut queues?");
    expect(note().answers).toBe(hmw);
    view.rerender(wrap(<NoteAnswerSelect note={note()} content={docs.content} />));
    await user.selectOptions(screen.getByRole("combobox"), "Answers no question");
    expect(note().answers).toBeUndefined();
  });
});

describe("storyboard", () => {
  it("adds steps in order, reorders them, and attaches an uploaded picture", async () => {
    const user = userEvent.setup();
    const docs = createWorkshopDocs();
    const value: WorkshopContextValue = {
      docs,
      awareness: null,
      self: { ...ME, color: "#1d4ed8", role: "team" },
      readOnly: false,
      api: { workshopId: "w1", token: "team-token", participantToken: null },
    };
    const fetch = vi.fn(async () =>
      Response.json({ id: "img_1", type: "image/png", bytes: 120 }, { status: 201 }),
    );
    vi.stubGlobal("fetch", fetch);
    const proto = addPrototype(docs.content, { authorId: ME.id, title: "Kiosk" });
    render(
      <WorkshopProvider value={value}>
        <Storyboard prototypeId={proto} editable />
      </WorkshopProvider>,
    );
    for (const text of ["Arrive at the office", "Scan the QR code"]) {
      await user.type(
        screen.getByRole("textbox", { name: "What happens in the next step?" }),
        `${text}{Enter}`,
      );
    }
    const texts = () => getStoryboard(docs.content, proto).map((s) => s.text);
    expect(texts()).toEqual(["Arrive at the office", "Scan the QR code"]);
    await user.click(screen.getByRole("button", { name: "Move step 2 earlier" }));
    expect(texts()).toEqual(["Scan the QR code", "Arrive at the office"]);
    expect(screen.getByRole("button", { name: "Move step 1 earlier" })).toBeDisabled();

    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], "step.png", {
      type: "image/png",
    });
    await user.upload(screen.getByLabelText("Picture for step 1"), file);
    await vi.waitFor(() => expect(getStoryboard(docs.content, proto)[0]?.imageId).toBe("img_1"));
    expect(fetch).toHaveBeenCalledWith(
      "/api/workshops/w1/images",
      expect.objectContaining({ method: "POST" }),
    );
    vi.unstubAllGlobals();
  });

  it("is read-only for citizens: no step form, no picture upload", () => {
    const { docs, wrap } = withWorkshop("citizen");
    const proto = addPrototype(docs.content, { authorId: ME.id, title: "Kiosk" });
    addStep(docs.content, { authorId: ME.id, prototypeId: proto, text: "Arrive" });
    render(wrap(<Storyboard prototypeId={proto} editable={false} />));
    expect(screen.getByRole("listitem", { name: "Step 1" })).toHaveTextContent("Arrive");
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByLabelText(/Picture for step/)).toBeNull();
  });
});
