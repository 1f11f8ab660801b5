// The board: published posts, newest first, a page at a time, for anyone.
import { Button, Card, Flex, Heading, Image, Link, Text } from "@aws-amplify/ui-react";
import type { ReactNode } from "react";
import { Link as RouterLink } from "react-router";
import { useSession } from "../../auth/session";
import { formatDate } from "../../format";
import { Page } from "../../components/Page";
import { Paged } from "../../components/Paged";
import { useI18n } from "../../i18n";
import { usePosts, type Post } from "./queries";

export function BoardPage() {
  const { t } = useI18n();
  const session = useSession();
  const posts = usePosts();
  const all = posts.data?.pages.flatMap((page) => page.posts) ?? [];
  return (
    <Page title={t("board.title")}>
      <Button as={RouterLink} to="/board/new" variation="primary" alignSelf="flex-start">
        {session.status === "signedIn" ? t("board.write") : t("board.signInToWrite")}
      </Button>
      <Paged query={posts} count={all.length} failed={t("board.loadFailed")} empty={t("board.empty")} more={t("board.more")}>
        <Flex as="ul" direction="column" gap="medium" className="post-list" aria-label={t("board.list")}>
          {all.map((post) => (
            <PostSummary key={post.id} post={post} />
          ))}
        </Flex>
      </Paged>
    </Page>
  );
}

/** Who wrote the post and when: the author's display name, or `author` in its place (the
 * moderation page's link to the person). */
export function Byline({ post, author }: { post: Post; author?: ReactNode }) {
  const { lang, t } = useI18n();
  const date = formatDate(post.created_at, lang);
  // The sentence around a mark where the author goes, as the language orders it.
  const [before, after] = t("board.by", { name: "\u0000", date }).split("\u0000");
  return (
    <Text variation="secondary" fontSize="small">
      {before}
      {author ?? (post.author_name || t("board.someone"))}
      {after}
      {post.updated_at !== post.created_at && ` · ${t("board.edited", { date: formatDate(post.updated_at, lang) })}`}
    </Text>
  );
}

function PostSummary({ post }: { post: Post }) {
  const first = post.attachments[0];
  return (
    <Card as="li" variation="elevated">
      <Flex gap="medium" alignItems="center">
        {first && <Image src={first.url} alt="" className="post-thumb" />}
        <Flex direction="column" gap="xxs" minWidth="0">
          <Heading level={2} fontSize="large">
            <Link as={RouterLink} to={`/board/${post.id}`}>
              {post.title}
            </Link>
          </Heading>
          <Byline post={post} />
        </Flex>
      </Flex>
    </Card>
  );
}
