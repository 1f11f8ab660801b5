import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { OidcSignIn } from "./OidcSignIn";

function renderIn(lang: string, providers: string[], redirect = vi.fn()) {
  localStorage.setItem("lang", lang);
  render(
    <I18nProvider>
      <OidcSignIn providers={providers} redirect={redirect} />
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

  it("speaks Korean", () => {
    renderIn("ko", ["Kakao"]);
    expect(screen.getByRole("button", { name: "카카오로 계속하기" })).toBeTruthy();
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
