// The users of the user pool, a page at a time; an administrator disables one (after confirming)
// or enables them again.
import { Badge, Flex, TableCell, TableRow } from "@aws-amplify/ui-react";
import { Confirm } from "../../components/Confirm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../format";
import { Page } from "../../components/Page";
import { Paged } from "../../components/Paged";
import { isMessageKey, useI18n } from "../../i18n";
import { AdminTable } from "../AdminTable";
import { loginOf, useUserAccess, useUsers, type UserSummary } from "./queries";

export function UsersPage() {
  const { t } = useI18n();
  const users = useUsers();
  const all = users.data?.pages.flatMap((page) => page.users) ?? [];
  return (
    <Page title={t("admin.users.title")}>
      <Paged
        query={users}
        count={all.length}
        failed={t("admin.users.loadFailed")}
        empty={t("admin.users.empty")}
        more={t("admin.users.more")}
      >
        <AdminTable
          label={t("admin.users.title")}
          columns={[t("admin.users.login"), t("admin.users.status"), t("admin.users.created"), t("admin.users.actions")]}
        >
          {all.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </AdminTable>
      </Paged>
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
  const enable = user.status === "disabled";
  if (user.status !== "active" && !enable) return null; // being deleted
  const login = loginOf(user);
  return (
    <Flex direction="column" gap="xs" alignItems="flex-start">
      <Confirm
        label={t(enable ? "admin.users.enable" : "admin.users.disable")}
        ariaLabel={t(enable ? "admin.users.enableWho" : "admin.users.disableWho", { login })}
        question={t(enable ? "admin.users.confirmEnable" : "admin.users.confirmDisable", { login })}
        yes={t(enable ? "admin.users.confirmEnableButton" : "admin.users.confirmDisableButton")}
        variation={enable ? "primary" : "warning"}
        yesVariation={enable ? "primary" : "destructive"}
        pending={access.isPending}
        onOpen={() => access.reset()}
        onConfirm={(close) => access.mutate(enable, { onSuccess: close })}
      />
      <ErrorAlert error={access.error} title={t(enable ? "admin.users.notEnabled" : "admin.users.notDisabled")} />
    </Flex>
  );
}
