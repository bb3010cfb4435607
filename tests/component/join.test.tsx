import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { JoinPage } from "../../client/pages/JoinPage";
import { WorkshopPage } from "../../client/pages/WorkshopPage";
import { useSession } from "../../client/state/session";
import {
  acceptNotice,
  loadName,
  loadParticipant,
  noticeAccepted,
  saveParticipant,
} from "../../client/sync/storage";
import type { ParticipantId } from "../../shared";

// The workshop page's websocket connection, replaced by bare docs: these tests are about the gate.
const connections = vi.hoisted(() => [] as { token: string; participantToken: string | null }[]);
vi.mock("../../client/sync/connection", () => {
  const online = { status: "online", pending: 0 };
  class WorkshopConnection {
    content: { doc: Y.Doc; awareness: Awareness };
    control: { doc: Y.Doc };
    constructor(
      _id: string,
      docs: { content: Y.Doc; control: Y.Doc },
      token: string,
      participantToken: string | null,
    ) {
      connections.push({ token, participantToken });
      this.content = { doc: docs.content, awareness: new Awareness(docs.content) };
      this.control = { doc: docs.control };
    }
    subscribe = () => () => {};
    getSnapshot = () => online;
    destroy() {}
  }
  return { WorkshopConnection };
});

const ID = "abcdefghjkmn";
const TOKEN = "citizen-token-0123456789abcdefghij";

type Reply = { status: number; body: unknown };
function mockFetch(routes: Record<string, Reply>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const key = Object.keys(routes).find((suffix) => url.endsWith(suffix));
      const reply = key ? routes[key] : { status: 404, body: { error: "Not Found", message: "no route" } };
      return new Response(JSON.stringify(reply?.body), {
        status: reply?.status ?? 500,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

const JOINED = { participantId: "participant-from-server", participantToken: "ptok-1", role: "citizen" };

beforeEach(() => {
  connections.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function renderJoin(overrides: Partial<Parameters<typeof JoinPage>[0]> = {}) {
  const onJoined = vi.fn();
  const onRefused = vi.fn();
  render(
    <JoinPage
      id={ID}
      token={TOKEN}
      linkRole="citizen"
      title="Clinic queue redesign"
      onJoined={onJoined}
      onRefused={onRefused}
      {...overrides}
    />,
  );
  return { onJoined, onRefused };
}

describe("join page", () => {
  it("shows the privacy notice, requires a name or the anonymous choice, then joins and remembers", async () => {
    const user = userEvent.setup();
    const calls = mockFetch({ "/join": { status: 200, body: JOINED } });
    const { onJoined } = renderJoin();
    expect(screen.getByRole("heading", { name: "Welcome to Clinic queue redesign" })).toBeInTheDocument();
    expect(screen.getByText("You are joining as: Citizen")).toBeInTheDocument();
    const notice = screen.getByRole("region", { name: "Your privacy" });
    expect(notice).toHaveTextContent("No account, no email address");
    expect(notice).toHaveTextContent("names are replaced by pseudonyms");
    expect(notice).toHaveTextContent("ask the facilitator to remove your contributions");

    await user.click(screen.getByRole("button", { name: "Agree and continue" }));
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Please enter your name, or choose to join anonymously.",
    );
    expect(calls).toHaveLength(0);
    expect(noticeAccepted()).toBe(false);

    await user.type(screen.getByRole("textbox", { name: "Your name" }), "  Malee  ");
    await user.click(screen.getByRole("button", { name: "Agree and continue" }));
    await waitFor(() => expect(onJoined).toHaveBeenCalled());
    expect(calls[0]?.url).toBe(`/api/workshops/${ID}/join`);
    expect(calls[0]?.init?.method).toBe("POST");
    expect(new Headers(calls[0]?.init?.headers).get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ name: "Malee" });
    const stored = {
      participantId: "participant-from-server",
      participantToken: "ptok-1",
      name: "Malee",
      role: "citizen",
      token: TOKEN,
    };
    expect(onJoined).toHaveBeenCalledWith(stored);
    expect(JSON.parse(localStorage.getItem(`ruamkid:participant:${ID}`) ?? "null")).toEqual(stored);
    expect(loadName()).toBe("Malee");
    expect(noticeAccepted()).toBe(true);
  });

  it("joins anonymously with an empty name", async () => {
    const user = userEvent.setup();
    const calls = mockFetch({ "/join": { status: 200, body: JOINED } });
    const { onJoined } = renderJoin();
    await user.type(screen.getByRole("textbox", { name: "Your name" }), "Somchai");
    await user.click(screen.getByRole("checkbox", { name: /Join anonymously/ }));
    expect(screen.getByRole("textbox", { name: "Your name" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Agree and continue" }));
    await waitFor(() => expect(onJoined).toHaveBeenCalled());
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ name: "" });
    expect(loadParticipant(ID)?.name).toBe("");
    // An anonymous join does not overwrite the name this device remembers.
    expect(loadName()).toBe("");
  });

  it("remembers acceptance and the name on this device: the next workshop only asks to continue", () => {
    acceptNotice();
    localStorage.setItem("ruamkid:name", "Malee");
    renderJoin();
    expect(screen.getByRole("textbox", { name: "Your name" })).toHaveValue("Malee");
    expect(screen.getByText("Privacy notice (already accepted on this device)")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Continue" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Agree and continue" })).not.toBeInTheDocument();
  });

  it("says so when rate-limited, and hands a refused link to the error page", async () => {
    const user = userEvent.setup();
    mockFetch({ "/join": { status: 429, body: { error: "rate_limited", message: "slow down" } } });
    const { onJoined, onRefused } = renderJoin();
    await user.click(screen.getByRole("checkbox", { name: /Join anonymously/ }));
    await user.click(screen.getByRole("button", { name: "Agree and continue" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Many people are joining right now");
    expect(onJoined).not.toHaveBeenCalled();

    mockFetch({ "/join": { status: 401, body: { error: "unauthorized", message: "no" } } });
    await user.click(screen.getByRole("button", { name: "Agree and continue" }));
    await waitFor(() => expect(onRefused).toHaveBeenCalledWith("unauthorized"));
  });
});

describe("workshop gate", () => {
  const session = { id: ID, role: "citizen", title: "Clinic queue redesign" };
  beforeEach(() => {
    window.history.replaceState(null, "", `/w/${ID}#role=citizen&token=${TOKEN}`);
    useSession.setState({ locale: "en" });
  });

  it("skips the join page when this device already joined, and connects with the participant token", async () => {
    saveParticipant(ID, {
      participantId: "participant-from-server" as ParticipantId,
      participantToken: "ptok-1",
      name: "Malee",
    });
    const calls = mockFetch({ "/session": { status: 200, body: session } });
    render(<WorkshopPage id={ID} />);
    expect(await screen.findByRole("tablist", { name: "Design-thinking stages" })).toBeInTheDocument();
    expect(screen.queryByText("Your privacy")).not.toBeInTheDocument();
    // It checks the link once and does not join a second time (the timer's clock check may also run).
    const workshopCalls = calls.map((call) => call.url).filter((url) => url.startsWith("/api/workshops/"));
    expect(workshopCalls).toEqual([`/api/workshops/${ID}/session`]);
    expect(connections).toEqual([{ token: TOKEN, participantToken: "ptok-1" }]);
  });

  it("asks first, then joins and enters the workshop", async () => {
    const user = userEvent.setup();
    mockFetch({ "/session": { status: 200, body: session }, "/join": { status: 200, body: JOINED } });
    render(<WorkshopPage id={ID} />);
    await user.type(await screen.findByRole("textbox", { name: "Your name" }), "Malee");
    await user.click(screen.getByRole("button", { name: "Agree and continue" }));
    expect(await screen.findByRole("tablist")).toBeInTheDocument();
    expect(connections).toEqual([{ token: TOKEN, participantToken: "ptok-1" }]);
  });

  it("joins again when the link was replaced since this device joined", async () => {
    saveParticipant(ID, {
      participantId: "participant-from-server" as ParticipantId,
      participantToken: "ptok-old",
      name: "Malee",
      role: "citizen",
      token: "the-old-citizen-token",
    });
    acceptNotice();
    mockFetch({ "/session": { status: 200, body: session } });
    render(<WorkshopPage id={ID} />);
    expect(await screen.findByRole("button", { name: "Continue" })).toBeInTheDocument();
    expect(loadParticipant(ID)).toBeNull();
    expect(connections).toHaveLength(0);
  });

  it("forgets the participant when the link is refused (e.g. rotated) and shows the error page", async () => {
    saveParticipant(ID, {
      participantId: "participant-from-server" as ParticipantId,
      participantToken: "ptok-1",
      name: "Malee",
    });
    mockFetch({ "/session": { status: 401, body: { error: "unauthorized", message: "no" } } });
    await act(async () => {
      render(<WorkshopPage id={ID} />);
    });
    expect(await screen.findByRole("heading", { name: "This link is not valid" })).toBeInTheDocument();
    expect(screen.queryByRole("tablist")).not.toBeInTheDocument();
    expect(loadParticipant(ID)).toBeNull();
    expect(connections).toHaveLength(0);
  });
});
