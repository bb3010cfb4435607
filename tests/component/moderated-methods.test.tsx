import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { HmwPanel } from "../../client/methods/Define";
import { EmpathyMapPanel } from "../../client/methods/EmpathyMap";
import { NoteAnswerSelect } from "../../client/methods/NoteAnswers";
import { TestingPanel } from "../../client/methods/Testing";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import {
  addNote,
  addPrototype,
  createWorkshopDocs,
  empathyFrame,
  feedbackFrame,
  getNote,
  HMW_FRAME,
  hideNote,
  type NoteId,
  type ParticipantId,
  type Role,
  revealVote,
  setStageLocked,
  startVote,
} from "../../shared";
import { ME } from "./render";

const PEER = { id: "peer-participant-01" as ParticipantId, name: "Malee" };

/** One workshop's documents, rendered as each role would see them. */
function workshop() {
  const docs = createWorkshopDocs();
  const as = (role: Role, node: ReactNode) => {
    const value: WorkshopContextValue = {
      docs,
      awareness: null,
      self: { ...ME, color: "#1d4ed8", role },
      readOnly: role === "observer",
      api: { workshopId: "w2345678abcd", token: "role-token", participantToken: "participant-token" },
    };
    return render(<WorkshopProvider value={value}>{node}</WorkshopProvider>);
  };
  return { docs, as };
}

describe("method views follow the facilitator's moderation", () => {
  it("a hidden note leaves the empathy map, the feedback grid, the HMW list and the question choices, but for the facilitator", () => {
    const { docs, as } = workshop();
    const proto = addPrototype(docs.content, { authorId: ME.id, title: "SMS queue" });
    const rude = [
      addNote(docs.content, {
        stage: "empathize",
        frame: empathyFrame("says"),
        text: "Rude says",
        author: PEER,
      }),
      addNote(docs.content, {
        stage: "test",
        frame: feedbackFrame(proto, "likes"),
        text: "Rude like",
        author: PEER,
      }),
      addNote(docs.content, { stage: "define", frame: HMW_FRAME, text: "Rude question?", author: PEER }),
    ];
    addNote(docs.content, {
      stage: "empathize",
      frame: empathyFrame("says"),
      text: "Kind says",
      author: PEER,
    });
    addNote(docs.content, { stage: "define", frame: HMW_FRAME, text: "Kind question?", author: PEER });
    const idea = addNote(docs.content, { stage: "ideate", text: "An idea", author: PEER });
    for (const id of rude) hideNote(docs.control, id, ME.id);
    const views = () => (
      <>
        <EmpathyMapPanel />
        <TestingPanel />
        <HmwPanel />
        <NoteAnswerSelect note={getNote(docs.content, idea as NoteId) as never} content={docs.content} />
      </>
    );

    for (const role of ["citizen", "team", "observer"] as const) {
      const view = as(role, views());
      expect(screen.getByText("Kind says")).toBeInTheDocument();
      expect(screen.getAllByText("Kind question?")).toHaveLength(2); // in the list, and as a choice
      for (const text of ["Rude says", "Rude like", "Rude question?"])
        expect(screen.queryByText(text), `${role}: ${text}`).toBeNull();
      const choices = within(screen.getByRole("combobox", { name: "Answers which question?" }));
      expect(choices.queryByRole("option", { name: "Rude question?" })).toBeNull();
      view.unmount();
    }

    as("facilitator", views());
    for (const text of ["Rude says", "Rude like"])
      expect(screen.getByText(text).closest("li")).toHaveTextContent(/Hidden/);
    const question = screen.getAllByText("Rude question?").find((el) => el.closest("li.hmw"));
    expect(question?.closest("li")).toHaveTextContent(/Hidden/);
    expect(
      within(question?.closest("li") as HTMLElement).getByRole("button", { name: "Unhide" }),
    ).toBeVisible();
  });

  it("a locked board takes the note forms away from citizens and says so; facilitators keep them", () => {
    const { docs, as } = workshop();
    addPrototype(docs.content, { authorId: ME.id, title: "SMS queue" });
    for (const stage of ["empathize", "define", "test"] as const) setStageLocked(docs.control, stage, true);
    const views = (
      <>
        <EmpathyMapPanel />
        <HmwPanel />
        <TestingPanel />
      </>
    );
    const citizen = as("citizen", views);
    expect(screen.queryAllByRole("textbox")).toEqual([]);
    // Six empathy areas, the HMW list and four feedback quadrants.
    expect(screen.getAllByText("This board is locked")).toHaveLength(11);
    citizen.unmount();

    as("facilitator", views);
    expect(screen.getByRole("textbox", { name: "Write a note for Says" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "New question" })).toBeInTheDocument();
    expect(screen.queryByText("This board is locked")).toBeNull();
  });
});

describe("voting a question up", () => {
  it("offers a vote on each HMW question while a Define vote is open, then lists them by votes once revealed", () => {
    const { docs, as } = workshop();
    const texts = ["HMW one?", "HMW two?", "HMW three?"];
    const [one, two, three] = texts.map((text) =>
      addNote(docs.content, { stage: "define", frame: HMW_FRAME, text, author: PEER }),
    ) as [NoteId, NoteId, NoteId];
    const voteId = startVote(docs.control, { stage: "define", perPerson: 3, allowMultiple: false });
    const view = as("citizen", <HmwPanel />);
    const items = () => screen.getAllByRole("listitem").filter((li) => li.classList.contains("hmw"));
    for (const item of items())
      expect(within(item).getByRole("button", { name: "Vote for this note" })).toBeVisible();

    revealVote(docs.control, {
      voteId,
      stage: "define",
      perPerson: 3,
      allowMultiple: false,
      voters: 4,
      revealedAt: Date.now(),
      ranking: [
        { target: three, count: 4 },
        { target: one, count: 2 },
        { target: two, count: 0 },
      ],
    });
    view.rerender(
      <WorkshopProvider
        value={{
          docs,
          awareness: null,
          self: { ...ME, color: "#1d4ed8", role: "citizen" },
          readOnly: false,
          api: { workshopId: "w2345678abcd", token: "role-token", participantToken: "participant-token" },
        }}
      >
        <HmwPanel />
      </WorkshopProvider>,
    );
    expect(items().map((li) => li.querySelector(".hmw__text")?.textContent)).toEqual([
      "HMW three?",
      "HMW one?",
      "HMW two?",
    ]);
    expect(items()[0]).toHaveTextContent("4 votes");
    expect(screen.queryByRole("button", { name: "Vote for this note" })).toBeNull();
  });
});
