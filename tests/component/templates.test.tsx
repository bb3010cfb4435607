import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HomePage } from "../../client/pages/HomePage";
import { useSession } from "../../client/state/session";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import { WorkshopView } from "../../client/workshop/WorkshopView";
import {
  applyTemplate,
  createWorkshopDocs,
  initWorkshop,
  type TemplateId,
  templatePrompt,
  templateSuggestion,
} from "../../shared";
import { ME } from "./render";

const CREATED = {
  id: "abcdefghjkmn",
  links: {
    facilitator: "http://localhost/w/abcdefghjkmn#role=facilitator&token=f-token-0123456789",
    team: "http://localhost/w/abcdefghjkmn#role=team&token=t",
    citizen: "http://localhost/w/abcdefghjkmn#role=citizen&token=c",
    observer: "http://localhost/w/abcdefghjkmn#role=observer&token=o",
  },
};

/** Answers every request with `body`; returns the requests made. */
function mockFetch(status = 201, body: unknown = CREATED) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, "", "/");
});

const titleField = () => screen.getByRole("textbox", { name: "Workshop title" }) as HTMLInputElement;
const challengeField = () =>
  screen.getByRole("textbox", { name: "Challenge statement" }) as HTMLTextAreaElement;

describe("choosing a template on the home page", () => {
  it("offers blank and two prepared templates as one radio group, blank chosen", () => {
    render(<HomePage />);
    const group = screen.getByRole("group", { name: "Start from" });
    const radios = within(group).getAllByRole("radio");
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual([
      "blank",
      "service-journey",
      "policy-cocreation",
    ]);
    expect(within(group).getByRole("radio", { name: "Blank workshop" })).toBeChecked();
    expect(
      within(group).getByRole("radio", { name: "Service journey redesign" }),
    ).toHaveAccessibleDescription(/public service step by step/);
    expect(titleField().value).toBe("");
  });

  it("prefills title and challenge, then creates the workshop with the template and language", async () => {
    const user = userEvent.setup();
    const calls = mockFetch();
    render(<HomePage />);

    await user.click(screen.getByRole("radio", { name: "Service journey redesign" }));
    const suggestion = templateSuggestion("service-journey", "en");
    expect(titleField().value).toBe(suggestion?.title);
    expect(challengeField().value).toBe(suggestion?.challenge);

    // Another template replaces what the chooser wrote, not what the user wrote.
    await user.clear(titleField());
    await user.type(titleField(), "Market stall permits");
    await user.click(screen.getByRole("radio", { name: "Policy co-creation with citizens" }));
    expect(titleField().value).toBe("Market stall permits");
    expect(challengeField().value).toBe(templateSuggestion("policy-cocreation", "en")?.challenge);

    await user.click(screen.getByRole("button", { name: "Create workshop" }));
    const create = calls.find((call) => call.url === "/api/workshops");
    expect(create?.body).toEqual({
      title: "Market stall permits",
      challenge: templateSuggestion("policy-cocreation", "en")?.challenge,
      template: "policy-cocreation",
      locale: "en",
    });
    expect(window.location.pathname).toBe("/w/abcdefghjkmn");
  });

  it("speaks the interface's language: Thai suggestions, Thai examples requested", async () => {
    const user = userEvent.setup();
    const calls = mockFetch();
    act(() => useSession.getState().setLocale("th"));
    render(<HomePage />);

    await user.click(screen.getByRole("radio", { name: "ออกแบบเส้นทางการรับบริการใหม่" }));
    const th = templateSuggestion("service-journey", "th");
    const title = screen.getByRole("textbox", { name: "ชื่อเวิร์กช็อป" }) as HTMLInputElement;
    expect(title.value).toBe(th?.title);

    // Untouched suggestions follow a language switch.
    act(() => useSession.getState().setLocale("en"));
    expect(titleField().value).toBe(templateSuggestion("service-journey", "en")?.title);
    act(() => useSession.getState().setLocale("th"));
    expect(title.value).toBe(th?.title);

    await user.click(screen.getByRole("button", { name: "สร้างเวิร์กช็อป" }));
    expect(calls.find((call) => call.url === "/api/workshops")?.body).toMatchObject({
      title: th?.title,
      template: "service-journey",
      locale: "th",
    });
  });

  it("going back to blank empties the fields it filled", async () => {
    const user = userEvent.setup();
    render(<HomePage />);
    await user.click(screen.getByRole("radio", { name: "Policy co-creation with citizens" }));
    await user.type(challengeField(), " Mine.");
    await user.click(screen.getByRole("radio", { name: "Blank workshop" }));
    expect(titleField().value).toBe("");
    expect(challengeField().value).toMatch(/ Mine\.$/);
  });
});

describe("the template's guidance in the workshop", () => {
  function renderWorkshop(template: TemplateId | null) {
    mockFetch(200, {});
    const docs = createWorkshopDocs();
    initWorkshop(docs.control, { title: "Clinic", challenge: "" });
    if (template) applyTemplate(docs, template, "th");
    const value: WorkshopContextValue = {
      docs,
      awareness: null,
      self: { ...ME, color: "#1d4ed8", role: "citizen" },
      readOnly: false,
    };
    render(
      <WorkshopProvider value={value}>
        <WorkshopView />
      </WorkshopProvider>,
    );
  }

  it("shows each stage's guidance in the reader's language, whatever the workshop was made in", async () => {
    const user = userEvent.setup();
    renderWorkshop("policy-cocreation");
    expect(
      screen.getByText(templatePrompt("policy-cocreation", "empathize", "en") ?? "-"),
    ).toBeInTheDocument();
    expect(screen.getByText("Policy co-creation with citizens:")).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: /Define/ }));
    expect(screen.getByText(templatePrompt("policy-cocreation", "define", "en") ?? "-")).toBeInTheDocument();

    act(() => useSession.getState().setLocale("th"));
    expect(screen.getByText(templatePrompt("policy-cocreation", "define", "th") ?? "-")).toBeInTheDocument();
  });

  it("shows nothing extra for a blank workshop or one made before templates", () => {
    renderWorkshop("blank");
    expect(document.querySelector(".template-prompt")).toBeNull();
    screen.getByText("What do people experience, feel and need? Share what you observed.");
  });
});
