import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE } from "../support/browser";
import { solidPng } from "../support/png";
import { browserAndServer, join, moveEveryoneTo, newDevice } from "./helpers";

const env = browserAndServer();

const view = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();

describe("a template walked through all five stages", () => {
  it("service journey: persona, pinned HMW, linked ideas, prototype with storyboard and picture, feedback", async () => {
    const fac = await newDevice(env.browser);
    const citizen = await newDevice(env.browser, { viewport: PHONE });

    // Create from the template: it fills in the title and challenge and seeds example boards.
    await fac.goto(env.server.url);
    await fac.getByRole("radio", { name: "Service journey redesign" }).check();
    await expect.poll(() => fac.getByLabel("Workshop title").inputValue()).not.toBe("");
    const created = fac.waitForResponse((r) => r.url().endsWith("/api/workshops") && r.status() === 201);
    await fac.getByRole("button", { name: "Create workshop" }).click();
    const { links } = (await (await created).json()) as { links: Record<"citizen", string> };
    await fac.getByLabel("Your name").fill("Somchai");
    await fac.getByRole("button", { name: "Continue" }).click();
    await fac.getByRole("button", { name: "Close share panel" }).click(); // it opens on creation
    await join(citizen, links.citizen, "Malee");

    // Empathize: the template's example persona is there; the team adds its own.
    await view(fac, "Personas");
    await fac
      .getByRole("article", { name: /^Persona: / })
      .first()
      .waitFor();
    await fac.getByRole("button", { name: "Add persona" }).click();
    const name = fac.getByRole("textbox", { name: "Name" }).last();
    await name.fill("ลุงประยูร ผู้ประกอบการร้านอาหาร");
    await name.press("Enter");
    await view(citizen, "Personas");
    await citizen.getByText("ลุงประยูร ผู้ประกอบการร้านอาหาร").waitFor();

    // Define: a citizen asks a "How might we…" question; the facilitator pins it as the focus.
    await moveEveryoneTo(fac, [citizen], "Define");
    const question = "How might we make renewing a licence one visit?";
    await view(citizen, "How might we");
    await citizen.getByLabel("New question").fill(question);
    await citizen.getByRole("button", { name: "Add question" }).click();
    await view(fac, "How might we");
    await fac
      .getByRole("listitem")
      .filter({ hasText: question })
      .getByRole("button", { name: "Pin as focus" })
      .click();

    // Ideate: the focus shows on the stage; ideas are linked to the question they answer.
    await moveEveryoneTo(fac, [citizen], "Ideate");
    const banner = citizen.getByRole("complementary", { name: "Focus question" });
    await expect.poll(() => banner.textContent()).toContain(question);
    await fac.getByRole("button", { name: "Add note" }).click();
    const box = fac.locator("textarea:focus");
    await box.fill("Renew online and pick up at 7-Eleven");
    await box.press("Enter");
    const idea = fac.getByRole("article", { name: /Renew online and pick up at 7-Eleven/ });
    await idea.click();
    await idea.getByRole("combobox", { name: "Answers which question?" }).selectOption({ label: question });
    // Once the idea is let go (a click on the board), the card itself names the question it answers.
    await fac.locator(".board__surface").click({ position: { x: 8, y: 8 } });
    await idea.getByText(`Answers: ${question}`).waitFor();

    // Prototype: title, description, the idea it builds on, a storyboard step with a picture.
    await moveEveryoneTo(fac, [citizen], "Prototype");
    await view(fac, "Prototypes");
    await fac.getByRole("button", { name: "Add prototype" }).click();
    const card = fac.getByRole("article", { name: "Untitled prototype" });
    const title = card.getByRole("textbox", { name: "Title", exact: true });
    await title.fill("One-stop licence renewal");
    await title.press("Enter");
    const proto = fac.getByRole("article", { name: "One-stop licence renewal" });
    const description = proto.getByRole("textbox", { name: "Description of One-stop licence renewal" });
    await description.click();
    await description.pressSequentially("ยื่นออนไลน์ รับใบอนุญาตที่ร้านสะดวกซื้อ");
    await proto.getByRole("checkbox", { name: /Renew online and pick up at 7-Eleven/ }).check();
    await proto
      .getByRole("textbox", { name: "What happens in the next step?" })
      .fill("Fills in the form on LINE");
    await proto.getByRole("button", { name: "Add step" }).click();
    await proto
      .getByLabel("Picture for step 1")
      .setInputFiles({ name: "step-1.png", mimeType: "image/png", buffer: solidPng(64, 48) });
    const picture = (page: Page) => page.getByRole("img", { name: "Step 1: Fills in the form on LINE" });
    await picture(fac).waitFor();
    expect(await picture(fac).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    // A citizen reads the prototype, picture included (images follow the workshop's roles).
    await view(citizen, "Prototypes");
    await picture(citizen).waitFor();
    expect(await citizen.getByText("ยื่นออนไลน์ รับใบอนุญาตที่ร้านสะดวกซื้อ").count()).toBe(1);

    // Test: the citizen gives feedback in all four quadrants from the phone; the team records the result.
    await moveEveryoneTo(fac, [citizen], "Test");
    const feedback = [
      ["Likes", "ไม่ต้องลางานมาที่เขต"],
      ["Wishes", "อยากให้แจ้งเตือนก่อนหมดอายุ"],
      ["Questions", "ถ้าไม่มี LINE ทำอย่างไร"],
      ["Ideas", "ให้ อสม. ช่วยผู้สูงอายุกรอก"],
    ] as const;
    const grid = (page: Page) => page.getByRole("region", { name: "Feedback on One-stop licence renewal" });
    for (const [area, text] of feedback) {
      const field = grid(citizen).getByRole("textbox", { name: `Write a note for ${area}` });
      await field.fill(text);
      await field.press("Enter");
    }
    for (const [area, text] of feedback)
      await grid(fac)
        .getByRole("region", { name: new RegExp(`^${area}`) })
        .getByText(text)
        .waitFor();
    const tested = (page: Page) => page.getByRole("article", { name: "One-stop licence renewal" });
    await tested(fac).getByRole("radio", { name: "Iterate" }).check();
    await tested(citizen).getByText("Result: Iterate").waitFor();
    const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
