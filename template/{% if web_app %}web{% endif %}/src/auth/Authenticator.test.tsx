// The sign-in forms' steps the browser tests do not walk (the local pool asks for none of them:
// a new password for an invited user, a choice of second factor), and the ones they do in brief.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Amplify } from "aws-amplify";
import { autoSignIn, confirmSignIn, confirmSignUp, signIn, type SignInOutput } from "aws-amplify/auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { Authenticator, type Services } from "./Authenticator";

vi.mock("aws-amplify/auth", async (original) => ({
  ...(await original<typeof import("aws-amplify/auth")>()),
  signIn: vi.fn(),
  confirmSignIn: vi.fn(),
  confirmSignUp: vi.fn(),
  autoSignIn: vi.fn(),
}));
// jsdom draws no canvas (the browser tests show the QR code).
vi.mock("qrcode", () => ({ default: { toDataURL: async () => "data:image/png;base64," } }));

const PASSWORD = "Corr3ct-Horse-Battery";
const DONE = { isSignedIn: true, nextStep: { signInStep: "DONE" } } as SignInOutput;

function services(): Services {
  return {
    signUp: vi.fn(async () => ({
      isSignUpComplete: false,
      nextStep: {
        signUpStep: "CONFIRM_SIGN_UP" as const,
        codeDeliveryDetails: { deliveryMedium: "EMAIL" as const, destination: "a***@e***" },
      },
    })),
    resendSignUpCode: vi.fn(),
    resetPassword: vi.fn(),
    confirmResetPassword: vi.fn(),
  };
}

function show(lang = "en", send = services()) {
  localStorage.setItem("lang", lang);
  render(
    <I18nProvider>
      <Authenticator loginMechanism="email" services={send} />
    </I18nProvider>,
  );
  return send;
}

/** Typed into the field as a whole (as a paste: one event, not one per key). */
async function fill(label: string | RegExp, text: string) {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  await userEvent.click(field);
  await userEvent.paste(text);
}

async function signInAs(password = PASSWORD) {
  await fill("Email", "ana@example.com");
  await fill("Password", password);
  await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("Authenticator", () => {
  beforeEach(() => {
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: "ap-northeast-2_Example",
          userPoolClientId: "client",
          passwordFormat: { minLength: 12, requireNumbers: true },
        },
      },
    });
  });
  afterEach(() => {
    Amplify.configure({});
    localStorage.clear();
  });

  it("signs up, asks for the code where Cognito sent it, confirms and signs in", async () => {
    vi.mocked(confirmSignUp).mockResolvedValue({
      isSignUpComplete: true,
      nextStep: { signUpStep: "COMPLETE_AUTO_SIGN_IN" },
    });
    vi.mocked(autoSignIn).mockResolvedValue(DONE);
    const send = show();
    await userEvent.click(screen.getByRole("tab", { name: "Create Account" }));
    await fill("Email", "ana@example.com");
    await fill("Password", "short");
    await userEvent.tab();
    expect(screen.getByText("Password must have at least 12 characters")).toBeTruthy();
    expect(screen.getByText("Password must have numbers")).toBeTruthy();
    await fill("Password", PASSWORD);
    await fill("Confirm Password", `${PASSWORD}x`);
    await userEvent.tab();
    expect(screen.getByText("Your passwords must match")).toBeTruthy();
    await fill("Confirm Password", PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Create Account" }));
    expect(send.signUp).toHaveBeenCalledWith({
      username: "ana@example.com",
      password: PASSWORD,
      options: { userAttributes: { email: "ana@example.com" }, autoSignIn: true },
    });
    expect(screen.getByRole("heading", { name: "We Emailed You" })).toBeTruthy();
    expect(screen.getByText(/enter the code we emailed to a\*\*\*@e\*\*\*\./)).toBeTruthy();
    await fill("Confirmation Code", "123456");
    await userEvent.click(screen.getByRole("button", { name: "Confirm" }));
    expect(confirmSignUp).toHaveBeenCalledWith({ username: "ana@example.com", confirmationCode: "123456" });
    expect(autoSignIn).toHaveBeenCalled();
  });

  it("has an invited user choose a password first", async () => {
    vi.mocked(signIn).mockResolvedValue({
      isSignedIn: false,
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED" },
    } as SignInOutput);
    vi.mocked(confirmSignIn).mockResolvedValue(DONE);
    show();
    await signInAs("Temporary-1");
    expect(screen.getByRole("heading", { name: "Change Password" })).toBeTruthy();
    await fill("Password", PASSWORD);
    await fill("Confirm Password", PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Change Password" }));
    expect(confirmSignIn).toHaveBeenCalledWith({ challengeResponse: PASSWORD });
  });

  it("sets up an authenticator app at the first sign-in: its key, then its code", async () => {
    vi.mocked(signIn).mockResolvedValue({
      isSignedIn: false,
      nextStep: {
        signInStep: "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
        totpSetupDetails: {
          sharedSecret: "JBSWY3DPEHPK3PXP",
          getSetupUri: () => new URL("otpauth://totp/x"),
        },
      },
    } as SignInOutput);
    vi.mocked(confirmSignIn).mockResolvedValue(DONE);
    show();
    await signInAs();
    expect(screen.getByRole("heading", { name: "Setup TOTP" })).toBeTruthy();
    expect(screen.getByText("JBSWY3DPEHPK3PXP")).toBeTruthy();
    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toBeTruthy();
    await fill(/^Code/, "654321");
    await userEvent.click(screen.getByRole("button", { name: "Confirm" }));
    expect(confirmSignIn).toHaveBeenCalledWith({ challengeResponse: "654321" });
  });

  it("lets the user choose the second factor, then asks for its code", async () => {
    vi.mocked(signIn).mockResolvedValue({
      isSignedIn: false,
      nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", allowedMFATypes: ["SMS", "TOTP"] },
    } as SignInOutput);
    vi.mocked(confirmSignIn).mockResolvedValueOnce({
      isSignedIn: false,
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" },
    } as SignInOutput);
    show();
    await signInAs();
    await userEvent.click(screen.getByRole("radio", { name: "Authenticator App (TOTP)" }));
    await userEvent.click(screen.getByRole("button", { name: "Confirm" }));
    expect(confirmSignIn).toHaveBeenCalledWith({ challengeResponse: "TOTP" });
    expect(screen.getByRole("heading", { name: "Confirm TOTP Code" })).toBeTruthy();
  });

  it("says Cognito's refusal in the language shown", async () => {
    vi.mocked(signIn).mockRejectedValue(new Error("Incorrect username or password."));
    show("ko");
    await fill("이메일", "ana@example.com");
    await fill("비밀번호", PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "로그인" }));
    expect(screen.getByRole("tab", { name: "회원가입" })).toBeTruthy();
    expect(screen.getByText("아이디 또는 비밀번호가 올바르지 않습니다.")).toBeTruthy();
  });
});
