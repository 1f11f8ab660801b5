// The few building blocks every screen uses, with the roles and labels that screen readers (and
// the browser tests, over the web build) find them by.
import type { ReactNode } from "react";
import {
  ActivityIndicator,
  Pressable,
  ScrollView,
  StyleSheet,
  Text,
  TextInput,
  View,
  type TextInputProps,
} from "react-native";
import { errorMessage } from "@web/components/errorMessage";
import { useI18n } from "./i18n";

export const colors = { brand: "#2f5bd3", text: "#1d2433", muted: "#5b6475", error: "#b3261e", line: "#d5d9e2" };

export function Screen({ children }: { children: ReactNode }) {
  return (
    <ScrollView contentContainerStyle={styles.screen} keyboardShouldPersistTaps="handled">
      {children}
    </ScrollView>
  );
}

/** A heading inside a screen: the header above it is the screen's own (level 1, its title). */
export function Heading({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  return (
    <Text role="heading" aria-level={level} style={level === 2 ? styles.h2 : styles.h3}>
      {children}
    </Text>
  );
}

export function Field({ label, ...input }: { label: string } & TextInputProps) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput aria-label={label} style={styles.input} autoCapitalize="none" {...input} />
    </View>
  );
}

export function Button({
  label,
  onPress,
  busy = false,
  kind = "primary",
}: {
  label: string;
  onPress: () => void;
  busy?: boolean;
  kind?: "primary" | "plain" | "danger";
}) {
  return (
    <Pressable
      role="button"
      aria-label={label}
      aria-busy={busy}
      disabled={busy}
      onPress={onPress}
      style={[styles.button, kind !== "primary" && styles.plainButton, kind === "danger" && styles.dangerButton]}
    >
      {busy ? <ActivityIndicator color={kind === "primary" ? "#fff" : colors.brand} /> : null}
      <Text style={[styles.buttonText, kind !== "primary" && styles.plainText, kind === "danger" && styles.dangerText]}>
        {label}
      </Text>
    </Pressable>
  );
}

/** A failed call in the user's language (web's errorMessage), or nothing. */
export function ErrorText({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <View role="alert" style={styles.error}>
      <Text style={styles.errorTitle}>{title ?? t("error.title")}</Text>
      <Text style={styles.errorText}>{errorMessage(error, t)}</Text>
    </View>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <Text style={styles.muted}>{children}</Text>;
}

export const styles = StyleSheet.create({
  screen: { padding: 20, gap: 14, maxWidth: 640, width: "100%", alignSelf: "center" },
  h2: { fontSize: 24, fontWeight: "700", color: colors.text },
  h3: { fontSize: 18, fontWeight: "600", color: colors.text, marginTop: 8 },
  field: { gap: 4 },
  label: { fontSize: 14, fontWeight: "600", color: colors.text },
  input: {
    borderWidth: 1,
    borderColor: colors.line,
    borderRadius: 8,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 16,
    color: colors.text,
    backgroundColor: "#fff",
  },
  button: {
    flexDirection: "row",
    gap: 8,
    justifyContent: "center",
    alignItems: "center",
    backgroundColor: colors.brand,
    borderRadius: 8,
    paddingVertical: 12,
    paddingHorizontal: 16,
  },
  plainButton: { backgroundColor: "transparent", borderWidth: 1, borderColor: colors.line },
  dangerButton: { borderColor: colors.error },
  buttonText: { color: "#fff", fontSize: 16, fontWeight: "600" },
  plainText: { color: colors.brand },
  dangerText: { color: colors.error },
  error: { borderLeftWidth: 4, borderLeftColor: colors.error, backgroundColor: "#fdecea", padding: 10, gap: 2 },
  errorTitle: { fontWeight: "700", color: colors.error },
  errorText: { color: colors.text },
  muted: { color: colors.muted },
  row: { flexDirection: "row", gap: 10, alignItems: "center", flexWrap: "wrap" },
  card: { borderWidth: 1, borderColor: colors.line, borderRadius: 10, padding: 12, gap: 6, backgroundColor: "#fff" },
});
