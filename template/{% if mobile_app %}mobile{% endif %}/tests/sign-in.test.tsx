// The sign-up as Cognito leads it where MFA is required: the metadata and language sent, then the
// authenticator app's key shown and its code sent, then the start page.
import { fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import * as auth from "aws-amplify/auth";
import { router } from "expo-router";
import type { Outputs } from "@web/auth/config";
import SignInScreen from "../app/sign-in";
import { I18nProvider } from "../src/i18n";
import { OutputsContext } from "../src/outputs";

// (a factory: Jest cannot load Amplify's ES modules to mock them automatically)
jest.mock("aws-amplify/auth", () => ({
  ...Object.fromEntries(
    ["autoSignIn", "confirmResetPassword", "confirmSignIn", "confirmSignUp", "resendSignUpCode", "resetPassword", "signIn", "signUp"].map(
      (name) => [name, jest.fn()],
    ),
  ),
}));
jest.mock("expo-router", () => ({ router: { replace: jest.fn() }, Stack: { Screen: () => null } }));

const mocked = jest.mocked(auth);
const outputs = { auth: { username_attributes: ["email"] }, custom: {} } as unknown as Outputs;

it("signs up, sets up the authenticator app, and signs in", async () => {
  mocked.signUp.mockResolvedValue({ isSignUpComplete: true, nextStep: { signUpStep: "COMPLETE_AUTO_SIGN_IN" } });
  mocked.autoSignIn.mockResolvedValue({
    isSignedIn: false,
    nextStep: {
      signInStep: "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
      totpSetupDetails: { sharedSecret: "JBSWY3DPEHPK3PXP", getSetupUri: jest.fn() },
    },
  });
  mocked.confirmSignIn.mockResolvedValue({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
  render(
    <OutputsContext.Provider value={outputs}>
      <I18nProvider>
        <SignInScreen />
      </I18nProvider>
    </OutputsContext.Provider>,
  );
  fireEvent.press(screen.getByRole("button", { name: "Create account" }));
  fireEvent.changeText(screen.getByLabelText("E-mail"), "ana@example.com");
  fireEvent.changeText(screen.getByLabelText("Password"), "Corr3ct-Horse-Battery");
  fireEvent.changeText(screen.getByLabelText("Confirm password"), "Corr3ct-Horse-Battery");
  fireEvent.press(screen.getByRole("button", { name: "Create account" }));

  expect(await screen.findByText("JBSWY3DPEHPK3PXP")).toBeOnTheScreen();
  const input = mocked.signUp.mock.calls[0]?.[0];
  expect(input?.username).toBe("ana@example.com");
  expect(input?.options?.userAttributes?.email).toBe("ana@example.com");
  expect(JSON.parse(String(input?.options?.userAttributes?.["custom:signup_meta"]))).toEqual({
    signup_type: "email",
    lang: "en",
  });
  expect(input?.options?.clientMetadata).toEqual({ lang: "en" });

  fireEvent.changeText(screen.getByLabelText("Code from the app"), "123456");
  fireEvent.press(screen.getByRole("button", { name: "Confirm" }));
  await waitFor(() => expect(router.replace).toHaveBeenCalledWith("/"));
  expect(mocked.confirmSignIn).toHaveBeenCalledWith({ challengeResponse: "123456" });
});
