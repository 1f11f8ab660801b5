// The sign-in, sign-up, confirmation, two-step and password-reset forms, on aws-amplify/auth, in
// the look and words of Amplify UI's Authenticator (its CSS, its strings and their Korean). Its
// own component drives them with a state machine (xstate, lodash, every form it has): 70 KB gzip,
// a third of the first screen's JavaScript (issue #26). Here each step is a form and what Cognito
// asks next (`nextStep`) picks the following one.
import {
  Alert,
  Button,
  Flex,
  Heading,
  PasswordField,
  PhoneNumberField,
  Radio,
  RadioGroupField,
  Tabs,
  Text,
  TextField,
  View,
} from "@aws-amplify/ui-react";
import { Amplify } from "aws-amplify";
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  resendSignUpCode,
  resetPassword,
  signIn,
  signUp,
  type ConfirmResetPasswordInput,
  type ResendSignUpCodeInput,
  type ResendSignUpCodeOutput,
  type ResetPasswordInput,
  type ResetPasswordOutput,
  type SignInOutput,
  type SignUpInput,
  type SignUpOutput,
} from "aws-amplify/auth";
import { I18n } from "aws-amplify/utils";
import QRCode from "qrcode";
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { useI18n } from "../i18n";
import { PROJECT_NAME } from "../project";

export type LoginMechanism = "email" | "phone_number";

/** The Amplify calls the forms make that the app adds to (the language, the sign-up metadata). */
export interface Services {
  signUp: (input: SignUpInput) => Promise<SignUpOutput>;
  resendSignUpCode: (input: ResendSignUpCodeInput) => Promise<ResendSignUpCodeOutput>;
  resetPassword: (input: ResetPasswordInput) => Promise<ResetPasswordOutput>;
  confirmResetPassword: (input: ConfirmResetPasswordInput) => Promise<void>;
}

const DEFAULT_SERVICES: Services = { signUp, resendSignUpCode, resetPassword, confirmResetPassword };

interface Delivery {
  deliveryMedium?: string;
  destination?: string;
}

type Challenge = "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP";

type Step =
  | { route: "signIn" | "signUp" | "forgotPassword" | "forceNewPassword" }
  | { route: "confirmSignUp"; delivery?: Delivery }
  | { route: "confirmSignIn"; challenge: Challenge; delivery?: Delivery }
  | { route: "setupTotp"; secret: string; uri: string }
  | { route: "selectMfaType"; types: string[]; setup: boolean }
  | { route: "confirmResetPassword" };

/** Amplify UI's words (the Authenticator's keys), in the language shown (i18n puts Amplify UI's
 * Korean and ours into Amplify's I18n). */
const say = (text: string) => I18n.get(text);

/** What a sign-in step says to do next, as the form to show. */
const CODE_CHALLENGES: Record<string, Challenge> = {
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: "SOFTWARE_TOKEN_MFA",
  CONFIRM_SIGN_IN_WITH_SMS_CODE: "SMS_MFA",
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: "EMAIL_OTP",
};

const CHALLENGE_TITLES: Record<Challenge, string> = {
  SOFTWARE_TOKEN_MFA: "Confirm TOTP Code",
  SMS_MFA: "Confirm SMS Code",
  EMAIL_OTP: "Confirm Email Code",
};

const MFA_LABELS: Record<string, string> = {
  TOTP: "Authenticator App (TOTP)",
  SMS: "Text Message (SMS)",
  EMAIL: "Email Message",
};

/** The pool's password rules (Amplify's config, from amplify_outputs.json) that `password`
 * breaks, in the Authenticator's words. */
export function passwordProblems(password: string): string[] {
  const format = Amplify.getConfig().Auth?.Cognito.passwordFormat;
  if (!format) return [];
  const min = format.minLength ?? 8;
  return [
    ...(password.length < min ? [`Password must have at least ${min} characters`] : []),
    ...(format.requireLowercase && !/[a-z]/.test(password) ? ["Password must have lower case letters"] : []),
    ...(format.requireUppercase && !/[A-Z]/.test(password) ? ["Password must have upper case letters"] : []),
    ...(format.requireNumbers && !/[0-9]/.test(password) ? ["Password must have numbers"] : []),
    ...(format.requireSpecialCharacters && !/[^a-zA-Z0-9\s]/.test(password)
      ? ["Password must have special characters"]
      : []),
  ];
}

/** The code was sent where: the Authenticator's two sentences. */
function deliveryMessage(delivery?: Delivery): string {
  const arrival = `${say("It may take a minute to arrive")}.`;
  if (delivery?.deliveryMedium === "EMAIL" || delivery?.deliveryMedium === "SMS") {
    const sent =
      delivery.deliveryMedium === "EMAIL"
        ? say("Your code is on the way. To log in, enter the code we emailed to")
        : say("Your code is on the way. To log in, enter the code we texted to");
    return `${sent} ${delivery.destination ?? ""}. ${arrival}`;
  }
  return `${say("Your code is on the way. To log in, enter the code we sent you")}. ${arrival}`;
}

function deliveryTitle(delivery?: Delivery): string {
  return delivery?.deliveryMedium === "EMAIL" ? say("We Emailed You") : say("We Texted You");
}

/** A form's values by field name. */
function valuesOf(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  const values: Record<string, string> = {};
  new FormData(event.currentTarget).forEach((value, name) => {
    values[name] = String(value);
  });
  return values;
}

/** What users sign in with, from the form: a phone number with its country code, as Cognito
 * keeps it (+821012345678), or the e-mail address. */
function usernameOf(values: Record<string, string>, mechanism: LoginMechanism): string {
  const username = (values.username ?? "").trim();
  if (mechanism !== "phone_number") return username;
  return `${values.country_code ?? ""}${username}`.replace(/[^0-9+]/g, "");
}

function Errors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <View id={id} data-amplify-sign-up-errors="">
      {errors.map((error) => (
        <Text key={error} role="alert" variation="error">
          {say(error)}
        </Text>
      ))}
    </View>
  );
}

/** A field as the Authenticator draws it: its label shown, its problems said under it. */
function Field({
  kind,
  name,
  label,
  placeholder,
  autoComplete,
  errors = [],
  onBlur,
  onChange,
}: {
  kind: "text" | "email" | "password" | "tel";
  name: string;
  label: string;
  placeholder?: string;
  autoComplete?: string;
  errors?: string[];
  onBlur?: (value: string) => void;
  onChange?: (value: string) => void;
}) {
  const errorId = useId();
  const shared = {
    name,
    label,
    placeholder,
    autoComplete,
    isRequired: true,
    hasError: errors.length > 0,
    "aria-describedby": errors.length > 0 ? errorId : undefined,
    onBlur: onBlur && ((event: { target: { value: string } }) => onBlur(event.target.value)),
    onChange: onChange && ((event: { target: { value: string } }) => onChange(event.target.value)),
  };
  return (
    <>
      {kind === "tel" ? (
        <PhoneNumberField {...shared} defaultDialCode="+1" dialCodeName="country_code" />
      ) : kind === "password" ? (
        <PasswordField {...shared} autoCapitalize="off" />
      ) : (
        <TextField {...shared} type={kind} autoCapitalize="off" />
      )}
      <Errors id={errorId} errors={errors} />
    </>
  );
}

function LoginField({ mechanism }: { mechanism: LoginMechanism }) {
  return mechanism === "phone_number" ? (
    <Field
      kind="tel"
      name="username"
      label={say("Phone Number")}
      placeholder={say("Enter your Phone Number")}
      autoComplete="tel-national"
    />
  ) : (
    <Field
      kind="email"
      name="username"
      label={say("Email")}
      placeholder={say("Enter your Email")}
      autoComplete="username"
    />
  );
}

/** A new password twice, checked against the pool's rules and each other once left (as the
 * Authenticator does); `problems` says whether the form may be sent. */
function usePasswordPair() {
  const [values, setValues] = useState({ password: "", confirm: "" });
  const [left, setLeft] = useState({ password: false, confirm: false });
  const errors = {
    password: left.password ? passwordProblems(values.password) : [],
    confirm: left.confirm && values.confirm !== values.password ? ["Your passwords must match"] : [],
  };
  const field = (name: "password" | "confirm") => ({
    errors: errors[name],
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    onBlur: () => setLeft((current) => ({ ...current, [name]: true })),
  });
  const reset = () => {
    setValues({ password: "", confirm: "" });
    setLeft({ password: false, confirm: false });
  };
  const problems = () => {
    setLeft({ password: true, confirm: true });
    return passwordProblems(values.password).length > 0 || values.confirm !== values.password;
  };
  return { field, problems, reset, hasErrors: errors.password.length + errors.confirm.length > 0 };
}

/** A new password and its confirmation (sign-up, an invited user's first, a reset), in Amplify UI's
 * words: `label` and `placeholders` where a step says them otherwise. */
function NewPasswordFields({
  passwords,
  label = "Password",
  placeholders = ["Enter your Password", "Please confirm your Password"],
}: {
  passwords: ReturnType<typeof usePasswordPair>;
  label?: string;
  placeholders?: [string, string];
}) {
  return (
    <>
      <Field
        kind="password"
        name="password"
        label={say(label)}
        placeholder={say(placeholders[0])}
        autoComplete="new-password"
        {...passwords.field("password")}
      />
      <Field
        kind="password"
        name="confirm_password"
        label={say("Confirm Password")}
        placeholder={say(placeholders[1])}
        autoComplete="new-password"
        {...passwords.field("confirm")}
      />
    </>
  );
}

/** The frame of every step: Amplify UI's CSS gives it the Authenticator's card. */
function Frame({ tabs, children }: { tabs?: boolean; children: ReactNode }) {
  return (
    <View data-amplify-authenticator="" data-variation="default">
      <View data-amplify-container="">
        <View data-amplify-router="" data-amplify-router-content={tabs ? undefined : ""}>
          {children}
        </View>
      </View>
    </View>
  );
}

/** One step's form: its fields disabled while Cognito answers, Cognito's refusal said under. */
function StepForm({
  name,
  pending,
  error,
  onDismiss,
  onSubmit,
  children,
  footer,
}: {
  name: string;
  pending: boolean;
  error?: string;
  onDismiss: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <form
      data-amplify-form=""
      {...{ [`data-amplify-authenticator-${name}`]: "" }}
      method="post"
      onSubmit={onSubmit}
    >
      <Flex as="fieldset" direction="column" isDisabled={pending}>
        {children}
        {error && (
          <Alert variation="error" isDismissible onDismiss={onDismiss}>
            {say(error)}
          </Alert>
        )}
        {footer}
      </Flex>
    </form>
  );
}

function SubmitButton({ pending, text, busy }: { pending: boolean; text: string; busy: string }) {
  return (
    <Button
      type="submit"
      variation="primary"
      isDisabled={pending}
      isLoading={pending}
      loadingText={say(busy)}
    >
      {say(text)}
    </Button>
  );
}

function LinkButton({ text, onClick }: { text: string; onClick: () => void }) {
  return (
    <Button type="button" variation="link" size="small" onClick={onClick}>
      {say(text)}
    </Button>
  );
}

/** The key of an authenticator app, as a QR code and as text to copy. */
function TotpKey({ secret, uri }: { secret: string; uri: string }) {
  const { t } = useI18n();
  const [image, setImage] = useState<string>();
  const [copied, setCopied] = useState(false);
  const copy = () => void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(uri).then(
      (url) => current && setImage(url),
      () => current && setImage(""),
    );
    return () => {
      current = false;
    };
  }, [uri]);
  return (
    <>
      {image === undefined ? (
        <p>{say("Loading")}…</p>
      ) : (
        image && <img data-amplify-qrcode="" src={image} alt={t("mfa.qrCode")} width="228" height="228" />
      )}
      <Flex data-amplify-copy="">
        <div>{secret}</div>
        <Flex
          data-amplify-copy-svg=""
          role="button"
          tabIndex={0}
          aria-label={t("signIn.copyKey")}
          onClick={copy}
          onKeyDown={(event) => {
            if (event.key !== "Enter" && event.key !== " ") return;
            event.preventDefault(); // (a space would scroll the page)
            copy();
          }}
        >
          <div data-amplify-copy-tooltip="">{copied ? t("signIn.copied") : t("signIn.copyKey")}</div>
          <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M16 1H4C2.9 1 2 1.9 2 3V17H4V3H16V1ZM15 5H8C6.9 5 6.01 5.9 6.01 7L6 21C6 22.1 6.89 23 7.99 23H19C20.1 23 21 22.1 21 21V11L15 5ZM8 21V7H14V12H19V21H8Z" />
          </svg>
        </Flex>
      </Flex>
    </>
  );
}

export function Authenticator({
  loginMechanism,
  hideSignUp = false,
  header,
  services = DEFAULT_SERVICES,
  onPasswordReset,
}: {
  loginMechanism: LoginMechanism;
  hideSignUp?: boolean;
  /** Above the sign-in and sign-up forms: the social sign-in buttons. */
  header?: ReactNode;
  services?: Services;
  /** After a password reset, back on the sign-in form. */
  onPasswordReset?: () => void;
}) {
  const [step, setStep] = useState<Step>({ route: "signIn" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  // Who is signing in or up, and the password (to sign in once the sign-up is confirmed).
  const [login, setLogin] = useState({ username: "", password: "" });
  const passwords = usePasswordPair();

  const go = (next: Step) => {
    setError(undefined);
    passwords.reset();
    setStep(next);
  };

  /** Sends `call` with the form disabled; a refusal is said on the form. */
  const send = async (call: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await call();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  };

  /** The form for what Cognito asks next; nothing once signed in (Amplify's Hub tells the
   * session). */
  const after = async ({ nextStep }: SignInOutput, username: string, password?: string) => {
    const challenge = CODE_CHALLENGES[nextStep.signInStep];
    if (challenge) {
      const delivery = "codeDeliveryDetails" in nextStep ? nextStep.codeDeliveryDetails : undefined;
      return go({ route: "confirmSignIn", challenge, delivery });
    }
    switch (nextStep.signInStep) {
      case "DONE":
        return;
      case "CONTINUE_SIGN_IN_WITH_TOTP_SETUP": {
        const details = nextStep.totpSetupDetails;
        const uri = details.getSetupUri(PROJECT_NAME, username).toString();
        return go({ route: "setupTotp", secret: details.sharedSecret, uri });
      }
      case "CONTINUE_SIGN_IN_WITH_MFA_SELECTION":
        return go({ route: "selectMfaType", types: nextStep.allowedMFATypes ?? [], setup: false });
      case "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION":
        return go({ route: "selectMfaType", types: nextStep.allowedMFATypes ?? [], setup: true });
      case "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED":
        return go({ route: "forceNewPassword" });
      case "CONFIRM_SIGN_UP": {
        // Signed up earlier without confirming: a new code, then the sign-in again.
        const sent = await services.resendSignUpCode({ username });
        setLogin({ username, password: password ?? "" });
        return go({ route: "confirmSignUp", delivery: sent });
      }
      case "RESET_PASSWORD":
        await services.resetPassword({ username });
        setLogin({ username, password: "" });
        return go({ route: "confirmResetPassword" });
      default:
        throw new Error(`Unsupported sign-in step: ${nextStep.signInStep}`);
    }
  };

  const signInWith = async (username: string, password: string) =>
    after(await signIn({ username, password }), username, password);

  const toSignIn = () => go({ route: "signIn" });
  const dismiss = () => setError(undefined);
  const form = { pending, error, onDismiss: dismiss };

  // Each step's form anew (its fields' values stay with it), but the tabs' (the focus stays on
  // the tab chosen).
  switch (step.route) {
    case "signIn":
    case "signUp": {
      const signInForm = (
        <View>
          {header}
          <StepForm
            name="signin"
            {...form}
            onSubmit={(event) => {
              const values = valuesOf(event);
              const username = usernameOf(values, loginMechanism);
              void send(() => signInWith(username, values.password ?? ""));
            }}
            footer={
              <>
                <SubmitButton pending={pending} text="Sign in" busy="Signing in" />
                <View data-amplify-footer="">
                  <LinkButton text="Forgot your password?" onClick={() => go({ route: "forgotPassword" })} />
                </View>
              </>
            }
          >
            <LoginField mechanism={loginMechanism} />
            <Field
              kind="password"
              name="password"
              label={say("Password")}
              placeholder={say("Enter your Password")}
              autoComplete="current-password"
            />
          </StepForm>
        </View>
      );
      if (hideSignUp) return <Frame key={step.route}>{signInForm}</Frame>;
      return (
        <Frame tabs>
          <Tabs.Container
            value={step.route}
            isLazy
            onValueChange={(route) => go({ route: route as "signIn" | "signUp" })}
          >
            <Tabs.List spacing="equal" indicatorPosition="top">
              <Tabs.Item value="signIn">{say("Sign In")}</Tabs.Item>
              <Tabs.Item value="signUp">{say("Create Account")}</Tabs.Item>
            </Tabs.List>
            <Tabs.Panel value="signIn" data-amplify-router-content="">
              {signInForm}
            </Tabs.Panel>
            <Tabs.Panel value="signUp" data-amplify-router-content="">
              <View>
                {header}
                <StepForm
                  name="signup"
                  {...form}
                  onSubmit={(event) => {
                    const values = valuesOf(event);
                    if (passwords.problems()) return;
                    const username = usernameOf(values, loginMechanism);
                    const password = values.password ?? "";
                    void send(async () => {
                      const { nextStep } = await services.signUp({
                        username,
                        password,
                        options: { userAttributes: { [loginMechanism]: username }, autoSignIn: true },
                      });
                      setLogin({ username, password });
                      if (nextStep.signUpStep === "CONFIRM_SIGN_UP") {
                        return go({ route: "confirmSignUp", delivery: nextStep.codeDeliveryDetails });
                      }
                      // Confirmed without a code (the pool's pre-sign-up trigger): signed in.
                      if (nextStep.signUpStep === "COMPLETE_AUTO_SIGN_IN")
                        return after(await autoSignIn(), username, password);
                      return signInWith(username, password);
                    });
                  }}
                  footer={
                    <Button
                      type="submit"
                      variation="primary"
                      isFullWidth
                      isDisabled={pending || passwords.hasErrors}
                      isLoading={pending}
                      loadingText={say("Creating Account")}
                    >
                      {say("Create Account")}
                    </Button>
                  }
                >
                  <LoginField mechanism={loginMechanism} />
                  <NewPasswordFields passwords={passwords} />
                </StepForm>
              </View>
            </Tabs.Panel>
          </Tabs.Container>
        </Frame>
      );
    }
    case "confirmSignUp":
      return (
        <Frame key={step.route}>
          <StepForm
            name="confirmsignup"
            {...form}
            onSubmit={(event) => {
              const code = (valuesOf(event).confirmation_code ?? "").trim();
              void send(async () => {
                const { nextStep } = await confirmSignUp({
                  username: login.username,
                  confirmationCode: code,
                });
                if (nextStep.signUpStep === "COMPLETE_AUTO_SIGN_IN")
                  return after(await autoSignIn(), login.username, login.password);
                if (login.password) return signInWith(login.username, login.password);
                toSignIn();
              });
            }}
            footer={
              <>
                <SubmitButton pending={pending} text="Confirm" busy="Confirming" />
                <Button
                  type="button"
                  onClick={() =>
                    void send(async () => {
                      const sent = await services.resendSignUpCode({ username: login.username });
                      setStep({ route: "confirmSignUp", delivery: sent });
                    })
                  }
                >
                  {say("Resend Code")}
                </Button>
              </>
            }
          >
            <Heading level={4}>{deliveryTitle(step.delivery)}</Heading>
            <Text className="amplify-authenticator__subtitle">{deliveryMessage(step.delivery)}</Text>
            <Field
              kind="text"
              name="confirmation_code"
              label={say("Confirmation Code")}
              placeholder={say("Enter your code")}
              autoComplete="one-time-code"
            />
          </StepForm>
        </Frame>
      );
    case "confirmSignIn":
    case "setupTotp":
      return (
        <Frame key={step.route}>
          <StepForm
            name={step.route === "setupTotp" ? "setup-totp" : "confirmsignin"}
            {...form}
            onSubmit={(event) => {
              const code = (valuesOf(event).confirmation_code ?? "").trim();
              void send(async () => after(await confirmSignIn({ challengeResponse: code }), login.username));
            }}
            footer={
              <>
                <SubmitButton pending={pending} text="Confirm" busy="Confirming" />
                <LinkButton text="Back to Sign In" onClick={toSignIn} />
              </>
            }
          >
            {step.route === "setupTotp" ? (
              <>
                <Heading level={3}>{say("Setup TOTP")}</Heading>
                <TotpKey secret={step.secret} uri={step.uri} />
              </>
            ) : (
              <>
                <Heading level={3}>{say(CHALLENGE_TITLES[step.challenge])}</Heading>
                {step.challenge !== "SOFTWARE_TOKEN_MFA" && <Text>{deliveryMessage(step.delivery)}</Text>}
              </>
            )}
            <Field
              kind="text"
              name="confirmation_code"
              label={`${say("Code")} *`}
              placeholder={say("Code")}
              autoComplete="one-time-code"
            />
          </StepForm>
        </Frame>
      );
    case "selectMfaType":
      return (
        <Frame key={step.route}>
          <StepForm
            name="select-mfa-type"
            {...form}
            onSubmit={(event) => {
              const choice = valuesOf(event).mfa_type ?? "";
              void send(async () =>
                after(await confirmSignIn({ challengeResponse: choice }), login.username),
              );
            }}
            footer={
              <>
                <SubmitButton pending={pending} text="Confirm" busy="Confirming" />
                <LinkButton text="Back to Sign In" onClick={toSignIn} />
              </>
            }
          >
            <Heading level={3}>
              {say(step.setup ? "Multi-Factor Authentication Setup" : "Multi-Factor Authentication")}
            </Heading>
            <RadioGroupField
              name="mfa_type"
              legend={say("Select MFA Type")}
              legendHidden
              isRequired
              defaultValue={step.types[0]}
            >
              {step.types.map((type) => (
                <Radio key={type} value={type}>
                  {say(MFA_LABELS[type] ?? type)}
                </Radio>
              ))}
            </RadioGroupField>
          </StepForm>
        </Frame>
      );
    case "forceNewPassword":
      return (
        <Frame key={step.route}>
          <StepForm
            name="forcenewpassword"
            {...form}
            onSubmit={(event) => {
              const values = valuesOf(event);
              if (passwords.problems()) return;
              void send(async () =>
                after(await confirmSignIn({ challengeResponse: values.password ?? "" }), login.username),
              );
            }}
            footer={
              <>
                <SubmitButton pending={pending} text="Change Password" busy="Changing" />
                <LinkButton text="Back to Sign In" onClick={toSignIn} />
              </>
            }
          >
            <Heading level={4}>{say("Change Password")}</Heading>
            <NewPasswordFields passwords={passwords} />
          </StepForm>
        </Frame>
      );
    case "forgotPassword":
      return (
        <Frame key={step.route}>
          <StepForm
            name="forgotpassword"
            {...form}
            onSubmit={(event) => {
              const username = usernameOf(valuesOf(event), loginMechanism);
              void send(async () => {
                await services.resetPassword({ username });
                setLogin({ username, password: "" });
                go({ route: "confirmResetPassword" });
              });
            }}
            footer={
              <Flex direction="column">
                <Button type="submit" variation="primary" isDisabled={pending}>
                  {pending ? `${say("Sending")}…` : say("Send code")}
                </Button>
                <Flex direction="column" alignItems="center">
                  <LinkButton text="Back to Sign In" onClick={toSignIn} />
                </Flex>
              </Flex>
            }
          >
            <Heading level={3}>{say("Reset your password")}</Heading>
            <LoginField mechanism={loginMechanism} />
          </StepForm>
        </Frame>
      );
    case "confirmResetPassword":
      return (
        <Frame key={step.route}>
          <StepForm
            name="confirmresetpassword"
            {...form}
            onSubmit={(event) => {
              const values = valuesOf(event);
              if (passwords.problems()) return;
              void send(async () => {
                await services.confirmResetPassword({
                  username: login.username,
                  confirmationCode: (values.confirmation_code ?? "").trim(),
                  newPassword: values.password ?? "",
                });
                onPasswordReset?.();
                toSignIn();
              });
            }}
            footer={
              <Flex direction="column">
                <Button type="submit" variation="primary" isDisabled={pending}>
                  {pending ? `${say("Submitting")}…` : say("Submit")}
                </Button>
                <Flex direction="column" alignItems="center">
                  <LinkButton
                    text="Resend Code"
                    onClick={() =>
                      void send(async () => void (await services.resetPassword({ username: login.username })))
                    }
                  />
                </Flex>
              </Flex>
            }
          >
            <Heading level={3}>{say("Reset your password")}</Heading>
            <Field
              kind="text"
              name="confirmation_code"
              label={`${say("Code")} *`}
              placeholder={say("Code")}
              autoComplete="one-time-code"
            />
            <NewPasswordFields
              passwords={passwords}
              label="New Password"
              placeholders={["New Password", "Confirm Password"]}
            />
          </StepForm>
        </Frame>
      );
  }
}
