// The app's languages and strings without a screen: the dictionaries (en.json, ko.json), the
// keys and placeholders. The web app's I18nProvider (index.tsx) and the mobile app use it alike.
import en from "./en.json";

export const LANGUAGES = { en: "English", ko: "한국어" } as const;
export type Language = keyof typeof LANGUAGES;
export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && value in LANGUAGES;
}

/** `message` with each `{name}` replaced by `values.name`. */
export function format(message: string, values: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
