// The user pool's users, a page at a time, each with what their profile adds; an administrator
// disables one (after confirming) or enables them again. `?user=<id>` shows that user alone (the
// moderation page links a post's author here).
import { Badge, Flex, Link, Loader, TableCell, TableRow, Text } from "@aws-amplify/ui-react";
import type { ReactNode } from "react";
import { Link as RouterLink, useSearchParams } from "react-router";
import { Confirm } from "../../components/Confirm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../format";
import { Page } from "../../components/Page";
import { Paged } from "../../components/Paged";
import { isMessageKey, useI18n } from "../../i18n";
import { AdminTable } from "../AdminTable";
import { loginOf, useUser, useUserAccess, useUsers, type UserSummary } from "./queries";

/** Where the console shows one user: the moderation page's link to a post's author. */
export function userPath(id: string): string {
  return `/users?${new URLSearchParams({ user: id }).toString()}`;
}

export function UsersPage() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const one = search.get("user");
  return <Page title={t("admin.users.title")}>{one ? <OneUser id={one} /> : <AllUsers />}</Page>;
}

function AllUsers() {
  const { t } = useI18n();
  const users = useUsers();
  const all = users.data?.pages.flatMap((page) => page.users) ?? [];
  return (
    <Paged
      query={users}
      count={all.length}
      failed={t("admin.users.loadFailed")}
      empty={t("admin.users.empty")}
      more={t("admin.users.more")}
    >
      <UsersTable>
        {all.map((user) => (
          <UserRow key={user.id} user={user} />
        ))}
      </UsersTable>
    </Paged>
  );
}

function OneUser({ id }: { id: string }) {
  const { t } = useI18n();
  const user = useUser(id);
  return (
    <Flex direction="column" gap="small">
      <Link as={RouterLink} to="/users">
        {t("admin.users.all")}
      </Link>
      <ErrorAlert error={user.error} title={t("admin.users.loadFailed")} />
      {user.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {user.data && (
        <UsersTable>
          <UserRow user={user.data} />
        </UsersTable>
      )}
    </Flex>
  );
}

function UsersTable({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const columns = ["login", "name", "status", "profile", "created", "actions"] as const;
  return (
    <AdminTable label={t("admin.users.title")} columns={columns.map((column) => t(`admin.users.${column}`))}>
      {children}
    </AdminTable>
  );
}

function UserRow({ user }: { user: UserSummary }) {
  const { lang, t } = useI18n();
  const status = `admin.status.${user.status}`;
  const confirmation = `admin.confirmation.${user.confirmation}`;
  return (
    <TableRow>
      <TableCell as="th" scope="row" className="admin-login">
        {loginOf(user)}
        <Text as="span" display="block" fontSize="xs" fontWeight="normal" variation="tertiary">
          {user.id}
        </Text>
      </TableCell>
      <TableCell>{user.display_name || "—"}</TableCell>
      <TableCell>
        <Flex direction="column" gap="xxs" alignItems="flex-start">
          <Badge variation={user.status === "active" ? "success" : "warning"}>
            {isMessageKey(status) ? t(status) : user.status}
          </Badge>
          <Text as="span" fontSize="small">
            {isMessageKey(confirmation) ? t(confirmation) : user.confirmation}
          </Text>
        </Flex>
      </TableCell>
      <TableCell>{t(user.has_profile ? "admin.users.hasProfile" : "admin.users.noProfile")}</TableCell>
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
