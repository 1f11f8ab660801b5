// The users of the user pool, a page at a time; an administrator disables one (after confirming)
// or enables them again.
import {
  Badge,
  Button,
  Flex,
  Loader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Text,
} from "@aws-amplify/ui-react";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../components/format";
import { Page } from "../../components/Page";
import { isMessageKey, useI18n } from "../../i18n";
import { loginOf, useUserAccess, useUsers, type UserSummary } from "./queries";

export function UsersPage() {
  const { t } = useI18n();
  const users = useUsers();
  const all = users.data?.pages.flatMap((page) => page.users) ?? [];
  return (
    <Page title={t("admin.users.title")}>
      <ErrorAlert error={users.error} title={t("admin.users.loadFailed")} />
      {users.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {users.isSuccess && all.length === 0 && <Text>{t("admin.users.empty")}</Text>}
      {all.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t("admin.users.title")} size="small" variation="striped" className="admin-table">
            <TableHead>
              <TableRow>
                <TableCell as="th" scope="col">{t("admin.users.login")}</TableCell>
                <TableCell as="th" scope="col">{t("admin.users.status")}</TableCell>
                <TableCell as="th" scope="col">{t("admin.users.created")}</TableCell>
                <TableCell as="th" scope="col">{t("admin.users.actions")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {all.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {users.hasNextPage && (
        <Button alignSelf="center" isLoading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
          {t("admin.users.more")}
        </Button>
      )}
    </Page>
  );
}

function UserRow({ user }: { user: UserSummary }) {
  const { lang, t } = useI18n();
  const status = `admin.status.${user.status}`;
  return (
    <TableRow>
      <TableCell as="th" scope="row" className="admin-login">
        {loginOf(user)}
      </TableCell>
      <TableCell>
        <Badge variation={user.status === "active" ? "success" : "warning"}>
          {isMessageKey(status) ? t(status) : user.status}
        </Badge>
      </TableCell>
      <TableCell>{formatDate(user.created_at, lang)}</TableCell>
      <TableCell>
        <UserAccess user={user} />
      </TableCell>
    </TableRow>
  );
}

/** Disable or enable, each after a confirmation naming the user. */
function UserAccess({ user }: { user: UserSummary }) {
  const { t } = useI18n();
  const access = useUserAccess(user);
  const [confirming, setConfirming] = useState(false);
  const enable = user.status === "disabled";
  if (user.status !== "active" && !enable) return null; // being deleted
  const login = loginOf(user);
  return (
    <Flex direction="column" gap="xs" alignItems="flex-start">
      {confirming ? (
        <Flex gap="xs" wrap="wrap" alignItems="center">
          <Text>{t(enable ? "admin.users.confirmEnable" : "admin.users.confirmDisable", { login })}</Text>
          <Button
            size="small"
            variation={enable ? "primary" : "destructive"}
            isLoading={access.isPending}
            onClick={() => access.mutate(enable, { onSuccess: () => setConfirming(false) })}
          >
            {t(enable ? "admin.users.confirmEnableButton" : "admin.users.confirmDisableButton")}
          </Button>
          <Button size="small" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </Button>
        </Flex>
      ) : (
        <Button
          size="small"
          variation={enable ? "primary" : "warning"}
          aria-label={t(enable ? "admin.users.enableWho" : "admin.users.disableWho", { login })}
          onClick={() => {
            access.reset();
            setConfirming(true);
          }}
        >
          {t(enable ? "admin.users.enable" : "admin.users.disable")}
        </Button>
      )}
      <ErrorAlert error={access.error} title={t(enable ? "admin.users.notEnabled" : "admin.users.notDisabled")} />
    </Flex>
  );
}
