// Sign-in, sign-up, confirmation and password reset: the app's forms (./Authenticator), configured
// by amplify_outputs.json (what users sign in with, password rules, social providers) and sending
// the sign-up metadata that the post-confirmation trigger copies into the profile, and the language
// shown with every call that makes Cognito send a code.
import { Alert, Flex, Heading } from "@aws-amplify/ui-react";
import { confirmResetPassword, resendSignUpCode, resetPassword } from "aws-amplify/auth";
import { useState } from "react";
import { Choice } from "../components/Choice";
import type { SessionEnd } from "../api/client";
import { useI18n, type MessageKey } from "../i18n";
import { PROJECT_NAME } from "../project";
import { useSite } from "../site";
import { Authenticator, type LoginMechanism } from "./Authenticator";
import type { Outputs } from "./config";
import { inLanguage, signUpWithMeta } from "./metadata";
import { OidcSignIn } from "./OidcSignIn";
import { useSession } from "./session";

export { inLanguage, SIGNUP_META, signUpWithMeta } from "./metadata";

/** What users may sign in with, from the file's username_attributes. */
export function loginMechanisms(usernameAttributes: readonly string[]): LoginMechanism[] {
  return usernameAttributes.filter(
    (name): name is LoginMechanism => name === "email" || name === "phone_number",
  );
}

// Why the app signed the user out, said on the sign-in form.
const ENDED: Record<SessionEnd, { message: MessageKey; variation: "warning" | "info" }> = {
  expired: { message: "error.signedOut", variation: "warning" },
  disabled: { message: "error.account_disabled", variation: "warning" },
  deleted: { message: "signIn.accountDeleted", variation: "info" },
};

export function SignIn({ outputs }: { outputs: Outputs }) {
  const { lang, t } = useI18n();
  const { admin } = useSite();
  const session = useSession();
  const ended = session.status === "signedOut" ? session.ended : undefined;
  const mechanisms = loginMechanisms(outputs.auth.username_attributes);
  const [mechanism, setMechanism] = useState<LoginMechanism>(mechanisms[0] ?? "email");
  const [passwordReset, setPasswordReset] = useState(false);
  // Above the form on both tabs.
  const social = (
    <OidcSignIn providers={outputs.custom.oidc_providers ?? []} social={outputs.auth.oauth?.identity_providers} />
  );
  return (
    <Flex direction="column" alignItems="center" gap="medium" paddingBlock="xl">
      <Heading level={1}>{t(admin ? "admin.signInTitle" : "signIn.title", { name: PROJECT_NAME })}</Heading>
      {ended && (
        <Alert variation={ENDED[ended].variation} role={ENDED[ended].variation === "info" ? "status" : "alert"}>
          {t(ENDED[ended].message, { name: PROJECT_NAME })}
        </Alert>
      )}
      {passwordReset && !ended && (
        <Alert variation="success" role="status">
          {t("signIn.passwordReset")}
        </Alert>
      )}
      {mechanisms.length > 1 && (
        <Choice
          label={t("signIn.with")}
          value={mechanism}
          options={{ email: t("signIn.withEmail"), phone_number: t("signIn.withPhone") }}
          onChange={setMechanism}
        />
      )}
      {/* A new form per language and login mechanism. */}
      <Authenticator
        key={`${mechanism}-${lang}`}
        loginMechanism={mechanism}
        hideSignUp={admin} // administrators are created by an operator (`make user ADMIN=1`)
        header={social}
        onPasswordReset={() => setPasswordReset(true)}
        services={{
          signUp: inLanguage(lang, signUpWithMeta(lang)),
          resendSignUpCode: inLanguage(lang, resendSignUpCode),
          resetPassword: inLanguage(lang, resetPassword),
          confirmResetPassword,
        }}
      />
    </Flex>
  );
}
