// Two-step sign-in with an authenticator app (TOTP), where the user pool has MFA: set it up (QR
// code and the key as text), see that it is on, turn it off where the pool leaves it optional.
// Cognito applies no MFA to users of a social provider (their provider signs them in), so they
// are not offered it: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
import { Button, Card, Flex, Heading, Image, Text, TextField } from "@aws-amplify/ui-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Amplify } from "aws-amplify";
import {
  fetchMFAPreference,
  setUpTOTP,
  updateMFAPreference,
  verifyTOTPSetup,
} from "aws-amplify/auth";
import QRCode from "qrcode";
import { useState, type FormEvent } from "react";
import type { Profile } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { PROJECT_NAME } from "../../project";

const PREFERENCE = ["mfa-preference"];
const PASSWORD_SIGN_UPS = ["email", "phone"]; // the others came through a social provider

export function TwoStepSignIn({ profile }: { profile: Profile }) {
  const mfa = Amplify.getConfig().Auth?.Cognito.mfa;
  if (!mfa?.totpEnabled || mfa.status === "off") return null;
  if (!PASSWORD_SIGN_UPS.includes(profile.signup_type)) return null;
  return (
    <AuthenticatorApp
      required={mfa.status === "on"}
      account={profile.email ?? profile.phone_number ?? profile.id}
    />
  );
}

function AuthenticatorApp({ required, account }: { required: boolean; account: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const preference = useQuery({ queryKey: PREFERENCE, queryFn: () => fetchMFAPreference() });
  const [code, setCode] = useState("");
  const changed = () => queryClient.invalidateQueries({ queryKey: PREFERENCE });
  const setUp = useMutation({
    mutationFn: async () => {
      const details = await setUpTOTP();
      const uri = details.getSetupUri(PROJECT_NAME, account).href;
      return { key: details.sharedSecret, qrCode: await QRCode.toDataURL(uri, { margin: 1 }) };
    },
  });
  const confirm = useMutation({
    mutationFn: async () => {
      await verifyTOTPSetup({ code });
      await updateMFAPreference({ totp: "PREFERRED" });
    },
    onSuccess: async () => {
      setUp.reset();
      setCode("");
      await changed();
    },
  });
  const turnOff = useMutation({
    mutationFn: () => updateMFAPreference({ totp: "DISABLED" }),
    onSuccess: changed,
  });
  // Where the pool requires it, every account set it up at its first sign-in.
  const on = required || (preference.data?.enabled ?? []).includes("TOTP");
  const wrongCode = confirm.error?.name === "CodeMismatchException";

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate();
  }

  return (
    <Card variation="elevated">
      <Flex direction="column" gap="small" alignItems="flex-start">
        <Heading level={2}>{t("mfa.title")}</Heading>
        <div aria-live="polite">
          {(required || preference.isSuccess) && (
            <Text>{on ? t(required ? "mfa.required" : "mfa.on") : t("mfa.off")}</Text>
          )}
        </div>
        <ErrorAlert error={preference.error} title={t("mfa.loadFailed")} />
        {!on && preference.isSuccess && !setUp.data && (
          <Button onClick={() => setUp.mutate()} isLoading={setUp.isPending}>
            {t("mfa.setUp")}
          </Button>
        )}
        <ErrorAlert error={setUp.error} title={t("mfa.notSetUp")} />
        {setUp.data && (
          <form onSubmit={submit} className="totp-setup">
            <Flex direction="column" gap="small" alignItems="flex-start">
              <Text>{t("mfa.scan")}</Text>
              <Image src={setUp.data.qrCode} alt={t("mfa.qrCode")} width="12rem" height="12rem" />
              <Text>{t("mfa.key")}</Text>
              <code className="totp-key">{setUp.data.key}</code>
              <TextField
                label={t("mfa.code")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                isRequired
                value={code}
                hasError={wrongCode}
                errorMessage={t("mfa.wrongCode")}
                onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
              />
              <Flex gap="small" wrap="wrap">
                <Button type="submit" variation="primary" isLoading={confirm.isPending}>
                  {t("mfa.turnOn")}
                </Button>
                <Button onClick={() => setUp.reset()}>{t("common.cancel")}</Button>
              </Flex>
              <ErrorAlert error={wrongCode ? null : confirm.error} title={t("mfa.notSetUp")} />
            </Flex>
          </form>
        )}
        {on && !required && (
          <Button onClick={() => turnOff.mutate()} isLoading={turnOff.isPending}>
            {t("mfa.turnOff")}
          </Button>
        )}
        <ErrorAlert error={turnOff.error} title={t("mfa.notTurnedOff")} />
      </Flex>
    </Card>
  );
}
