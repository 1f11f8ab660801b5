// The user's files as the web app has them (web's queries): upload through the API's presigned
// form at the level chosen, list, open, delete.
import * as DocumentPicker from "expo-document-picker";
import { Redirect, router, Stack } from "expo-router";
import { useState } from "react";
import { Linking, Text, View } from "react-native";
import { ACCEPTED_TYPES } from "@web/api/upload";
import { useSession } from "@web/auth/session";
import { LEVELS, useDeleteFile, useFiles, useUpload, type Level } from "@web/features/files/queries";
import { formatBytes } from "@web/format";
import { asFile } from "../src/files";
import { useI18n } from "../src/i18n";
import { Button, ErrorText, Heading, Muted, Screen, styles } from "../src/ui";

export default function FilesScreen() {
  const session = useSession();
  const { t } = useI18n();
  const files = useFiles();
  const upload = useUpload("uploads");
  const remove = useDeleteFile();
  const [level, setLevel] = useState<Level>("private");
  if (session.status === "signedOut") return <Redirect href="/sign-in" />;

  async function choose() {
    const picked = await DocumentPicker.getDocumentAsync({ type: [...ACCEPTED_TYPES] });
    const asset = picked.canceled ? undefined : picked.assets[0];
    if (asset) upload.mutate({ file: asFile(asset), level });
  }

  return (
    <Screen>
      <Stack.Screen options={{ title: t("files.title") }} />
      <View style={styles.row}>
        <Button kind="plain" label={t("nav.profile")} onPress={() => router.push("/profile")} />
      </View>
      <Muted>{t("files.who")}</Muted>
      <View style={styles.row}>
        {LEVELS.map((each) => (
          <Button key={each} kind={each === level ? "primary" : "plain"} label={t(`files.level.${each}`)} onPress={() => setLevel(each)} />
        ))}
      </View>
      <Button label={t("files.choose")} busy={upload.isPending} onPress={() => void choose()} />
      {upload.progress !== null && <Muted>{t("upload.progress", { percent: Math.round(upload.progress * 100) })}</Muted>}
      <Muted>{t("files.hint")}</Muted>
      <ErrorText error={upload.error} title={t("upload.failed")} />
      <Heading>{t("files.list")}</Heading>
      <ErrorText error={files.error} title={t("files.loadFailed")} />
      <ErrorText error={remove.error} title={t("files.deleteFailed")} />
      {files.data?.length === 0 && <Muted>{t("files.empty")}</Muted>}
      <View role="list" aria-label={t("files.list")} style={{ gap: 8 }}>
        {files.data?.map((file) => (
          <View role="listitem" key={file.key} style={styles.card}>
            <Text style={{ fontWeight: "600" }}>{file.name}</Text>
            <Muted>
              {file.content_type} · {formatBytes(file.size)} · {t(`files.level.${file.level}`)}
            </Muted>
            {file.taken_down ? (
              <Muted>{t("files.takenDown")}</Muted>
            ) : (
              <View style={styles.row}>
                <Button kind="plain" label={t("files.open", { name: file.name })} onPress={() => void Linking.openURL(file.url)} />
                <Button
                  kind="danger"
                  label={t("files.deleteOne", { name: file.name })}
                  busy={remove.isPending && remove.variables === file.key}
                  onPress={() => remove.mutate(file.key)}
                />
              </View>
            )}
          </View>
        ))}
      </View>
    </Screen>
  );
}
