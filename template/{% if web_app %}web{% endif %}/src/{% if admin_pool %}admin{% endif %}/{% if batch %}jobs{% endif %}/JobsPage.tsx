// The project's jobs (the infra's config.JOBS). On a deployed stage an administrator starts one,
// after confirming, and sees its execution id (its progress is in the Step Functions console).
// On the local stack the API starts none: the page says so and shows the command that runs each.
import { Alert, Loader, TableCell, TableRow, Text } from "@aws-amplify/ui-react";
import { Confirm } from "../../components/Confirm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { AdminTable } from "../AdminTable";
import { localCommand, useJobs, useStartJob } from "./queries";

export function JobsPage() {
  const { t } = useI18n();
  const jobs = useJobs();
  const start = useStartJob();
  const startable = jobs.data?.startable ?? false;
  return (
    <Page title={t("admin.jobs.title")}>
      <ErrorAlert error={jobs.error} title={t("admin.jobs.loadFailed")} />
      {jobs.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {jobs.data && !startable && (
        <Alert variation="info" heading={t("admin.jobs.localTitle")}>
          {t("admin.jobs.local")}
        </Alert>
      )}
      {jobs.data?.names.length === 0 && <Text>{t("admin.jobs.empty")}</Text>}
      {!!jobs.data?.names.length && (
        <AdminTable label={t("admin.jobs.title")} columns={[t("admin.jobs.name"), t("admin.jobs.run")]}>
          {jobs.data.names.map((job) => (
            <TableRow key={job}>
              <TableCell as="th" scope="row">{job}</TableCell>
              <TableCell>
                {startable ? (
                  <Confirm
                    label={t("admin.jobs.start")}
                    ariaLabel={t("admin.jobs.startWho", { job })}
                    question={t("admin.jobs.confirmStart", { job })}
                    yes={t("admin.jobs.confirmStartButton")}
                    variation="primary"
                    yesVariation="primary"
                    pending={start.isPending && start.variables === job}
                    onOpen={() => start.reset()}
                    onConfirm={(close) => start.mutate(job, { onSuccess: close })}
                  />
                ) : (
                  <code>{localCommand(job)}</code>
                )}
              </TableCell>
            </TableRow>
          ))}
        </AdminTable>
      )}
      <ErrorAlert error={start.error} title={t("admin.jobs.notStarted")} />
      {start.data && (
        <Alert variation="success" role="status" heading={t("admin.jobs.started", { job: start.data.job })}>
          <code className="execution-id">{start.data.execution_id}</code>
        </Alert>
      )}
    </Page>
  );
}
