/**
 * Template ids and locales, with no imports: the meta reader (shared/validate.ts) and the REST types
 * (shared/protocol.ts) need them, and the template content itself imports the model, which imports them.
 */
export const TEMPLATE_IDS = ["blank", "service-journey", "policy-cocreation"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export const isTemplateId = (value: unknown): value is TemplateId =>
  TEMPLATE_IDS.includes(value as TemplateId);

/** Languages template content is written in; the same pair as the interface. */
export const TEMPLATE_LOCALES = ["th", "en"] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];
export const isTemplateLocale = (value: unknown): value is TemplateLocale =>
  TEMPLATE_LOCALES.includes(value as TemplateLocale);
