import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { PovForm } from "../../client/methods/Define";
import { PersonaCard } from "../../client/methods/Personas";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import { addPersona, createWorkshopDocs, getPersonas, type Role, setPersonaImage } from "../../shared";
import { ME } from "./render";

function withWorkshop(role: Role = "team") {
  const docs = createWorkshopDocs();
  const value: WorkshopContextValue = {
    docs,
    awareness: null,
    self: { ...ME, color: "#1d4ed8", role },
    readOnly: role === "observer",
  };
  return {
    docs,
    wrap: (node: ReactNode) => <WorkshopProvider value={value}>{node}</WorkshopProvider>,
  };
}

describe("PersonaCard", () => {
  it("shows a persona and writes a renamed name and quote to the document", async () => {
    const user = userEvent.setup();
    const { docs, wrap } = withWorkshop();
    addPersona(docs.content, {
      authorId: ME.id,
      name: "Somsri",
      emoji: "👵",
      quote: "I come at 5 am",
    });
    const persona = () => getPersonas(docs.content)[0] as NonNullable<ReturnType<typeof getPersonas>[0]>;
    const view = render(wrap(<PersonaCard persona={persona()} content={docs.content} editable />));
    expect(screen.getByRole("article", { name: "Persona: Somsri" })).toBeInTheDocument();
    const name = screen.getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "Aunt Somsri{Enter}");
    expect(persona().name).toBe("Aunt Somsri");
    await user.type(screen.getByRole("textbox", { name: "Quote" }), "!");
    await user.tab();
    expect(persona().quote).toBe("I come at 5 am!");
    view.rerender(wrap(<PersonaCard persona={persona()} content={docs.content} editable />));
    expect(screen.getByRole("article", { name: "Persona: Aunt Somsri" })).toBeInTheDocument();
    // Needs and context are rich-text fields, loaded lazily.
    expect(
      await screen.findByRole("textbox", { name: "Needs · Aunt Somsri" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole("toolbar", { name: "Formatting: Needs · Aunt Somsri" })).toBeInTheDocument();
  });

  it("is read-only for citizens: no inputs, no delete, no toolbar", async () => {
    const { docs, wrap } = withWorkshop("citizen");
    addPersona(docs.content, { authorId: ME.id, name: "Somsri", quote: "Hello" });
    const persona = getPersonas(docs.content)[0];
    if (!persona) throw new Error("no persona");
    render(wrap(<PersonaCard persona={persona} content={docs.content} editable={false} />));
    expect(screen.getByText("Somsri")).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Name" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Delete persona/ })).toBeNull();
    const needs = await screen.findByRole("textbox", { name: "Needs · Somsri" }, { timeout: 10_000 });
    expect(needs).toHaveAttribute("contenteditable", "false");
    expect(screen.queryByRole("toolbar")).toBeNull();
  });
});

describe("PersonaCard pictures", () => {
  const setup = (role: Role) => {
    const { docs, wrap } = withWorkshop(role);
    const id = addPersona(docs.content, { authorId: ME.id, name: "Somsri", emoji: "👵" });
    setPersonaImage(docs.content, id, "img_Somsri-01");
    const persona = () => getPersonas(docs.content)[0] as NonNullable<ReturnType<typeof getPersonas>[0]>;
    return { docs, wrap, persona };
  };

  it("shows the picture instead of the emoji, and the team can remove it to get the emoji back", async () => {
    const user = userEvent.setup();
    const { docs, wrap, persona } = setup("team");
    const view = render(wrap(<PersonaCard persona={persona()} content={docs.content} editable />));
    expect(screen.getByRole("img", { name: "Picture of Somsri" })).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Emoji" })).toBeNull();
    // The picker replaces the picture; its input carries the label.
    expect(screen.getByLabelText("Picture for Somsri")).toHaveAttribute("type", "file");

    await user.click(screen.getByRole("button", { name: "Remove picture" }));
    expect(persona().imageId).toBeNull();
    view.rerender(wrap(<PersonaCard persona={persona()} content={docs.content} editable />));
    expect(screen.queryByRole("img", { name: "Picture of Somsri" })).toBeNull();
    expect(screen.getByRole("textbox", { name: "Emoji" })).toHaveValue("👵");
    expect(screen.queryByRole("button", { name: "Remove picture" })).toBeNull();
    expect(screen.getByLabelText("Picture for Somsri")).toBeInTheDocument();
  });

  it("shows observers the picture, with no picker and no remove button", () => {
    const { docs, wrap, persona } = setup("observer");
    render(wrap(<PersonaCard persona={persona()} content={docs.content} editable={false} />));
    expect(screen.getByRole("img", { name: "Picture of Somsri" })).toBeInTheDocument();
    expect(screen.queryByLabelText("Picture for Somsri")).toBeNull();
    expect(screen.queryByRole("button", { name: "Remove picture" })).toBeNull();
    expect(screen.queryByText("👵")).toBeNull();
  });
});

describe("PovForm", () => {
  it("asks for all three fields, then saves them and clears", async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(<PovForm onSave={onSave} />);
    await user.click(screen.getByRole("button", { name: "Add point of view" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Fill in the user, the need and the insight.");
    expect(onSave).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("User"), "ผู้ป่วยสูงอายุ");
    await user.type(screen.getByLabelText("needs a way to"), "know the wait");
    await user.type(screen.getByLabelText("because (insight)"), "they leave to eat{Enter}");
    expect(onSave).toHaveBeenCalledWith({
      user: "ผู้ป่วยสูงอายุ",
      need: "know the wait",
      insight: "they leave to eat",
    });
    expect(screen.getByLabelText("User")).toHaveValue("");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("edits an existing statement and can be cancelled", async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    const onCancel = vi.fn();
    const pov = { id: "p" as never, createdAt: 0, authorId: ME.id, user: "A", need: "B", insight: "C" };
    render(<PovForm initial={pov} onSave={onSave} onCancel={onCancel} />);
    await user.type(screen.getByLabelText("because (insight)"), "D");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledWith({ user: "A", need: "B", insight: "CD" });
    await act(() => user.click(screen.getByRole("button", { name: "Cancel" })));
    expect(onCancel).toHaveBeenCalled();
  });
});
