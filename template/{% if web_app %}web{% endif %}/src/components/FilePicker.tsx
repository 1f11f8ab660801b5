// Choosing a file: a drop zone and a button (keyboard and screen readers use the button), with
// the upload's progress announced while it runs.
import { Button, DropZone, Flex, Loader, Text, VisuallyHidden } from "@aws-amplify/ui-react";
import { useRef } from "react";
import { useI18n } from "../i18n";

export function FilePicker({
  accept,
  label,
  hint,
  progress,
  onFile,
}: {
  accept: readonly string[];
  label: string;
  hint?: string;
  progress: number | null;
  onFile: (file: File) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const busy = progress !== null;
  const percent = Math.round((progress ?? 0) * 100);
  return (
    <Flex direction="column" gap="small">
      <DropZone
        acceptedFileTypes={[...accept]}
        isDisabled={busy}
        onDropComplete={({ acceptedFiles, rejectedFiles }) => {
          const file = acceptedFiles[0] ?? rejectedFiles[0];
          if (file) onFile(file);
        }}
      >
        <Flex direction="column" alignItems="center" gap="small">
          <Text>{t("upload.drop")}</Text>
          <Button isDisabled={busy} onClick={() => input.current?.click()}>
            {label}
          </Button>
          {hint && (
            <Text variation="tertiary" fontSize="small">
              {hint}
            </Text>
          )}
        </Flex>
        <VisuallyHidden>
          <input
            ref={input}
            type="file"
            tabIndex={-1}
            aria-label={label}
            accept={accept.join(",")}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = ""; // the same file can be chosen again
              if (file) onFile(file);
            }}
          />
        </VisuallyHidden>
      </DropZone>
      <div aria-live="polite">
        {busy && (
          <Flex direction="column" gap="xxs">
            <Text fontSize="small">{t("upload.progress", { percent })}</Text>
            <Loader variation="linear" percentage={percent} isDeterminate isPercentageTextHidden />
          </Flex>
        )}
      </div>
    </Flex>
  );
}
