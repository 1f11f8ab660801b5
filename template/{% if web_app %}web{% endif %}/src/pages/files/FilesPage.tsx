import {
  Badge,
  Button,
  Card,
  Flex,
  Grid,
  Image,
  Loader,
  Text,
  VisuallyHidden,
} from "@aws-amplify/ui-react";
import type { FileOut } from "../../api/types";
import { ACCEPTED_TYPES } from "../../api/upload";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilePicker } from "../../components/FilePicker";
import { formatBytes, formatDate } from "../../components/format";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { useDeleteFile, useFiles, useUpload } from "./queries";

export function FilesPage() {
  const { t } = useI18n();
  const files = useFiles();
  const upload = useUpload({ level: "protected", folder: "uploads" });
  const remove = useDeleteFile();
  return (
    <Page title={t("files.title")}>
      <Card variation="elevated">
        <FilePicker
          accept={ACCEPTED_TYPES}
          label={t("files.choose")}
          hint={t("files.hint")}
          progress={upload.progress}
          onFile={(file) => upload.mutate(file)}
        />
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
  return (
    <Card as="li" variation="elevated" padding="0" className="file-card">
      <a href={file.url} target="_blank" rel="noreferrer" className="file-open">
        {image ? (
          <Image src={file.url} alt={t("files.open", { name: `${kind}, ${date}` })} className="file-thumb" />
        ) : (
          <Flex className="file-thumb" alignItems="center" justifyContent="center">
            <Badge size="large">{extension}</Badge>
            <VisuallyHidden>{t("files.open", { name: `${kind}, ${date}` })}</VisuallyHidden>
          </Flex>
        )}
      </a>
      <Flex padding="medium" gap="small" alignItems="center" justifyContent="space-between">
        <Flex direction="column" gap="xxxs" minWidth="0">
          <Text fontWeight="semibold">{kind}</Text>
          <Text variation="secondary" fontSize="small">
            {formatBytes(file.size)} · {date}
          </Text>
        </Flex>
        <Button
          size="small"
          variation="warning"
          isLoading={deleting}
          loadingText={t("files.deleting")}
          onClick={onDelete}
          aria-label={t("files.deleteOne", { name: `${kind}, ${date}` })}
        >
          {t("files.delete")}
        </Button>
      </Flex>
    </Card>
  );
}
