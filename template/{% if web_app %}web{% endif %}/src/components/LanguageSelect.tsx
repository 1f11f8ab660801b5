// The language switch: changes the app (and the Authenticator) at once and, when someone is
// signed in to the users' app, remembers the choice in their profile (`lang`, PATCH /me).
import { SelectField } from "@aws-amplify/ui-react";
import { useSession } from "../auth/session";
import { isLanguage, LANGUAGES, useI18n } from "../i18n";
import { useUpdateProfile } from "../api/profile";
import { useSite } from "../site";
import { ErrorAlert } from "./ErrorAlert";

export function LanguageSelect({ labelHidden = false }: { labelHidden?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const session = useSession();
  const { admin } = useSite();
  const update = useUpdateProfile();
  return (
    <>
      <SelectField
        label={t("language.label")}
        labelHidden={labelHidden}
        size="small"
        value={lang}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLanguage(next)) return;
          setLang(next);
          if (session.status === "signedIn" && !admin) update.mutate({ lang: next });
        }}
      >
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={update.error} title={t("language.notSaved")} />
    </>
  );
}
