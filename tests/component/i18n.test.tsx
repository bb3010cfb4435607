import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { detectLocale } from "../../client/i18n/index";
import { LanguageSwitcher } from "../../client/workshop/LanguageSwitcher";
import { renderBoard } from "./render";

describe("language switch", () => {
  it("switches the UI between Thai and English and remembers the choice", async () => {
    const user = userEvent.setup();
    renderBoard();
    render(<LanguageSwitcher />);
    expect(screen.getByRole("button", { name: "Add note" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Empathize board" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "ไทย" }));
    expect(screen.getByRole("button", { name: "เพิ่มโน้ต" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "กระดานขั้นเข้าใจ" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "ไทย" })).toHaveAttribute("aria-pressed", "true");
    expect(document.documentElement.lang).toBe("th");
    expect(localStorage.getItem("ruamkid:locale")).toBe("th");
    expect(detectLocale()).toBe("th");

    await user.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByRole("button", { name: "Add note" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
  });

  it("defaults from navigator.language when nothing is remembered", () => {
    localStorage.removeItem("ruamkid:locale");
    const language = vi.spyOn(navigator, "language", "get");
    language.mockReturnValue("th-TH");
    expect(detectLocale()).toBe("th");
    language.mockReturnValue("en-GB");
    expect(detectLocale()).toBe("en");
    language.mockRestore();
  });
});
