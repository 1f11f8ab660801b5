// A button that asks before it acts: in its place, the question, a button to go ahead and one to
// cancel. `onConfirm` gets a function that closes the question (on success, say).
import { Button, Flex, Text, type ButtonProps } from "@aws-amplify/ui-react";
import { useState } from "react";
import { useI18n } from "../i18n";

export interface ConfirmProps {
  label: string;
  /** The button's accessible name, where its label alone does not say what it acts on. */
  ariaLabel?: string;
  question: string;
  yes: string;
  variation?: ButtonProps["variation"];
  yesVariation?: ButtonProps["variation"];
  pending: boolean;
  pendingText?: string;
  onOpen?: () => void;
  onConfirm: (close: () => void) => void;
}

export function Confirm({
  label,
  ariaLabel,
  question,
  yes,
  variation = "warning",
  yesVariation = "destructive",
  pending,
  pendingText,
  onOpen,
  onConfirm,
}: ConfirmProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button
        size="small"
        variation={variation}
        aria-label={ariaLabel}
        onClick={() => {
          onOpen?.();
          setConfirming(true);
        }}
      >
        {label}
      </Button>
    );
  }
  return (
    // The question names the group its buttons are in; the focus moves to the harmless choice.
    <Flex gap="xs" wrap="wrap" alignItems="center" role="group" aria-label={question}>
      <Text>{question}</Text>
      <Button
        size="small"
        variation={yesVariation}
        isLoading={pending}
        loadingText={pendingText}
        onClick={() => onConfirm(() => setConfirming(false))}
      >
        {yes}
      </Button>
      <Button size="small" autoFocus onClick={() => setConfirming(false)}>
        {t("common.cancel")}
      </Button>
    </Flex>
  );
}
