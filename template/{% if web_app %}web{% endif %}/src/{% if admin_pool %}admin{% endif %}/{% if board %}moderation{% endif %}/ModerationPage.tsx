// The moderation queue: the board's published or hidden posts; a moderator hides one (it leaves
// the public board), shows it again, or deletes it after confirming.
import {
  Button,
  Card,
  Flex,
  Heading,
  Link,
  Loader,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from "@aws-amplify/ui-react";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { Byline } from "../../pages/board/BoardPage";
import type { Post } from "../../pages/board/queries";
import { useModerate, useModeratedPosts, type PostStatus } from "./queries";

export function ModerationPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<PostStatus>("published");
  const posts = useModeratedPosts(status);
  const all = posts.data?.pages.flatMap((page) => page.posts) ?? [];
  return (
    <Page title={t("admin.posts.title")}>
      <ToggleButtonGroup
        value={status}
        isExclusive
        isSelectionRequired
        onChange={(value) => setStatus(value as PostStatus)}
        aria-label={t("admin.posts.show")}
      >
        <ToggleButton value="published">{t("admin.posts.published")}</ToggleButton>
        <ToggleButton value="hidden">{t("admin.posts.hidden")}</ToggleButton>
      </ToggleButtonGroup>
      <ErrorAlert error={posts.error} title={t("board.loadFailed")} />
      {posts.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {posts.isSuccess && all.length === 0 && <Text>{t("board.empty")}</Text>}
      {all.length > 0 && (
        <Flex as="ul" direction="column" gap="medium" className="post-list" aria-label={t("board.list")}>
          {all.map((post) => (
            <ModeratedPost key={post.id} post={post} />
          ))}
        </Flex>
      )}
      {posts.hasNextPage && (
        <Button alignSelf="center" isLoading={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
          {t("board.more")}
        </Button>
      )}
    </Page>
  );
}

function ModeratedPost({ post }: { post: Post }) {
  const { t } = useI18n();
  const moderate = useModerate(post);
  const [confirming, setConfirming] = useState(false);
  const hidden = post.status === "hidden";
  return (
    <Card as="li" variation="elevated">
      <Flex direction="column" gap="xs">
        <Heading level={2} fontSize="large">
          {/* The users' app: a page load, out of the console */}
          {hidden ? post.title : <Link href={`/board/${post.id}`}>{post.title}</Link>}
        </Heading>
        <Byline post={post} />
        <Flex gap="small" wrap="wrap" alignItems="center" aria-label={t("admin.posts.actions", { title: post.title })} role="group">
          <Button size="small" isLoading={moderate.isPending && moderate.variables !== "remove"} onClick={() => moderate.mutate(hidden ? "unhide" : "hide")}>
            {t(hidden ? "admin.posts.unhide" : "admin.posts.hide")}
          </Button>
          {confirming ? (
            <>
              <Text>{t("board.confirmDelete")}</Text>
              <Button
                size="small"
                variation="destructive"
                isLoading={moderate.isPending && moderate.variables === "remove"}
                loadingText={t("board.deleting")}
                onClick={() => moderate.mutate("remove")}
              >
                {t("board.confirmDeleteButton")}
              </Button>
              <Button size="small" onClick={() => setConfirming(false)}>
                {t("common.cancel")}
              </Button>
            </>
          ) : (
            <Button size="small" variation="warning" onClick={() => setConfirming(true)}>
              {t("board.delete")}
            </Button>
          )}
        </Flex>
        <ErrorAlert error={moderate.error} title={t("admin.posts.notChanged")} />
      </Flex>
    </Card>
  );
}
