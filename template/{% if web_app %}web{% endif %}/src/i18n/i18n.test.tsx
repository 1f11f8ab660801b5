import { act, render, screen, waitFor } from "@testing-library/react";
import { I18n } from "aws-amplify/utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import en from "./en.json";
import { bundlesUrl, fetchBundle, format, I18nProvider, initialLanguage, useI18n } from "./index";
import ko from "./ko.json";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the bundles", () => {
  it("say every message in Korean too, with the same placeholders", () => {
    for (const [key, message] of Object.entries(en)) {
      const korean = (ko as Record<string, string>)[key];
      expect(korean, key).toBeTypeOf("string");
      expect(placeholders(korean as string), key).toEqual(placeholders(message));
    }
  });
});

describe("initialLanguage", () => {
  it("prefers the language chosen last, then the browser's, then English", () => {
    expect(initialLanguage("ko", ["en-US"])).toBe("ko");
    expect(initialLanguage(null, ["ko-KR", "en"])).toBe("ko");
    expect(initialLanguage("xx", ["fr-FR", "de"])).toBe("en");
  });
});

describe("format", () => {
  it("fills placeholders and leaves unknown ones", () => {
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});

function Probe() {
  const { t, setLang } = useI18n();
  return (
    <>
      <h1>{t("files.title")}</h1>
      <button onClick={() => setLang("ko")}>ko</button>
    </>
  );
}

describe("switching language", () => {
  beforeEach(() => localStorage.clear());

  it("changes our strings, the Authenticator's and the document's lang, and is remembered", () => {
    localStorage.setItem("lang", "en");
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading").textContent).toBe("Your files");
    expect(I18n.get("Sign In")).toBe("Sign In");
    act(() => screen.getByRole("button").click());
    expect(screen.getByRole("heading").textContent).toBe("내 파일");
    expect(I18n.get("Sign In")).toBe("로그인"); // Amplify UI's own string, in Korean
    expect(I18n.get("Forgot your password?")).toBe("비밀번호를 잊으셨나요?");
    expect(document.documentElement.lang).toBe("ko");
    expect(localStorage.getItem("lang")).toBe("ko");
  });
});

const BUNDLES = bundlesUrl("https://files.example.com/");

/** The files CDN: `files` by path under the bundles; anything else is S3's 403. */
function cdn(files: Record<string, unknown>) {
  return vi.fn(async (url: string | URL | Request) => {
    const path = String(url).replace(BUNDLES, "");
    return path in files
      ? new Response(JSON.stringify(files[path]))
      : new Response("AccessDenied", { status: 403 });
  });
}

describe("fetchBundle", () => {
  it("reads the index afresh, then the file it names", async () => {
    const fetchImpl = cdn({ "index.json": { ko: "ko.1a2b.json" }, "ko.1a2b.json": { a: "가", n: 1 } });
    expect(BUNDLES).toBe("https://files.example.com/public/i18n/");
    expect(await fetchBundle(BUNDLES, "ko", fetchImpl)).toEqual({ a: "가" }); // strings only
    expect(fetchImpl.mock.calls[0]).toEqual([`${BUNDLES}index.json`, { cache: "no-cache" }]);
    expect(fetchImpl.mock.calls[1]?.[0]).toBe(`${BUNDLES}ko.1a2b.json`);
  });

  it("is null before anything was published or for a language not in the index", async () => {
    expect(await fetchBundle(BUNDLES, "ko", cdn({}))).toBeNull();
    expect(await fetchBundle(BUNDLES, "ko", cdn({ "index.json": { en: "en.1.json" } }))).toBeNull();
  });
});

describe("published bundles", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    I18n.putVocabulariesForLanguage("ko", { "files.title": ko["files.title"] });
  });

  it("replace the built-in strings of the language shown", async () => {
    localStorage.setItem("lang", "ko");
    const published = { ...ko, "files.title": "새 파일함" };
    vi.stubGlobal("fetch", cdn({ "index.json": { ko: "ko.2.json" }, "ko.2.json": published }));
    render(
      <I18nProvider bundles={BUNDLES}>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading").textContent).toBe("내 파일"); // built in, at once
    await waitFor(() => expect(screen.getByRole("heading").textContent).toBe("새 파일함"));
  });

  it("leave the built-in strings when the CDN cannot be reached", async () => {
    localStorage.setItem("lang", "en");
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    render(
      <I18nProvider bundles={BUNDLES}>
        <Probe />
      </I18nProvider>,
    );
    await waitFor(() => expect(console.warn).toHaveBeenCalled());
    expect(screen.getByRole("heading").textContent).toBe("Your files");
  });
});
