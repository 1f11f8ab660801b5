// What every sign-up and code sends with it, in the web app and the mobile app alike: the sign-up
// metadata that the post-confirmation trigger copies into the profile, and the language shown
// with every call that makes Cognito send a code.
import { signUp, type SignUpInput, type SignUpOutput } from "aws-amplify/auth";
import type { Language } from "../i18n/messages";

// infra config.SIGNUP_META_ATTRIBUTE, read by backend profiles.py (the new profile)
export const SIGNUP_META = "custom:signup_meta";

/** Amplify's signUp with the sign-up metadata: how the user signed up and their language. */
export function signUpWithMeta(
  lang: Language,
  send: (input: SignUpInput) => Promise<SignUpOutput> = signUp,
): (input: SignUpInput) => Promise<SignUpOutput> {
  return (input) => {
    const meta = { signup_type: input.username.startsWith("+") ? "phone" : "email", lang };
    return send({
      ...input,
      options: {
        ...input.options,
        userAttributes: { ...input.options?.userAttributes, [SIGNUP_META]: JSON.stringify(meta) },
      },
    });
  };
}

/** An Amplify call that also names the language shown (clientMetadata.lang): Cognito's custom
 * message trigger writes the code it sends in that language, whatever the user chose at sign-up
 * (backend triggers/custom_message.py). */
export function inLanguage<Input extends { options?: { clientMetadata?: Record<string, string> } }, Output>(
  lang: Language,
  send: (input: Input) => Promise<Output>,
): (input: Input) => Promise<Output> {
  return (input) =>
    send({ ...input, options: { ...input.options, clientMetadata: { ...input.options?.clientMetadata, lang } } });
}
