import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { NamePrompt } from "../../client/pages/NamePrompt";
import { loadName, loadParticipantId } from "../../client/sync/storage";

describe("name prompt", () => {
  it("requires a name, then remembers it on this device", async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    render(<NamePrompt title="Faster business registration" onDone={onDone} />);
    expect(screen.getByRole("heading", { name: /Faster business registration/ })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Please enter your name.");
    expect(onDone).not.toHaveBeenCalled();

    await user.type(screen.getByRole("textbox", { name: "Your name" }), "  Somchai J.  ");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(onDone).toHaveBeenCalledWith("Somchai J.");
    expect(localStorage.getItem("ruamkid:name")).toBe("Somchai J.");
    expect(loadName()).toBe("Somchai J.");
  });

  it("keeps one participant id per device", () => {
    const first = loadParticipantId();
    expect(first).toMatch(/^[\w-]{16}$/);
    expect(loadParticipantId()).toBe(first);
    expect(localStorage.getItem("ruamkid:participant")).toBe(first);
  });
});
