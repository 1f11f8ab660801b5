import {
  Alert,
  Button,
  Card,
  Flex,
  Heading,
  Image,
  Loader,
  PasswordField,
  Text,
  TextField,
} from "@aws-amplify/ui-react";
import { Amplify } from "aws-amplify";
import { updatePassword } from "aws-amplify/auth";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, data } from "../../api/client";
import { IMAGE_TYPES, uploadFile } from "../../api/upload";
import type { Profile } from "../../api/types";
import { endSession } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilePicker } from "../../components/FilePicker";
import { limitProps } from "../../components/limit";
import { formatDate } from "../../format";
import { LanguageSelect } from "../../components/LanguageSelect";
import { Page } from "../../components/Page";
import { useI18n, type Translate } from "../../i18n";
import { useSite } from "../../site";
import { DISPLAY_NAME_MAX, useProfile, useUpdateProfile } from "../../api/profile";
import { TwoStepSignIn } from "./TwoStepSignIn";

export function ProfilePage() {
  const { t } = useI18n();
  const profile = useProfile();
  const sections = useSite().capabilities.flatMap(({ ProfileSection }) => (ProfileSection ? [ProfileSection] : []));
  return (
    <Page title={t("profile.title")}>
      <ErrorAlert error={profile.error} title={t("profile.loadFailed")} />
      {profile.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {profile.data && (
        <>
          <Details profile={profile.data} />
          <ChangePassword />
          {sections.map((Section, index) => (
            <Section key={index} />
          ))}
          <TwoStepSignIn profile={profile.data} />
          <DeleteAccount />
        </>
      )}
    </Page>
  );
}

function Avatar({ profile, size = "6rem" }: { profile: Profile; size?: string }) {
  const { t } = useI18n();
  const initial = (profile.display_name || profile.email || "").slice(0, 1).toUpperCase();
  if (profile.profile_image_url) {
    return (
      <Image
        src={profile.profile_image_url}
        alt={t("profile.pictureAlt")}
        width={size}
        height={size}
        className="avatar"
      />
    );
  }
  return (
    <Flex className="avatar avatar-initial" width={size} height={size} aria-hidden="true">
      {initial || (
        <svg viewBox="0 0 24 24" width="50%" height="50%" fill="currentColor">
          <circle cx="12" cy="8" r="4.5" />
          <path d="M3 21c0-4.4 4-7.5 9-7.5s9 3.1 9 7.5z" />
        </svg>
      )}
    </Flex>
  );
}

function Details({ profile }: { profile: Profile }) {
  const { lang, t } = useI18n();
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(profile.display_name ?? "");
  const [saved, setSaved] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const picture = useMutation({
    // public: the picture is served by the CDN to whoever sees the profile
    mutationFn: async (file: File) => {
      setProgress(0);
      const uploaded = await uploadFile(file, { level: "public", folder: "profile" }, setProgress);
      return update.mutateAsync({ profile_image_key: uploaded.key });
    },
    onSettled: () => setProgress(null),
  });

  function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    update.mutate({ display_name: displayName }, { onSuccess: () => setSaved(true) });
  }

  return (
    <Card variation="elevated">
      <Flex direction={{ base: "column", medium: "row" }} gap="large">
        <Flex direction="column" alignItems="center" gap="small" minWidth="12rem">
          <Avatar profile={profile} />
          <FilePicker
            accept={IMAGE_TYPES}
            label={t("profile.changePicture")}
            progress={progress}
            onFile={(file) => picture.mutate(file)}
          />
        </Flex>
        <Flex direction="column" gap="medium" flex="1">
          <Heading level={2}>{t("profile.details")}</Heading>
          <ErrorAlert error={picture.error} title={t("upload.failed")} />
          <dl className="facts">
            {profile.email && (
              <>
                <dt>{t("profile.email")}</dt>
                <dd>{profile.email}</dd>
              </>
            )}
            {profile.phone_number && (
              <>
                <dt>{t("profile.phone")}</dt>
                <dd>{profile.phone_number}</dd>
              </>
            )}
            <dt>{t("profile.memberSince")}</dt>
            <dd>{formatDate(profile.created_at, lang)}</dd>
          </dl>
          <form onSubmit={save}>
            <Flex direction="column" gap="small">
              <TextField
                label={t("profile.displayName")}
                value={displayName}
                {...limitProps(displayName, DISPLAY_NAME_MAX, t("field.display_name"), t)}
                onChange={(event) => {
                  setDisplayName(event.target.value);
                  setSaved(false);
                }}
              />
              <Flex gap="small" alignItems="center">
                <Button type="submit" variation="primary" isLoading={update.isPending && !picture.isPending}>
                  {t("common.save")}
                </Button>
                <div aria-live="polite">{saved && <Text>{t("profile.saved")}</Text>}</div>
              </Flex>
              <ErrorAlert error={picture.isPending ? null : update.error} title={t("profile.notSaved")} />
            </Flex>
          </form>
          <LanguageSelect />
        </Flex>
      </Flex>
    </Card>
  );
}

/** Which field of the password form Cognito's refusal is about, by its exception's name. */
function passwordProblem(error: unknown): "current" | "new" | undefined {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAuthorizedException") return "current"; // the current password is wrong
  if (name === "InvalidPasswordException" || name === "InvalidParameterException") return "new";
  return undefined;
}

/** The pool's password rules (amplify_outputs.json, through Amplify's config), in words. */
function passwordRules(t: Translate): string | undefined {
  const format = Amplify.getConfig().Auth?.Cognito.passwordFormat;
  if (!format) return undefined;
  const rules = [
    t("password.rule.length", { min: format.minLength ?? 8 }),
    ...(format.requireLowercase ? [t("password.rule.lowercase")] : []),
    ...(format.requireUppercase ? [t("password.rule.uppercase")] : []),
    ...(format.requireNumbers ? [t("password.rule.digit")] : []),
    ...(format.requireSpecialCharacters ? [t("password.rule.symbol")] : []),
  ];
  return t("password.rules", { rules: rules.join(", ") });
}

function ChangePassword() {
  const { t } = useI18n();
  const [form, setForm] = useState({ oldPassword: "", newPassword: "", confirm: "" });
  const change = useMutation({
    mutationFn: () =>
      updatePassword({ oldPassword: form.oldPassword, newPassword: form.newPassword }),
    onSuccess: () => setForm({ oldPassword: "", newPassword: "", confirm: "" }),
  });
  const mismatch = form.confirm !== "" && form.confirm !== form.newPassword;
  const problem = passwordProblem(change.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!mismatch) change.mutate();
  }

  return (
    <Card variation="elevated">
      <form onSubmit={submit}>
        <Flex direction="column" gap="small">
          <Heading level={2}>{t("password.title")}</Heading>
          <PasswordField
            label={t("password.current")}
            autoComplete="current-password"
            isRequired
            hasError={problem === "current"}
            errorMessage={t("password.wrongCurrent")}
            value={form.oldPassword}
            onChange={(event) => setForm({ ...form, oldPassword: event.target.value })}
          />
          <PasswordField
            label={t("password.new")}
            autoComplete="new-password"
            isRequired
            descriptiveText={passwordRules(t)}
            hasError={problem === "new"}
            errorMessage={t("password.weak")}
            value={form.newPassword}
            onChange={(event) => setForm({ ...form, newPassword: event.target.value })}
          />
          <PasswordField
            label={t("password.confirm")}
            autoComplete="new-password"
            isRequired
            value={form.confirm}
            hasError={mismatch}
            errorMessage={t("password.mismatch")}
            onChange={(event) => setForm({ ...form, confirm: event.target.value })}
          />
          <Flex gap="small" alignItems="center">
            <Button type="submit" isLoading={change.isPending} isDisabled={mismatch}>
              {t("password.change")}
            </Button>
            <div aria-live="polite">{change.isSuccess && <Text>{t("password.changed")}</Text>}</div>
          </Flex>
          {/* A refusal about one field is said at that field. */}
          <ErrorAlert error={problem ? null : change.error} title={t("password.notChanged")} />
        </Flex>
      </form>
    </Card>
  );
}

function DeleteAccount() {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useMutation({
    mutationFn: async () => {
      await data(api().DELETE("/me"));
      await endSession("deleted");
    },
  });
  useEffect(() => {
    if (remove.isError) dialog.current?.close();
  }, [remove.isError]);
  return (
    <Card variation="elevated" className="danger-zone">
      <Flex direction="column" gap="small" alignItems="flex-start">
        <Heading level={2}>{t("account.delete")}</Heading>
        <Text>{t("account.deleteExplained")}</Text>
        <Button variation="destructive" onClick={() => dialog.current?.showModal()}>
          {t("account.deleteButton")}
        </Button>
        <ErrorAlert error={remove.error} title={t("account.notDeleted")} />
      </Flex>
      <dialog ref={dialog} aria-labelledby="delete-title" className="dialog">
        <Flex direction="column" gap="medium">
          <Heading level={2} id="delete-title">
            {t("account.confirmTitle")}
          </Heading>
          <Alert variation="warning" hasIcon>
            {t("account.confirmText")}
          </Alert>
          <Flex gap="small" justifyContent="flex-end" wrap="wrap">
            <Button onClick={() => dialog.current?.close()} autoFocus>
              {t("common.cancel")}
            </Button>
            <Button
              variation="destructive"
              isLoading={remove.isPending}
              loadingText={t("account.deleting")}
              onClick={() => remove.mutate()}
            >
              {t("account.confirmButton")}
            </Button>
          </Flex>
        </Flex>
      </dialog>
    </Card>
  );
}
