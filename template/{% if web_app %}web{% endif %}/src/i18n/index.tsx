// The app's two languages, English and Korean, in one place: our strings (en.json, ko.json) and
// the Authenticator's (Amplify UI ships them) go into Amplify's I18n, which the Authenticator
// reads; `useI18n` re-renders the app when the language changes. The strings an administrator
// published since the build (the language bundles, backend i18n.py) replace the built-in ones.
import { krDict } from "@aws-amplify/ui/korean";
import { I18n } from "aws-amplify/utils";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import en from "./en.json";
import ko from "./ko.json";
import { format, isLanguage, type Language, type Translate } from "./messages";

export { format, isLanguage, isMessageKey, LANGUAGES } from "./messages";
export type { Language, MessageKey, Translate } from "./messages";

const STORAGE_KEY = "lang";

// Amplify UI names Korean `kr`; ours overrides the few of its strings we reword.
I18n.putVocabularies({ en, ko: { ...krDict, ...ko } });

/** The language to start in: the one chosen last on this device, else the browser's. */
export function initialLanguage(
  stored: string | null = localStorage.getItem(STORAGE_KEY),
  browser: readonly string[] = navigator.languages,
): Language {
  if (isLanguage(stored)) return stored;
  const preferred = browser.map((tag) => tag.slice(0, 2)).find(isLanguage);
  return preferred ?? "en";
}

/** Where the language bundles are: under the files CDN (custom.files_base_url). */
export function bundlesUrl(filesBaseUrl: string): string {
  return `${filesBaseUrl.replace(/\/$/, "")}/public/i18n/`;
}

/** The published bundle of `lang`, or null when none was published. The index is revalidated
 * on every read; the file it names never changes, so any cache may keep it. */
export async function fetchBundle(
  base: string,
  lang: Language,
  fetchImpl: typeof fetch = fetch,
): Promise<Record<string, string> | null> {
  const index = await fetchImpl(`${base}index.json`, { cache: "no-cache" });
  if (!index.ok) return null; // nothing published yet (the CDN answers 403)
  const name = ((await index.json()) as Record<string, unknown>)[lang];
  if (typeof name !== "string") return null;
  const bundle = await fetchImpl(base + name);
  if (!bundle.ok) throw new Error(`${base + name}: HTTP ${bundle.status}`);
  const strings = Object.entries((await bundle.json()) as Record<string, unknown>);
  return Object.fromEntries(strings.filter(([, text]) => typeof text === "string")) as Record<
    string,
    string
  >;
}

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

/** `bundles`: where the published language bundles are (bundlesUrl); without it, the built-in
 * strings only. */
export function I18nProvider({ children, bundles }: { children: ReactNode; bundles?: string }) {
  const [lang, setLangState] = useState<Language>(() => {
    const first = initialLanguage();
    apply(first);
    return first;
  });
  const [published, setPublished] = useState(0);
  useEffect(() => {
    if (!bundles) return;
    let current = true;
    fetchBundle(bundles, lang)
      .then((strings) => {
        if (!strings || !current) return;
        I18n.putVocabulariesForLanguage(lang, strings);
        setPublished((count) => count + 1);
      })
      // The built-in strings stay: the app works without the CDN.
      .catch((error: unknown) => console.warn("language bundle not loaded:", error));
    return () => {
      current = false;
    };
  }, [bundles, lang]);
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
    [lang, setLang, published], // a published bundle makes a new `t` too
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18nContext {
  const context = useContext(Context);
  if (!context) throw new Error("useI18n needs an <I18nProvider> above it");
  return context;
}
