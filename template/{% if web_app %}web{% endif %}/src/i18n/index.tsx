// The app's two languages, English and Korean, in one place: our strings (en.json, ko.json) and
// the Authenticator's (Amplify UI ships them) go into Amplify's I18n, which the Authenticator
// reads; `useI18n` re-renders the app when the language changes.
import { translations } from "@aws-amplify/ui-react";
import { I18n } from "aws-amplify/utils";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import en from "./en.json";
import ko from "./ko.json";

export const LANGUAGES = { en: "English", ko: "한국어" } as const;
export type Language = keyof typeof LANGUAGES;
export type MessageKey = keyof typeof en;

const STORAGE_KEY = "lang";

// Amplify UI names Korean `kr`; ours overrides the few of its strings we reword.
I18n.putVocabularies({ en, ko: { ...translations.kr, ...ko } });

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && value in LANGUAGES;
}

/** The language to start in: the one chosen last on this device, else the browser's. */
export function initialLanguage(
  stored: string | null = localStorage.getItem(STORAGE_KEY),
  browser: readonly string[] = navigator.languages,
): Language {
  if (isLanguage(stored)) return stored;
  const preferred = browser.map((tag) => tag.slice(0, 2)).find(isLanguage);
  return preferred ?? "en";
}

/** `message` with each `{name}` replaced by `values.name`. */
export function format(message: string, values: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18nContext {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
}

const Context = createContext<I18nContext | null>(null);

function apply(lang: Language) {
  I18n.setLanguage(lang);
  document.documentElement.lang = lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => {
    const first = initialLanguage();
    apply(first);
    return first;
  });
  const setLang = useCallback((next: Language) => {
    apply(next);
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18nContext>(
    () => ({
      lang,
      setLang,
      // English where a Korean string is missing; `lang` makes each language a new function.
      t: (key, values) => format(I18n.get(key, en[key]), values),
    }),
    [lang, setLang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18nContext {
  const context = useContext(Context);
  if (!context) throw new Error("useI18n needs an <I18nProvider> above it");
  return context;
}
