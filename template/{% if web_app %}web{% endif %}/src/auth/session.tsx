// Who is signed in, for the whole app: Amplify's current user, kept up to date by its auth
// events (the Authenticator signing in, signOut, a refresh token that no longer works).
import { getCurrentUser, signOut, type AuthUser } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { Hub } from "aws-amplify/utils";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { SessionEnd } from "../api/client";

export type Session =
  | { status: "loading" }
  | { status: "signedOut"; ended?: SessionEnd } // `ended`: why the app signed the user out
  | { status: "signedIn"; user: AuthUser };

let ending: SessionEnd | undefined;

const Context = createContext<Session>({ status: "loading" });

export function SessionProvider({
  children,
  onSignedOut,
}: {
  children: ReactNode;
  onSignedOut?: () => void;
}) {
  const [session, setSession] = useState<Session>({ status: "loading" });
  useEffect(() => {
    const refresh = () =>
      getCurrentUser().then(
        (user) => setSession({ status: "signedIn", user }),
        () => setSession({ status: "signedOut" }),
      );
    const stop = Hub.listen("auth", ({ payload }) => {
      if (payload.event === "signedIn") {
        ending = undefined;
        void refresh();
      }
      if (payload.event === "signedOut") {
        // (kept until the next sign-in: several refused calls may each sign out)
        setSession({ status: "signedOut", ended: ending });
        onSignedOut?.();
      }
      // The session expired: sign out locally, back to the sign-in form.
      if (payload.event === "tokenRefresh_failure") void endSession("expired");
    });
    void refresh();
    return stop;
  }, [onSignedOut]);
  return <Context.Provider value={session}>{children}</Context.Provider>;
}

export function useSession(): Session {
  return useContext(Context);
}

/** The id token the API's authorizer wants, refreshed by Amplify when it is about to expire.
 * Only the user pool's tokens: the app needs no identity-pool credentials (uploads go through
 * the API's presigned forms), which fetchAuthSession would also fetch on every call. */
export async function idToken(): Promise<string | undefined> {
  const tokens = await cognitoUserPoolsTokenProvider.getTokens();
  return tokens?.idToken?.toString();
}

/** Sign out on this device: the user asked, or the API refused the session (`reason`, which the
 * sign-in form then tells). */
export async function endSession(reason?: SessionEnd): Promise<void> {
  ending = reason;
  await signOut();
}
