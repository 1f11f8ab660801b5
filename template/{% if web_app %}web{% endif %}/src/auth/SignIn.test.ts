import type { ResetPasswordInput, SignUpInput, SignUpOutput } from "aws-amplify/auth";
import { describe, expect, it } from "vitest";
import { inLanguage, loginMechanisms, SIGNUP_META, signUpWithMeta } from "./SignIn";

describe("signUpWithMeta", () => {
  async function sent(username: string) {
    const calls: SignUpInput[] = [];
    const send = async (input: SignUpInput) => {
      calls.push(input);
      return { isSignUpComplete: false } as SignUpOutput;
    };
    await signUpWithMeta("ko", send)({
      username,
      password: "pw",
      options: { userAttributes: { email: "ana@example.com" }, autoSignIn: true },
    });
    return calls[0] as SignUpInput;
  }

  it("adds the sign-up metadata the post-confirmation trigger reads, keeping the rest", async () => {
    const input = await sent("ana@example.com");
    expect(input.options?.autoSignIn).toBe(true);
    expect(input.options?.userAttributes?.email).toBe("ana@example.com");
    const meta = JSON.parse(input.options?.userAttributes?.[SIGNUP_META] as string);
    expect(meta).toEqual({ signup_type: "email", lang: "ko" });
  });

  it("says phone for a phone number", async () => {
    const input = await sent("+821012345678");
    expect(JSON.parse(input.options?.userAttributes?.[SIGNUP_META] as string).signup_type).toBe("phone");
  });
});

describe("loginMechanisms", () => {
  it("follows the pool's username attributes", () => {
    expect(loginMechanisms(["email"])).toEqual(["email"]);
    expect(loginMechanisms(["phone_number"])).toEqual(["phone_number"]);
    expect(loginMechanisms(["email", "phone_number"])).toEqual(["email", "phone_number"]);
  });
});

describe("inLanguage", () => {
  it("names the language shown in the client metadata, keeping the rest", async () => {
    const calls: ResetPasswordInput[] = [];
    const send = async (input: ResetPasswordInput) => {
      calls.push(input);
      return "sent";
    };
    await inLanguage("ko", send)({ username: "ana@example.com", options: { clientMetadata: { source: "web" } } });
    await inLanguage("en", send)({ username: "bo@example.com" });
    expect(calls).toEqual([
      { username: "ana@example.com", options: { clientMetadata: { source: "web", lang: "ko" } } },
      { username: "bo@example.com", options: { clientMetadata: { lang: "en" } } },
    ]);
  });
});
