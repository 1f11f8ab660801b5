// The sign-up as Cognito leads it where MFA is required: the metadata and language sent, then the
// authenticator app's key shown and its code sent, then the start page. And the pool's identity
// providers, each through the hosted UI.
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
    ["autoSignIn", "confirmResetPassword", "confirmSignIn", "confirmSignUp", "resendSignUpCode", "resetPassword", "signIn", "signInWithRedirect", "signUp"].map(
      (name) => [name, jest.fn()],
    ),
  ),
}));
jest.mock("expo-router", () => ({ router: { replace: jest.fn() }, Stack: { Screen: () => null } }));

const mocked = jest.mocked(auth);
const outputs = { auth: { username_attributes: ["email"] }, custom: {} } as unknown as Outputs;

function renderSignIn(file: Outputs = outputs) {
  render(
    <OutputsContext.Provider value={file}>
      <I18nProvider>
        <SignInScreen />
      </I18nProvider>
    </OutputsContext.Provider>,
  );
}

beforeEach(() => jest.clearAllMocks());

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
  renderSignIn();
  expect(screen.queryByText("or")).toBeNull(); // no identity providers, no buttons for them
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

it("sends the user to each identity provider through the hosted UI, Kakao in its yellow", async () => {
  const social = {
    auth: { username_attributes: ["email"], oauth: { identity_providers: ["GOOGLE", "SIGN_IN_WITH_APPLE"] } },
    custom: { oidc_providers: ["Kakao"] },
  } as unknown as Outputs;
  mocked.signInWithRedirect.mockResolvedValue(undefined);
  renderSignIn(social);
  const kakao = screen.getByRole("button", { name: "Continue with Kakao" });
  expect(kakao).toHaveStyle({ backgroundColor: "#FEE500" });
  for (const [name, provider] of [
    ["Continue with Kakao", { custom: "Kakao" }],
    ["Continue with Google", "Google"],
    ["Continue with Apple", "Apple"],
  ] as const) {
    fireEvent.press(screen.getByRole("button", { name }));
    await waitFor(() => expect(mocked.signInWithRedirect).toHaveBeenLastCalledWith({ provider }));
  }
  // Back from the browser signed in: the start page.
  await waitFor(() => expect(router.replace).toHaveBeenCalledWith("/"));
  expect(router.replace).toHaveBeenCalledTimes(3);
});

it("says nothing when the user closes the browser, and tells a failure", async () => {
  const social = { auth: { username_attributes: ["email"], oauth: { identity_providers: ["GOOGLE"] } }, custom: {} } as unknown as Outputs;
  mocked.signInWithRedirect.mockRejectedValueOnce(new Error("canceled")).mockRejectedValueOnce(new Error("invalid_request"));
  renderSignIn(social);
  const google = screen.getByRole("button", { name: "Continue with Google" });
  fireEvent.press(google);
  await waitFor(() => expect(mocked.signInWithRedirect).toHaveBeenCalledTimes(1));
  expect(screen.queryByText("That did not work")).toBeNull();
  fireEvent.press(google);
  expect(await screen.findByText("invalid_request")).toBeOnTheScreen();
  expect(screen.getByText("That did not work")).toBeOnTheScreen();
  expect(router.replace).not.toHaveBeenCalled();
});
