// The profile's chat setting: whether others may find you by your display name (off until the
// user turns it on; backend routes/chat.py never shows anyone's e-mail or phone number).
import { Card, Flex, Heading, SwitchField, Text } from "@aws-amplify/ui-react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { useChatSettings, useUpdateChatSettings } from "./queries";

export function FindableSetting() {
  const { t } = useI18n();
  const settings = useChatSettings();
  const update = useUpdateChatSettings();
  const findable = settings.data?.findable ?? false;
  return (
    <Card variation="elevated">
      <Flex direction="column" gap="small">
        <Heading level={2}>{t("chat.findableTitle")}</Heading>
        <SwitchField
          label={t("chat.findable")}
          isChecked={findable}
          isDisabled={!settings.data || update.isPending}
          onChange={(event) => update.mutate(event.target.checked)}
        />
        <Text variation="secondary">{t("chat.findableHint")}</Text>
        <ErrorAlert error={settings.error ?? update.error} title={t("chat.findableNotSaved")} />
      </Flex>
    </Card>
  );
}
