import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Amplify } from "aws-amplify";
import {
  fetchMFAPreference,
  setUpTOTP,
  updateMFAPreference,
  updatePassword,
  verifyTOTPSetup,
} from "aws-amplify/auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Profile } from "../../api/types";
import { DISPLAY_NAME_MAX } from "../../api/profile";
import { PROJECT_NAME } from "../../project";
import { apiLimit, fakeApi, wrap } from "../../testing";
import { ProfilePage } from "./ProfilePage";
import { TwoStepSignIn } from "./TwoStepSignIn";

vi.mock("aws-amplify/auth", async (original) => ({
  ...(await original<typeof import("aws-amplify/auth")>()),
  updatePassword: vi.fn(),
  fetchMFAPreference: vi.fn(),
  setUpTOTP: vi.fn(),
  verifyTOTPSetup: vi.fn(),
  updateMFAPreference: vi.fn(),
}));
// jsdom draws no canvas: the image carries the text it encodes (the browser tests show the code).
vi.mock("qrcode", () => ({
  default: { toDataURL: async (text: string) => `data:text/plain;base64,${btoa(text)}` },
}));

function profile(fields: Partial<Profile> = {}): Profile {
  return {
    id: "5f0c2a31-8d7e-4f5b-9c1a-2b3c4d5e6f70",
    email: "ana@example.com",
    phone_number: null,
    display_name: null,
    lang: "en",
    signup_type: "email",
    profile_image_url: null,
    created_at: "2026-01-02T03:04:05+00:00",
    updated_at: "2026-01-02T03:04:05+00:00",
    ...fields,
  };
}

describe("the profile page", () => {
  beforeEach(() => localStorage.setItem("lang", "en"));

  it("saves the display name and says so", async () => {
    let current = profile();
    const requests = fakeApi((request) => {
      if (request.method === "PATCH") current = profile({ display_name: "Ana Kim" });
      return current;
    });
    render(wrap(<ProfilePage />));
    await userEvent.type(await screen.findByLabelText("Display name"), "Ana Kim");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeTruthy();
    const patch = requests.find((request) => request.method === "PATCH") as Request;
    expect(await patch.json()).toEqual({ display_name: "Ana Kim" });
    expect(screen.getByText("ana@example.com")).toBeTruthy();
  });

  it("shows a social user who shared no e-mail (Kakao) their profile all the same", async () => {
    fakeApi(() => profile({ email: null, signup_type: "kakao", display_name: "아나" }));
    render(wrap(<ProfilePage />));
    expect(((await screen.findByLabelText("Display name")) as HTMLInputElement).value).toBe("아나");
    expect(screen.queryByText("E-mail")).toBeNull();
  });

  it("explains a display name the API refuses in the language shown, field by field", async () => {
    localStorage.setItem("lang", "ko");
    const refusal = {
      code: "validation_failed",
      message: "body.display_name: String should have at most 50 characters",
      errors: [{ field: "body.display_name", message: "String should have at most 50 characters", kind: "string_too_long", limit: 50 }],
    };
    fakeApi((request) => (request.method === "PATCH" ? Response.json(refusal, { status: 422 }) : profile()));
    render(wrap(<ProfilePage />));
    await userEvent.type(await screen.findByLabelText("표시 이름"), "Ana");
    await userEvent.click(screen.getByRole("button", { name: "저장" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("표시 이름은(는) 50자까지 쓸 수 있어요.");
    expect(alert.textContent).not.toContain("body.display_name");
  });

  it("knows the API's limit and says when a name reaches it, rather than cutting it in silence", async () => {
    expect(DISPLAY_NAME_MAX).toBe(apiLimit("ProfileChanges", "display_name"));
    fakeApi(() => profile());
    render(wrap(<ProfilePage />));
    const field = (await screen.findByLabelText("Display name")) as HTMLInputElement;
    await userEvent.click(field);
    await userEvent.paste("가".repeat(DISPLAY_NAME_MAX + 5));
    expect(field.value).toHaveLength(DISPLAY_NAME_MAX);
    expect(screen.getByText("50/50 · The display name can have at most 50 characters.")).toBeTruthy();
  });

  describe("changing the password", () => {
    beforeEach(() =>
      Amplify.configure({
        Auth: {
          Cognito: {
            userPoolId: "ap-northeast-2_Example",
            userPoolClientId: "client",
            passwordFormat: {
              minLength: 12,
              requireLowercase: true,
              requireUppercase: true,
              requireNumbers: true,
              requireSpecialCharacters: true,
            },
          },
        },
      }),
    );
    afterEach(() => Amplify.configure({}));

    const refuseWith = (name: string) =>
      vi.mocked(updatePassword).mockRejectedValueOnce(Object.assign(new Error("Incorrect username or password."), { name }));

    it("shows the rules, and says which password Cognito refused at that field", async () => {
      fakeApi(() => profile());
      render(wrap(<ProfilePage />));
      const rules = "Password rules: at least 12 characters, a lowercase letter, an uppercase letter, a digit, a symbol.";
      expect(await screen.findByText(rules)).toBeTruthy();
      await userEvent.type(screen.getByLabelText("Current password"), "wrong-one");
      await userEvent.type(screen.getByLabelText("New password"), "Corr3ct-Horse-2");
      await userEvent.type(screen.getByLabelText("Confirm new password"), "Corr3ct-Horse-2");
      refuseWith("NotAuthorizedException");
      await userEvent.click(screen.getByRole("button", { name: "Change password" }));
      expect(await screen.findByText("The current password is not right.")).toBeTruthy();
      expect(screen.queryByText(/Incorrect username/)).toBeNull();
      refuseWith("InvalidPasswordException");
      await userEvent.click(screen.getByRole("button", { name: "Change password" }));
      expect(await screen.findByText("The new password does not follow the rules below.")).toBeTruthy();
      expect(screen.queryByText("The current password is not right.")).toBeNull();
    });
  });
});

const KEY = "JBSWY3DPEHPK3PXP";
const ana = { id: "5f0c2a31", email: "ana@example.com", phone_number: null, signup_type: "email" } as Profile;

function pool(status: "off" | "optional" | "on") {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: "ap-northeast-2_Example",
        userPoolClientId: "client",
        mfa: { status, totpEnabled: true, smsEnabled: false },
      },
    },
  });
}

describe("two-step sign-in on the profile", () => {
  beforeEach(() => {
    localStorage.setItem("lang", "en");
    vi.mocked(setUpTOTP).mockResolvedValue({
      sharedSecret: KEY,
      getSetupUri: (app: string, account?: string) =>
        new URL(`otpauth://totp/${app}:${account}?secret=${KEY}&issuer=${app}`),
    });
  });
  afterEach(() => {
    Amplify.configure({});
    vi.mocked(fetchMFAPreference).mockReset();
    vi.mocked(verifyTOTPSetup).mockReset();
    vi.mocked(updateMFAPreference).mockReset();
  });

  it("sets an authenticator app up, says a wrong code at the field, and turns it off", async () => {
    pool("optional");
    vi.mocked(fetchMFAPreference).mockResolvedValue({});
    render(wrap(<TwoStepSignIn profile={ana} />));
    expect(await screen.findByText(/^Off\./)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Set up an authenticator app" }));
    const qrCode = (await screen.findByAltText("QR code for your authenticator app")) as HTMLImageElement;
    const uri = `otpauth://totp/${PROJECT_NAME}:ana@example.com?secret=${KEY}&issuer=${PROJECT_NAME}`;
    expect(atob(qrCode.src.split(",")[1] ?? "")).toBe(new URL(uri).href); // the app's name, the login
    expect(screen.getByText(KEY)).toBeTruthy(); // for apps that cannot scan

    vi.mocked(verifyTOTPSetup).mockRejectedValueOnce(
      Object.assign(new Error("Code mismatch"), { name: "CodeMismatchException" }),
    );
    await userEvent.type(screen.getByLabelText(/Code from the app/), "12a3456");
    expect((screen.getByLabelText(/Code from the app/) as HTMLInputElement).value).toBe("123456");
    await userEvent.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByText(/not the code the app shows now/)).toBeTruthy();
    expect(updateMFAPreference).not.toHaveBeenCalled();

    vi.mocked(fetchMFAPreference).mockResolvedValue({ enabled: ["TOTP"], preferred: "TOTP" });
    await userEvent.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByText(/^On: signing in asks for a code/)).toBeTruthy();
    expect(verifyTOTPSetup).toHaveBeenLastCalledWith({ code: "123456" });
    expect(updateMFAPreference).toHaveBeenCalledWith({ totp: "PREFERRED" });
    expect(screen.queryByAltText("QR code for your authenticator app")).toBeNull();

    vi.mocked(fetchMFAPreference).mockResolvedValue({});
    await userEvent.click(screen.getByRole("button", { name: "Turn off two-step sign-in" }));
    expect(await screen.findByText(/^Off\./)).toBeTruthy();
    expect(updateMFAPreference).toHaveBeenLastCalledWith({ totp: "DISABLED" });
  });

  it("says it is on, and offers no way off, where the pool requires it", async () => {
    pool("on");
    vi.mocked(fetchMFAPreference).mockResolvedValue({});
    render(wrap(<TwoStepSignIn profile={ana} />));
    expect(await screen.findByText(/asks every account for a code/)).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("is not offered where the pool has no MFA, nor to a user of a social provider", () => {
    pool("off");
    const { container, rerender } = render(wrap(<TwoStepSignIn profile={ana} />));
    expect(container.textContent).toBe("");
    pool("optional");
    rerender(wrap(<TwoStepSignIn profile={{ ...ana, email: null, signup_type: "kakao" }} />));
    expect(container.textContent).toBe("");
    expect(fetchMFAPreference).not.toHaveBeenCalled();
  });
});
