// The web app's dictionaries (web/src/i18n: en.json, ko.json) in the mobile app. The language is
// the user's profile `lang` once signed in, so it follows them between the web app and the phone;
// before that, the phone's.
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import en from "@web/i18n/en.json";
import ko from "@web/i18n/ko.json";
import { format, isLanguage, type Language, type Translate } from "@web/i18n/messages";

export { LANGUAGES, type Language, type MessageKey, type Translate } from "@web/i18n/messages";

const DICTIONARIES: Record<Language, Record<string, string>> = { en, ko };

/** The device's language if the app speaks it, else English. */
export function deviceLanguage(locale: string = Intl.DateTimeFormat().resolvedOptions().locale) {
  const tag = locale.slice(0, 2);
  return isLanguage(tag) ? tag : "en";
}

/** The text of `key` in `lang` (English where a translation is missing), placeholders filled. */
export function translate(lang: Language): Translate {
  return (key, values) => format(DICTIONARIES[lang][key] ?? en[key], values);
}

interface I18nContext {
  lang: Language;
  setLang: (lang: string) => void;
  t: Translate;
}

const Context = createContext<I18nContext | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => deviceLanguage());
  const value = useMemo<I18nContext>(
    () => ({
      lang,
      setLang: (next) => setLangState(isLanguage(next) ? next : "en"),
      t: translate(lang),
    }),
    [lang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18nContext {
  const context = useContext(Context);
  if (!context) throw new Error("useI18n needs an <I18nProvider> above it");
  return context;
}
