import type { EmpathyArea } from "../methods";
import type { StageId } from "../schema";

/** What the create form and the stage header read: small, so the client bundle can carry it. */
export interface TemplateText {
  /** Suggested workshop title and challenge, prefilled into the create form. */
  title: string;
  challenge: string;
  /** Facilitation guidance per stage, shown under the generic stage prompt. */
  prompts: Record<StageId, string>;
}

/**
 * Example records seeded into a new workshop's content document. Every visible text starts with
 * "ตัวอย่าง:" / "Example:" so facilitators know to replace it.
 */
export interface TemplateExamples {
  /** Empathy-map notes on Empathize, in board order within each area. */
  empathy: { area: EmpathyArea; text: string }[];
  persona: { name: string; emoji: string; quote: string; needs: string[] };
  /**
   * Read into "{user} needs a way to {need}, because {insight}" (th: "{user} ต้องการ {need} เพราะ {insight}"),
   * so `need` and `insight` carry no connective of their own.
   */
  pov: { user: string; need: string; insight: string };
  /** "How might we…" questions on Define. */
  hmw: string[];
  /** One idea on Ideate, answering the first HMW question. */
  idea: string;
  /** One prototype on Prototype, building on the idea, with its test plan for the Test stage. */
  prototype: {
    title: string;
    /** One paragraph of rich text. */
    description: string;
    /** Storyboard steps, in order, text only. */
    steps: string[];
    test: { who: string; what: string; how: string };
  };
}
