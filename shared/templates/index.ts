import type { StageId } from "../schema";
import type { TemplateId, TemplateLocale } from "./ids";
import { policyCocreationText } from "./policy-cocreation";
import { serviceJourneyText } from "./service-journey";
import type { TemplateText } from "./types";

export { type AppliedTemplate, applyTemplate, TEMPLATE_AUTHOR_ID, TEMPLATE_AUTHOR_NAME } from "./apply";
export * from "./ids";
export type { TemplateExamples, TemplateText } from "./types";

/** Suggestions and stage prompts per template; the blank template has none. */
export const TEMPLATE_TEXT: Record<TemplateId, Record<TemplateLocale, TemplateText> | null> = {
  blank: null,
  "service-journey": serviceJourneyText,
  "policy-cocreation": policyCocreationText,
};

/** The template's suggested title and challenge in one language, or null (blank, unknown). */
export function templateSuggestion(
  id: TemplateId | null | undefined,
  locale: TemplateLocale,
): { title: string; challenge: string } | null {
  const text = id ? TEMPLATE_TEXT[id]?.[locale] : undefined;
  return text ? { title: text.title, challenge: text.challenge } : null;
}

/** The template's guidance for one stage in one language, or null when it has none. */
export function templatePrompt(
  id: TemplateId | null | undefined,
  stage: StageId,
  locale: TemplateLocale,
): string | null {
  return (id ? TEMPLATE_TEXT[id]?.[locale]?.prompts[stage] : undefined) || null;
}
