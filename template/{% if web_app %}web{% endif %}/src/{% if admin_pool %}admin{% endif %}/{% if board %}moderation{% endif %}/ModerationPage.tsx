// The moderation queue: the board's published or hidden posts, each naming its author by login
// with a link to them on the Users page; a moderator hides one (it leaves the public board), shows
// it again, or deletes it after confirming.
import { Button, Card, Flex, Heading, Link } from "@aws-amplify/ui-react";
import { useState } from "react";
import { Link as RouterLink } from "react-router";
import { Choice } from "../../components/Choice";
import { Confirm } from "../../components/Confirm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { Paged } from "../../components/Paged";
import { useI18n } from "../../i18n";
import { Byline } from "../../features/board/BoardPage";
import { userPath } from "../users/UsersPage";
import { useModerate, useModeratedPosts, type ModeratedPost, type PostStatus } from "./queries";

export function ModerationPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<PostStatus>("published");
  const posts = useModeratedPosts(status);
  const all = posts.data?.pages.flatMap((page) => page.posts) ?? [];
  return (
    <Page title={t("admin.posts.title")}>
      <Choice
        label={t("admin.posts.show")}
        value={status}
        options={{ published: t("admin.posts.published"), hidden: t("admin.posts.hidden") }}
        onChange={setStatus}
      />
      <Paged query={posts} count={all.length} failed={t("board.loadFailed")} empty={t("board.empty")} more={t("board.more")}>
        <Flex as="ul" direction="column" gap="medium" className="post-list" aria-label={t("board.list")}>
          {all.map((post) => (
            <PostToModerate key={post.id} post={post} />
          ))}
        </Flex>
      </Paged>
    </Page>
  );
}

function PostToModerate({ post }: { post: ModeratedPost }) {
  const { t } = useI18n();
  const moderate = useModerate(post);
  const hidden = post.status === "hidden";
  return (
    <Card as="li" variation="elevated">
      <Flex direction="column" gap="xs">
        <Heading level={2} fontSize="large">
          {/* The users' app: a page load, out of the console */}
          {hidden ? post.title : <Link href={`/board/${post.id}`}>{post.title}</Link>}
        </Heading>
        <Byline post={post} author={<Author post={post} />} />
        <Flex gap="small" wrap="wrap" alignItems="center" aria-label={t("admin.posts.actions", { title: post.title })} role="group">
          <Button size="small" isLoading={moderate.isPending && moderate.variables !== "remove"} onClick={() => moderate.mutate(hidden ? "unhide" : "hide")}>
            {t(hidden ? "admin.posts.unhide" : "admin.posts.hide")}
          </Button>
          <Confirm
            label={t("board.delete")}
            question={t("board.confirmDelete")}
            yes={t("board.confirmDeleteButton")}
            pending={moderate.isPending && moderate.variables === "remove"}
            pendingText={t("board.deleting")}
            onConfirm={() => moderate.mutate("remove")}
          />
        </Flex>
        <ErrorAlert error={moderate.error} title={t("admin.posts.notChanged")} />
      </Flex>
    </Card>
  );
}

/** The author by display name and login (many have no display name), a link to them. */
function Author({ post }: { post: ModeratedPost }) {
  const { t } = useI18n();
  const login = post.author_login || post.author_id;
  return (
    <Link as={RouterLink} to={userPath(post.author_id)} title={t("admin.posts.seeUser")}>
      {post.author_name ? `${post.author_name} (${login})` : login}
    </Link>
  );
}
