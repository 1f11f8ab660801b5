import { act, render, screen } from "@testing-library/react";
import { I18n } from "aws-amplify/utils";
import { beforeEach, describe, expect, it } from "vitest";
import en from "./en.json";
import { format, I18nProvider, initialLanguage, useI18n } from "./index";
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
