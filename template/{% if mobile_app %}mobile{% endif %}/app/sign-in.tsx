// Sign-in, sign-up with the login the pool takes (e-mail, phone or either), the code Cognito
// sends, password reset, and the authenticator app where the pool has MFA: Amplify's auth calls
// behind the app's own form, each step the one Cognito asks for next. Above the form, the pool's
// identity providers, through the hosted UI (src/SocialSignIn.tsx).
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  resendSignUpCode,
  resetPassword,
  signIn,
  type SignInOutput,
  type SignUpOutput,
} from "aws-amplify/auth";
import { router, Stack } from "expo-router";
import { useState } from "react";
import { Text, View } from "react-native";
import { inLanguage, signUpWithMeta } from "@web/auth/metadata";
import { PROJECT_NAME } from "@web/project";
import { useI18n } from "../src/i18n";
import { useOutputs } from "../src/outputs";
import { SocialSignIn } from "../src/SocialSignIn";
import { Button, ErrorText, Field, Heading, Muted, Screen, styles } from "../src/ui";

type Step =
  | { name: "signIn" | "signUp" | "forgot" }
  | { name: "confirmSignUp" | "confirmReset"; destination?: string }
  | { name: "totpSetup"; key: string }
  | { name: "code" };

export default function SignInScreen() {
  const { lang, t } = useI18n();
  const logins = useOutputs().auth.username_attributes;
  const [byPhone, setByPhone] = useState(!logins.includes("email"));
  const [step, setStep] = useState<Step>({ name: "signIn" });
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** Runs one call of the flow, showing its failure; `then` goes on with its answer. */
  function run<T>(call: () => Promise<T>, then: (answer: T) => void | Promise<void>) {
    setBusy(true);
    setError(null);
    call()
      .then(then)
      .catch(setError)
      .finally(() => setBusy(false));
  }

  /** Where Cognito's answer to a sign-in step leads. */
  async function signedIn({ nextStep }: SignInOutput): Promise<void> {
    setCode("");
    switch (nextStep.signInStep) {
      case "DONE":
        router.replace("/");
        return;
      case "CONTINUE_SIGN_IN_WITH_TOTP_SETUP":
        setStep({ name: "totpSetup", key: nextStep.totpSetupDetails.sharedSecret });
        return;
      case "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION":
      case "CONTINUE_SIGN_IN_WITH_MFA_SELECTION":
        // The app's second factor is the authenticator app (SMS costs; mfa_methods lists TOTP).
        return signedIn(await confirmSignIn({ challengeResponse: "TOTP" }));
      case "CONFIRM_SIGN_UP":
        await inLanguage(lang, resendSignUpCode)({ username: login });
        setStep({ name: "confirmSignUp" });
        return;
      case "RESET_PASSWORD":
        setStep({ name: "forgot" });
        return;
      default: // a code: the authenticator app's, or one Cognito sent
        setStep({ name: "code" });
    }
  }

  async function signedUp({ nextStep }: SignUpOutput): Promise<void> {
    if (nextStep.signUpStep === "CONFIRM_SIGN_UP") {
      setStep({ name: "confirmSignUp", destination: nextStep.codeDeliveryDetails.destination });
    } else if (nextStep.signUpStep === "COMPLETE_AUTO_SIGN_IN") {
      await signedIn(await autoSignIn());
    } else {
      await signedIn(await signIn({ username: login, password }));
    }
  }

  const username = login.trim();
  const loginField = (
    <Field
      label={t(byPhone ? "profile.phone" : "profile.email")}
      value={login}
      onChangeText={setLogin}
      keyboardType={byPhone ? "phone-pad" : "email-address"}
      autoComplete={byPhone ? "tel" : "email"}
      placeholder={byPhone ? "+821012345678" : "you@example.com"}
    />
  );
  const passwordField = (label: string, value: string, set: (text: string) => void) => (
    <Field label={label} value={value} onChangeText={set} secureTextEntry autoComplete="password" />
  );
  const codeField = (
    <Field label={t("auth.code")} value={code} onChangeText={setCode} keyboardType="number-pad" autoComplete="one-time-code" />
  );

  let form;
  switch (step.name) {
    case "signIn":
    case "signUp": {
      const signingUp = step.name === "signUp";
      form = (
        <>
          <Heading>{t(signingUp ? "auth.signUp" : "auth.signIn")}</Heading>
          <SocialSignIn onSignedIn={() => router.replace("/")} />
          {logins.length > 1 && (
            <>
              <Muted>{t("signIn.with")}</Muted>
              <View style={styles.row}>
                <Button kind={byPhone ? "plain" : "primary"} label={t("signIn.withEmail")} onPress={() => setByPhone(false)} />
                <Button kind={byPhone ? "primary" : "plain"} label={t("signIn.withPhone")} onPress={() => setByPhone(true)} />
              </View>
            </>
          )}
          {loginField}
          {passwordField(t("auth.password"), password, setPassword)}
          {signingUp && passwordField(t("auth.confirmPassword"), repeat, setRepeat)}
          {signingUp ? (
            <Button
              label={t("auth.signUp")}
              busy={busy}
              onPress={() => {
                if (password !== repeat) return setError(new Error(t("password.mismatch")));
                const attribute = byPhone ? "phone_number" : "email";
                run(
                  () =>
                    inLanguage(lang, signUpWithMeta(lang))({
                      username,
                      password,
                      options: { userAttributes: { [attribute]: username }, autoSignIn: true },
                    }),
                  signedUp,
                );
              }}
            />
          ) : (
            <Button label={t("auth.signIn")} busy={busy} onPress={() => run(() => signIn({ username, password }), signedIn)} />
          )}
          <Button
            kind="plain"
            label={t(signingUp ? "auth.back" : "auth.signUp")}
            onPress={() => setStep({ name: signingUp ? "signIn" : "signUp" })}
          />
          {!signingUp && <Button kind="plain" label={t("auth.forgot")} onPress={() => setStep({ name: "forgot" })} />}
        </>
      );
      break;
    }
    case "confirmSignUp":
      form = (
        <>
          <Heading>{t("auth.confirm")}</Heading>
          {step.destination && <Muted>{t("auth.codeSent", { destination: step.destination })}</Muted>}
          {codeField}
          <Button
            label={t("auth.confirm")}
            busy={busy}
            onPress={() => run(() => confirmSignUp({ username, confirmationCode: code.trim() }), signedUp)}
          />
        </>
      );
      break;
    case "totpSetup":
      form = (
        <>
          <Heading>{t("mfa.setUp")}</Heading>
          <Muted>{t("mfa.key")}</Muted>
          <Text selectable testID="totp-key" style={[styles.card, { fontFamily: "monospace", fontSize: 16 }]}>
            {step.key}
          </Text>
          <Field label={t("mfa.code")} value={code} onChangeText={setCode} keyboardType="number-pad" />
          <Button label={t("auth.confirm")} busy={busy} onPress={() => run(() => confirmSignIn({ challengeResponse: code.trim() }), signedIn)} />
        </>
      );
      break;
    case "code":
      form = (
        <>
          <Heading>{t("mfa.title")}</Heading>
          <Field label={t("mfa.code")} value={code} onChangeText={setCode} keyboardType="number-pad" autoComplete="one-time-code" />
          <Button label={t("auth.confirm")} busy={busy} onPress={() => run(() => confirmSignIn({ challengeResponse: code.trim() }), signedIn)} />
        </>
      );
      break;
    case "forgot":
      form = (
        <>
          <Heading>{t("auth.reset")}</Heading>
          {loginField}
          <Button
            label={t("auth.sendCode")}
            busy={busy}
            onPress={() =>
              run(
                () => inLanguage(lang, resetPassword)({ username }),
                ({ nextStep }) => setStep({ name: "confirmReset", destination: nextStep.codeDeliveryDetails.destination }),
              )
            }
          />
          <Button kind="plain" label={t("auth.back")} onPress={() => setStep({ name: "signIn" })} />
        </>
      );
      break;
    case "confirmReset":
      form = (
        <>
          <Heading>{t("auth.reset")}</Heading>
          {step.destination && <Muted>{t("auth.codeSent", { destination: step.destination })}</Muted>}
          {codeField}
          {passwordField(t("password.new"), password, setPassword)}
          <Button
            label={t("auth.reset")}
            busy={busy}
            onPress={() =>
              run(
                () => confirmResetPassword({ username, confirmationCode: code.trim(), newPassword: password }),
                () => setStep({ name: "signIn" }),
              )
            }
          />
        </>
      );
      break;
  }

  return (
    <Screen>
      <Stack.Screen options={{ title: t("signIn.title", { name: PROJECT_NAME }) }} />
      {form}
      <ErrorText error={error} title={t("auth.failed")} />
    </Screen>
  );
}
