import {
  Badge,
  Button,
  Card,
  Flex,
  Grid,
  Image,
  Loader,
  Radio,
  RadioGroupField,
  Text,
  VisuallyHidden,
} from "@aws-amplify/ui-react";
import { useState } from "react";
import type { FileOut } from "../../api/types";
import { ACCEPTED_TYPES } from "../../api/upload";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilePicker } from "../../components/FilePicker";
import { formatBytes, formatDate } from "../../format";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { LEVELS, type Level, useDeleteFile, useFiles, useUpload } from "./queries";

export function FilesPage() {
  const { t } = useI18n();
  const files = useFiles();
  const upload = useUpload("uploads");
  const remove = useDeleteFile();
  const [level, setLevel] = useState<Level>("private");
  return (
    <Page title={t("files.title")}>
      <Card variation="elevated">
        <Flex direction="column" gap="medium">
          <RadioGroupField
            legend={t("files.who")}
            name="level"
            value={level}
            onChange={(event) => setLevel(event.target.value as Level)}
          >
            {LEVELS.map((each) => (
              <Radio key={each} value={each}>
                {t(`files.level.${each}`)}
              </Radio>
            ))}
          </RadioGroupField>
          <FilePicker
            accept={ACCEPTED_TYPES}
            label={t("files.choose")}
            hint={t("files.hint")}
            progress={upload.progress}
            onFile={(file) => upload.mutate({ file, level })}
          />
        </Flex>
      </Card>
      <ErrorAlert error={upload.error} title={t("upload.failed")} />
      <ErrorAlert error={remove.error} title={t("files.deleteFailed")} />
      <ErrorAlert error={files.error} title={t("files.loadFailed")} />
      {files.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {files.data?.length === 0 && <Text>{t("files.empty")}</Text>}
      {files.data && files.data.length > 0 && (
        <Grid
          as="ul"
          className="file-grid"
          templateColumns={{ base: "1fr", small: "1fr 1fr", medium: "1fr 1fr 1fr" }}
          gap="medium"
          aria-label={t("files.list")}
        >
          {files.data.map((file) => (
            <FileCard
              key={file.key}
              file={file}
              deleting={remove.isPending && remove.variables === file.key}
              onDelete={() => remove.mutate(file.key)}
            />
          ))}
        </Grid>
      )}
    </Page>
  );
}

function FileCard({
  file,
  deleting,
  onDelete,
}: {
  file: FileOut;
  deleting: boolean;
  onDelete: () => void;
}) {
  const { lang, t } = useI18n();
  const extension = (file.key.split(".").pop() ?? "").toUpperCase();
  const image = file.content_type.startsWith("image/");
  const kind = t(image ? "files.kindImage" : "files.kindDocument", { type: extension });
  const date = formatDate(file.created_at, lang);
  const name = file.name || `${kind}, ${date}`;
  return (
    <Card as="li" variation="elevated" padding="0" className="file-card">
      {file.taken_down ? (
        <Flex className="file-thumb" alignItems="center" justifyContent="center" padding="medium">
          <Text variation="warning" textAlign="center">
            {t("files.takenDown")}
          </Text>
        </Flex>
      ) : (
        <a href={file.url} target="_blank" rel="noreferrer" className="file-open">
          {image ? (
            <Image src={file.url} alt={t("files.open", { name })} className="file-thumb" />
          ) : (
            <Flex className="file-thumb" alignItems="center" justifyContent="center">
              <Badge size="large">{extension}</Badge>
              <VisuallyHidden>{t("files.open", { name })}</VisuallyHidden>
            </Flex>
          )}
        </a>
      )}
      <Flex padding="medium" gap="small" alignItems="center" justifyContent="space-between">
        <Flex direction="column" gap="xxxs" minWidth="0">
          <Text fontWeight="semibold" className="file-name" title={file.name}>
            {name}
          </Text>
          <Text variation="secondary" fontSize="small">
            {kind} · {formatBytes(file.size)} · {date}
          </Text>
          <Badge size="small" alignSelf="flex-start" variation={file.level === "private" ? "info" : "warning"}>
            {t(`files.level.${file.level}`)}
          </Badge>
        </Flex>
        <Button
          size="small"
          variation="warning"
          isLoading={deleting}
          loadingText={t("files.deleting")}
          onClick={onDelete}
          aria-label={t("files.deleteOne", { name })}
        >
          {t("files.delete")}
        </Button>
      </Flex>
    </Card>
  );
}
