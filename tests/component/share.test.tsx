import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { AnnouncerProvider } from "../../client/workshop/Announcer";
import { SharePanel } from "../../client/workshop/SharePanel";
import type { Role, RoleLinks } from "../../shared";

const ORIGIN = window.location.origin;
const links = (suffix: string): RoleLinks => ({
  facilitator: `${ORIGIN}/w/abcdefghjkmn#role=facilitator&token=fac${suffix}`,
  team: `${ORIGIN}/w/abcdefghjkmn#role=team&token=team${suffix}`,
  citizen: `${ORIGIN}/w/abcdefghjkmn#role=citizen&token=cit${suffix}`,
  observer: `${ORIGIN}/w/abcdefghjkmn#role=observer&token=obs${suffix}`,
});

function Harness({ rotate }: { rotate(role: Role): Promise<RoleLinks> }) {
  const [current, setCurrent] = useState(links("1"));
  return (
    <AnnouncerProvider>
      <SharePanel
        links={current}
        onClose={() => {}}
        onRotate={async (role) => {
          const next = await rotate(role);
          setCurrent(next);
          return next;
        }}
      />
    </AnnouncerProvider>
  );
}

describe("share panel", () => {
  it("replaces a link only after a confirm step that says the old one stops working", async () => {
    const user = userEvent.setup();
    const rotate = vi.fn(async (role: Role) => ({ ...links("1"), [role]: links("2")[role] }));
    render(<Harness rotate={rotate} />);
    const citizen = screen.getByRole("textbox", { name: "Citizen link" });
    expect(citizen).toHaveValue(links("1").citizen);

    // Cancel leaves everything as it was.
    await user.click(screen.getByRole("button", { name: "Make a new Citizen link" }));
    const confirm = screen.getByRole("group", { name: "Replace the Citizen link?" });
    expect(confirm).toHaveTextContent("stops working at once");
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(rotate).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Make a new Citizen link" }));
    await user.click(screen.getByRole("button", { name: "Make new link" }));
    expect(rotate).toHaveBeenCalledWith("citizen");
    await waitFor(() => expect(citizen).toHaveValue(links("2").citizen));
    expect(screen.getByRole("textbox", { name: "Team link" })).toHaveValue(links("1").team);
    expect(screen.queryByRole("group", { name: /Replace the/ })).not.toBeInTheDocument();
  });

  it("keeps the confirm step open with the reason when the server refuses", async () => {
    const user = userEvent.setup();
    const { ApiFailure } = await import("../../client/sync/api");
    const rotate = vi.fn(async () => {
      throw new ApiFailure(403, "only facilitators may rotate links");
    });
    render(<Harness rotate={rotate} />);
    await user.click(screen.getByRole("button", { name: "Make a new Team link" }));
    await user.click(screen.getByRole("button", { name: "Make new link" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("only facilitators may rotate links");
    expect(screen.getByRole("textbox", { name: "Team link" })).toHaveValue(links("1").team);
  });

  it("shows the citizen QR code large, with the link under it, until Escape", async () => {
    const user = userEvent.setup();
    render(<Harness rotate={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Show QR code large" }));
    const dialog = screen.getByRole("dialog", { name: "Scan to join with your phone" });
    const image = await within(dialog).findByRole("img", { name: "QR code for the Citizen link" });
    expect(image).toHaveAttribute("data-qr-text", links("1").citizen);
    expect(dialog).toHaveTextContent(`${window.location.host}/w/abcdefghjkmn`);
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show QR code large" })).toHaveFocus();
  });
});
