// The profile as the web app has it: picture (from the photo library or the camera), display name
// and language, saved through PATCH /me; signing out; deleting the account.
import { useMutation } from "@tanstack/react-query";
import * as ImagePicker from "expo-image-picker";
import { Redirect, Stack } from "expo-router";
import { useState } from "react";
import { Image, View } from "react-native";
import { api, data } from "@web/api/client";
import { DISPLAY_NAME_MAX, useProfile, useUpdateProfile } from "@web/api/profile";
import type { Profile } from "@web/api/types";
import { uploadFile } from "@web/api/upload";
import { endSession, useSession } from "@web/auth/session";
import { asFile } from "../src/files";
import { LANGUAGES, useI18n, type Language } from "../src/i18n";
import { Button, ErrorText, Field, Heading, Muted, Screen, styles } from "../src/ui";

export default function ProfileScreen() {
  const session = useSession();
  const { t } = useI18n();
  const profile = useProfile();
  if (session.status === "signedOut") return <Redirect href="/sign-in" />;
  return (
    <Screen>
      <Stack.Screen options={{ title: t("profile.title") }} />
      <ErrorText error={profile.error} title={t("profile.loadFailed")} />
      {profile.data && <Details key={profile.data.id} profile={profile.data} />}
      <Button kind="plain" label={t("nav.signOut")} onPress={() => void endSession()} />
      <DeleteAccount />
    </Screen>
  );
}

/** A picture from the library or, where the device has one, the camera: images the API takes. */
async function pickPicture(camera: boolean): Promise<ImagePicker.ImagePickerAsset | null> {
  const options: ImagePicker.ImagePickerOptions = { mediaTypes: ["images"], quality: 0.8 };
  if (camera) {
    const permission = await ImagePicker.requestCameraPermissionsAsync();
    if (!permission.granted) return null;
  }
  const picked = camera
    ? await ImagePicker.launchCameraAsync(options)
    : await ImagePicker.launchImageLibraryAsync(options);
  return picked.canceled ? null : (picked.assets[0] ?? null);
}

function Details({ profile }: { profile: Profile }) {
  const { lang, setLang, t } = useI18n();
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(profile.display_name ?? "");
  const [saved, setSaved] = useState(false);
  const picture = useMutation({
    // public: the picture is served by the CDN to whoever sees the profile
    mutationFn: async (camera: boolean) => {
      const asset = await pickPicture(camera);
      if (!asset) return null;
      const file = asFile(asset);
      const uploaded = await uploadFile(file, { level: "public", folder: "profile" });
      return update.mutateAsync({ profile_image_key: uploaded.key });
    },
  });
  const chooseLanguage = (next: Language) => {
    setLang(next);
    update.mutate({ lang: next });
  };
  return (
    <View style={styles.card}>
      <View style={[styles.row, { justifyContent: "center" }]}>
        {profile.profile_image_url ? (
          <Image
            source={{ uri: profile.profile_image_url }}
            accessibilityLabel={t("profile.pictureAlt")}
            style={{ width: 112, height: 112, borderRadius: 56 }}
          />
        ) : null}
      </View>
      <View style={styles.row}>
        <Button kind="plain" label={t("profile.changePicture")} busy={picture.isPending} onPress={() => picture.mutate(false)} />
        <Button kind="plain" label={t("profile.takePicture")} onPress={() => picture.mutate(true)} />
      </View>
      <ErrorText error={picture.error} title={t("upload.failed")} />
      <Muted>{profile.email ?? profile.phone_number}</Muted>
      <Field
        label={t("profile.displayName")}
        value={displayName}
        maxLength={DISPLAY_NAME_MAX}
        onChangeText={(text) => {
          setDisplayName(text);
          setSaved(false);
        }}
      />
      <Button
        label={t("common.save")}
        busy={update.isPending && !picture.isPending}
        onPress={() => update.mutate({ display_name: displayName }, { onSuccess: () => setSaved(true) })}
      />
      {saved && <Muted>{t("profile.saved")}</Muted>}
      <ErrorText error={picture.isPending ? null : update.error} title={t("profile.notSaved")} />
      <Heading>{t("language.label")}</Heading>
      <View style={styles.row}>
        {(Object.keys(LANGUAGES) as Language[]).map((code) => (
          <Button key={code} kind={code === lang ? "primary" : "plain"} label={LANGUAGES[code]} onPress={() => chooseLanguage(code)} />
        ))}
      </View>
    </View>
  );
}

function DeleteAccount() {
  const { t } = useI18n();
  const [asked, setAsked] = useState(false);
  const remove = useMutation({
    mutationFn: async () => {
      await data(api().DELETE("/me"));
      await endSession("deleted");
    },
  });
  return (
    <View style={styles.card}>
      <Heading>{t("account.delete")}</Heading>
      <Muted>{t(asked ? "account.confirmText" : "account.deleteExplained")}</Muted>
      {asked ? (
        <View style={styles.row}>
          <Button kind="danger" label={t("account.confirmButton")} busy={remove.isPending} onPress={() => remove.mutate()} />
          <Button kind="plain" label={t("common.cancel")} onPress={() => setAsked(false)} />
        </View>
      ) : (
        <Button kind="danger" label={t("account.deleteButton")} onPress={() => setAsked(true)} />
      )}
      <ErrorText error={remove.error} title={t("account.notDeleted")} />
    </View>
  );
}
