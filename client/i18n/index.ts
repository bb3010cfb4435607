import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { th } from "./th";

export type Locale = "th" | "en";
export const LOCALES: readonly Locale[] = ["th", "en"];
const STORAGE_KEY = "ruamkid:locale";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

export const isLocale = (value: unknown): value is Locale => value === "th" || value === "en";

/** Remembered choice first, then the browser: any Thai variant → Thai, everything else → English. */
export function detectLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode, embedded views): fall through to the browser language.
  }
  const language = typeof navigator === "undefined" ? "" : (navigator.language ?? "");
  return language.toLowerCase().startsWith("th") ? "th" : "en";
}

export function applyLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, still applied.
  }
  document.documentElement.lang = locale;
  void i18next.changeLanguage(locale);
}

export function initI18n(locale: Locale = detectLocale()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { en: { translation: en }, th: { translation: th } },
      lng: locale,
      fallbackLng: "en",
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  }
  document.documentElement.lang = locale;
  return i18next;
}
