import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { OidcSignIn } from "./OidcSignIn";

function renderIn(lang: string, providers: string[], redirect = vi.fn(), social: string[] = []) {
  localStorage.setItem("lang", lang);
  render(
    <I18nProvider>
      <OidcSignIn providers={providers} social={social} redirect={redirect} />
    </I18nProvider>,
  );
  return redirect;
}

describe("OidcSignIn", () => {
  it("offers Kakao in its colours and sends the user to it through the hosted UI", async () => {
    const redirect = renderIn("en", ["Kakao"]);
    const button = screen.getByRole("button", { name: "Continue with Kakao" });
    expect(button.style.backgroundColor).toBe("rgb(254, 229, 0)"); // #FEE500
    await userEvent.click(button);
    expect(redirect).toHaveBeenCalledWith({ provider: { custom: "Kakao" } });
    expect(document.querySelector('hr[data-label="or"]')).toBeTruthy(); // Amplify UI's Divider
  });

  it("offers Google and Apple in Amplify UI's words, through the hosted UI too", async () => {
    const redirect = renderIn("en", [], vi.fn(), ["GOOGLE", "SIGN_IN_WITH_APPLE"]);
    await userEvent.click(screen.getByRole("button", { name: "Sign In with Google" }));
    expect(redirect).toHaveBeenCalledWith({ provider: "Google" });
    expect(screen.getByRole("button", { name: "Sign In with Apple" })).toBeTruthy();
  });

  it("speaks Korean", () => {
    renderIn("ko", ["Kakao"], vi.fn(), ["GOOGLE"]);
    expect(screen.getByRole("button", { name: "카카오로 계속하기" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Google 로그인" })).toBeTruthy();
  });

  it("names a provider it has no look for, and draws nothing without providers", () => {
    renderIn("en", ["Line"]);
    expect(screen.getByRole("button", { name: "Continue with Line" })).toBeTruthy();
    const { container } = render(
      <I18nProvider>
        <OidcSignIn providers={[]} />
      </I18nProvider>,
    );
    expect(container.innerHTML).toBe("");
  });
});
