import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { frameAt } from "../../client/methods/areas";
import { StageViews } from "../../client/methods/StageViews";
import { StageBoard } from "../../client/phone/StageBoard";
import { PHONE_QUERY } from "../../client/phone/useIsPhone";
import { useSession } from "../../client/state/session";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import {
  addNote,
  addPrototype,
  createCluster,
  createWorkshopDocs,
  getNote,
  getNotes,
  hideNote,
  type NoteId,
  type ParticipantId,
  pinFocusQuestion,
  type Role,
  type StageId,
  setNoteCluster,
  setStageLocked,
  startVote,
} from "../../shared";
import { ME } from "./render";

const PEER = { id: "peer-participant-01" as ParticipantId, name: "Malee" };

/** A phone-sized screen: matchMedia answers the phone query (jsdom has no matchMedia of its own). */
function phoneScreen(matches = true) {
  Object.defineProperty(window, "matchMedia", {
    configurable: true,
    writable: true,
    value: (query: string) => ({
      matches: matches && query === PHONE_QUERY,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }),
  });
}

/** The stage's notes as the app shows them on a phone; `views` renders the whole StageViews switcher. */
function renderStage(
  stage: StageId,
  role: Role = "citizen",
  setup?: (docs: ReturnType<typeof createWorkshopDocs>) => void,
  views = false,
) {
  const docs = createWorkshopDocs();
  setup?.(docs);
  const value: WorkshopContextValue = {
    docs,
    awareness: null,
    self: { ...ME, color: "#1d4ed8", role },
    readOnly: role === "observer",
    api: { workshopId: "w1", token: "t", participantToken: null },
  };
  const result = render(
    <WorkshopProvider value={value}>
      {views ? <StageViews stage={stage} /> : <StageBoard stage={stage} />}
    </WorkshopProvider>,
  );
  return { ...result, docs };
}

const group = (name: string | RegExp) => screen.getByRole("region", { name });
const note = (text: string) => screen.getByRole("article", { name: new RegExp(text) });
const compose = () => screen.getByRole("textbox", { name: "Add a note" });

beforeEach(() => {
  phoneScreen();
  useSession.setState({ phoneView: "list" });
});
afterEach(() => {
  // biome-ignore lint/suspicious/noExplicitAny: removing the stub restores jsdom's missing matchMedia.
  delete (window as any).matchMedia;
});

describe("the phone's list view", () => {
  it("opens as a list of the stage's notes, by cluster and then the rest; the canvas is one tap away", async () => {
    const user = userEvent.setup();
    renderStage(
      "ideate",
      "citizen",
      (docs) => {
        const lamps = addNote(docs.content, { stage: "ideate", text: "Solar lamps", author: PEER });
        addNote(docs.content, { stage: "ideate", text: "Guard booth", author: PEER });
        addNote(docs.content, { stage: "define", text: "Not an idea", author: PEER });
        const safety = createCluster(docs.content, { stage: "ideate", name: "Safety", x: 40, y: 40 });
        setNoteCluster(docs.content, lamps, safety);
      },
      true,
    );
    expect(screen.getByRole("button", { name: "List" })).toHaveAttribute("aria-pressed", "true");
    const safety = group("Cluster: Safety");
    expect(within(safety).getByRole("heading", { name: /Safety/ })).toBeInTheDocument();
    expect(within(safety).getByRole("listitem")).toHaveTextContent("Solar lamps");
    expect(within(safety).getByTestId("cluster-count")).toHaveTextContent("1 note");
    const rest = group(/^Not in a cluster/);
    expect(
      within(rest)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining("Guard booth")]);
    expect(screen.queryByText("Not an idea")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Canvas" }));
    expect(screen.getByRole("region", { name: "Ideate board" })).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Add a note" })).toBeNull();
    expect(useSession.getState().phoneView).toBe("canvas");
    await user.click(screen.getByRole("button", { name: "List" }));
    expect(compose()).toBeInTheDocument();
  });

  it("is not offered on a wider screen: the board is the canvas", () => {
    phoneScreen(false);
    renderStage("ideate", "citizen", undefined, true);
    expect(screen.getByRole("region", { name: "Ideate board" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "List" })).toBeNull();
  });

  it("groups the Empathize notes by empathy-map area and adds to the chosen one, inside it on the canvas", async () => {
    const user = userEvent.setup();
    const { docs } = renderStage(
      "empathize",
      "citizen",
      (docs) => {
        addNote(docs.content, {
          stage: "empathize",
          text: "Comes at 5 am",
          frame: "empathy:does",
          author: PEER,
        });
      },
      true,
    );
    expect(within(group(/^Does/)).getByText("Comes at 5 am")).toBeInTheDocument();
    expect(within(group(/^Feels/)).getByText("What do they feel?")).toBeInTheDocument();

    await user.click(compose());
    await user.selectOptions(screen.getByRole("combobox", { name: "Area" }), "Feels");
    await user.type(compose(), "Worried{Shift>}{Enter}{/Shift}about the queue{Enter}");
    const added = getNotes(docs.content).find((n) => n.text.startsWith("Worried"));
    expect(added).toMatchObject({
      stage: "empathize",
      frame: "empathy:feels",
      text: "Worried\nabout the queue",
      authorId: ME.id,
    });
    expect(frameAt("empathize", added?.x ?? -1, added?.y ?? -1)).toBe("empathy:feels");
    expect(within(group(/^Feels/)).getByRole("article", { name: /Worried/ })).toBeInTheDocument();
    // Ready for the next note.
    expect(compose()).toHaveFocus();
    expect(compose()).toHaveValue("");
  });

  it("keeps the Define stage's questions apart and adds one as a question", async () => {
    const user = userEvent.setup();
    const { docs } = renderStage("define", "citizen", (docs) => {
      addNote(docs.content, { stage: "define", text: "Queue is opaque", author: PEER });
    });
    expect(within(group(/^How might we…/)).getByText(/Turn problems into questions/)).toBeInTheDocument();
    await user.click(compose());
    await user.selectOptions(screen.getByRole("combobox", { name: "Add as" }), "“How might we…” question");
    await user.type(compose(), "How might we show the wait?");
    await user.click(screen.getByRole("button", { name: "Add note" }));
    expect(getNotes(docs.content).find((n) => n.text === "How might we show the wait?")).toMatchObject({
      stage: "define",
      frame: "hmw",
    });
    expect(within(group(/^How might we…/)).getByText("How might we show the wait?")).toBeInTheDocument();
    expect(within(group(/^Other notes/)).getByText("Queue is opaque")).toBeInTheDocument();
  });

  it("groups the Test notes by each prototype's feedback grid and adds feedback to the chosen cell", async () => {
    const user = userEvent.setup();
    const { docs } = renderStage("test", "citizen", (docs) => {
      const proto = addPrototype(docs.content, { authorId: PEER.id, title: "SMS queue" });
      addNote(docs.content, { stage: "test", text: "Clear", frame: `feedback:${proto}:likes`, author: PEER });
      addNote(docs.content, { stage: "test", text: "Loose remark", author: PEER });
    });
    expect(within(group(/^SMS queue · Likes/)).getByText("Clear")).toBeInTheDocument();
    expect(within(group(/^SMS queue · Wishes/)).getByText("What would they change?")).toBeInTheDocument();
    expect(within(group(/^Other notes/)).getByText("Loose remark")).toBeInTheDocument();

    await user.click(compose());
    await user.selectOptions(screen.getByRole("combobox", { name: "Feedback for" }), "SMS queue · Wishes");
    await user.click(screen.getByRole("button", { name: "Pink" }));
    await user.type(compose(), "Bigger digits{Enter}");
    expect(getNotes(docs.content).find((n) => n.text === "Bigger digits")).toMatchObject({
      stage: "test",
      color: "pink",
      frame: expect.stringMatching(/^feedback:.+:wishes$/),
    });
    expect(within(group(/^SMS queue · Wishes/)).getByText("Bigger digits")).toBeInTheDocument();
  });

  it("lets a citizen edit and delete their own notes only", async () => {
    const user = userEvent.setup();
    let mine = "" as NoteId;
    const { docs } = renderStage("prototype", "citizen", (docs) => {
      mine = addNote(docs.content, { stage: "prototype", text: "Mine", author: ME });
      addNote(docs.content, { stage: "prototype", text: "Theirs", author: PEER });
    });
    expect(within(note("Theirs")).queryByRole("button")).toBeNull();
    expect(within(note("Mine")).getByText("Somchai (you)")).toBeInTheDocument();

    await user.click(within(note("Mine")).getByRole("button", { name: "Edit" }));
    const box = screen.getByRole("textbox", { name: "Edit note" });
    expect(box).toHaveFocus();
    await user.clear(box);
    await user.type(box, "Mine, better{Enter}");
    expect(getNote(docs.content, mine)?.text).toBe("Mine, better");
    expect(within(note("Mine, better")).getByRole("button", { name: "Edit" })).toHaveFocus();

    // Escape leaves the text as it was.
    await user.click(within(note("Mine, better")).getByRole("button", { name: "Edit" }));
    await user.type(screen.getByRole("textbox", { name: "Edit note" }), " and more{Escape}");
    expect(getNote(docs.content, mine)?.text).toBe("Mine, better");

    await user.click(within(note("Mine, better")).getByRole("button", { name: "Delete" }));
    expect(getNote(docs.content, mine)).toBeNull();
    expect(screen.queryByText("Mine, better")).toBeNull();
    expect(compose()).toHaveFocus();
  });

  it("gives an observer no compose form, and tells a citizen when the board is locked", () => {
    renderStage("ideate", "observer", (docs) => {
      addNote(docs.content, { stage: "ideate", text: "An idea", author: PEER });
    });
    expect(screen.queryByRole("textbox", { name: "Add a note" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add note" })).toBeNull();
    expect(screen.getByText(/only participants can add notes/)).toBeInTheDocument();
    expect(note("An idea")).toBeInTheDocument();
  });

  it("is read-only for a citizen while the facilitator locks the board", () => {
    renderStage("ideate", "citizen", (docs) => {
      addNote(docs.content, { stage: "ideate", text: "My idea", author: ME });
      setStageLocked(docs.control, "ideate", true);
    });
    expect(screen.queryByRole("textbox", { name: "Add a note" })).toBeNull();
    expect(screen.getByText(/locked this board/)).toBeInTheDocument();
    expect(within(note("My idea")).queryByRole("button", { name: "Edit" })).toBeNull();
  });

  it("links a new idea to the pinned question, and the idea's select changes which question it answers", async () => {
    const user = userEvent.setup();
    let wait = "" as NoteId;
    let pharmacy = "" as NoteId;
    const { docs } = renderStage("ideate", "citizen", (docs) => {
      wait = addNote(docs.content, {
        stage: "define",
        text: "HMW show the wait?",
        frame: "hmw",
        author: PEER,
      });
      pharmacy = addNote(docs.content, {
        stage: "define",
        text: "HMW speed up the pharmacy?",
        frame: "hmw",
        author: PEER,
      });
      addNote(docs.content, { stage: "define", text: "Not a question", author: PEER });
      addNote(docs.content, { stage: "ideate", text: "Peer idea", answers: pharmacy, author: PEER });
      pinFocusQuestion(docs.control, wait);
    });
    // Someone else's idea: which question it answers, no select.
    expect(within(note("Peer idea")).getByText("Answers: HMW speed up the pharmacy?")).toBeInTheDocument();
    expect(within(note("Peer idea")).queryByRole("combobox")).toBeNull();

    // The form's options open once someone starts writing.
    expect(screen.queryByRole("combobox", { name: "Answers which question?" })).toBeNull();
    await user.click(compose());
    const answers = screen.getByRole("combobox", { name: "Answers which question?" });
    expect(answers).toHaveDisplayValue("HMW show the wait?");
    expect(within(answers).queryByRole("option", { name: "Not a question" })).toBeNull();
    await user.type(compose(), "Queue display{Enter}");
    const idea = getNotes(docs.content).find((n) => n.text === "Queue display");
    expect(idea).toMatchObject({ stage: "ideate", answers: wait });

    const own = within(note("Queue display")).getByRole("combobox", { name: "Answers which question?" });
    expect(own).toHaveDisplayValue("HMW show the wait?");
    await user.selectOptions(own, "HMW speed up the pharmacy?");
    expect(getNote(docs.content, idea?.id as NoteId)?.answers).toBe(pharmacy);
    await user.selectOptions(own, "No particular question");
    expect(getNote(docs.content, idea?.id as NoteId)?.answers).toBeUndefined();
  });

  it("leaves hidden notes out for a citizen and shows them marked to the facilitator", () => {
    const setup = (docs: ReturnType<typeof createWorkshopDocs>) => {
      addNote(docs.content, { stage: "ideate", text: "Kind idea", author: PEER });
      const rude = addNote(docs.content, { stage: "ideate", text: "Rude idea", author: PEER });
      hideNote(docs.control, rude, "fac");
    };
    const citizen = renderStage("ideate", "citizen", setup);
    expect(note("Kind idea")).toBeInTheDocument();
    expect(screen.queryByText("Rude idea")).toBeNull();
    citizen.unmount();

    renderStage("ideate", "facilitator", setup);
    expect(within(note("Rude idea")).getByText("Hidden")).toBeInTheDocument();
    expect(within(note("Rude idea")).getByRole("button", { name: "Unhide" })).toBeInTheDocument();
    expect(within(note("Kind idea")).queryByText("Hidden")).toBeNull();
  });

  it("offers the dot-vote button on each note while a vote is open", () => {
    renderStage("ideate", "citizen", (docs) => {
      addNote(docs.content, { stage: "ideate", text: "Vote me", author: PEER });
      startVote(docs.control, { stage: "ideate", perPerson: 3, allowMultiple: false });
    });
    expect(within(note("Vote me")).getByRole("button", { name: "Vote for this note" })).toBeInTheDocument();
  });

  it("puts the focus back in the box when Add is pressed with nothing written", async () => {
    const user = userEvent.setup();
    const { docs } = renderStage("prototype", "citizen");
    await user.click(screen.getByRole("button", { name: "Add note" }));
    expect(compose()).toHaveFocus();
    expect(getNotes(docs.content)).toHaveLength(0);
    act(() => {
      addNote(docs.content, { stage: "prototype", text: "Arrived live", author: PEER });
    });
    expect(note("Arrived live")).toBeInTheDocument();
  });
});
