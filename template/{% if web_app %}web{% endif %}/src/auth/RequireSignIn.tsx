import { useEffect } from "react";
import { Navigate, Outlet } from "react-router";
import { isLanguage, useI18n } from "../i18n";
import { useProfile } from "../api/profile";
import { Loading } from "../components/Loading";
import { useSite } from "../site";
import type { Outputs } from "./config";
import { useSession } from "./session";
import { SignIn } from "./SignIn";

/** The routes inside, for signed-in users; the sign-in form in their place for anyone else. */
export function RequireSignIn({ outputs }: { outputs: Outputs }) {
  const session = useSession();
  const { admin, capabilities } = useSite();
  const { t } = useI18n();
  if (session.status === "loading") {
    return <Loading label={t("common.loading")} />;
  }
  if (session.status === "signedOut") return <SignIn outputs={outputs} />;
  return capabilities.reduce(
    (inner, { SignedInFrame }) =>
      SignedInFrame ? <SignedInFrame outputs={outputs}>{inner}</SignedInFrame> : inner,
    <>
      {!admin && <ProfileLanguage />}
      <Outlet />
    </>,
  );
}

/** The language remembered in the profile wins once it is loaded (the users' app: the admin
 * console's pool has no profiles). */
function ProfileLanguage() {
  const profile = useProfile();
  const { setLang } = useI18n();
  const lang = profile.data?.lang;
  useEffect(() => {
    if (isLanguage(lang)) setLang(lang);
  }, [lang, setLang]);
  return null;
}

/** Back from the hosted UI: Amplify finishes the sign-in from the URL (when it configures), then
 * home, which shows the sign-in form again if that failed. */
export function OAuthReturn() {
  const session = useSession();
  const { t } = useI18n();
  if (session.status !== "loading") return <Navigate to="/" replace />;
  return <Loading label={t("signIn.finishing")} />;
}
