// Start a batch job by its name (POST /admin/jobs/{name}): it runs in Step Functions; the page
// shows the execution's id, whose progress is in the Step Functions console.
import { Alert, Button, Flex, TextField } from "@aws-amplify/ui-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, data } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";

export function JobsPage() {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const start = useMutation({
    mutationFn: (job: string) => data(api().POST("/admin/jobs/{name}", { params: { path: { name: job } } })),
  });
  return (
    <Page title={t("admin.jobs.title")}>
      <Flex
        as="form"
        direction="column"
        gap="small"
        maxWidth="30rem"
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate(name.trim());
        }}
      >
        <TextField
          label={t("admin.jobs.name")}
          descriptiveText={t("admin.jobs.nameHint")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          isRequired
        />
        <Button type="submit" variation="primary" alignSelf="flex-start" isLoading={start.isPending}>
          {t("admin.jobs.start")}
        </Button>
      </Flex>
      <ErrorAlert error={start.error} title={t("admin.jobs.notStarted")} />
      {start.data && (
        <Alert variation="success" role="status" heading={t("admin.jobs.started", { job: start.data.job })}>
          <code className="execution-id">{start.data.execution_id}</code>
        </Alert>
      )}
    </Page>
  );
}
