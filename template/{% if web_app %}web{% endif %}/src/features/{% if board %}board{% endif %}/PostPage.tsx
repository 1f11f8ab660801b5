// One post, for anyone; its author may edit or delete it.
import { Button, Card, Flex, Image, Link, Loader } from "@aws-amplify/ui-react";
import { Link as RouterLink, useNavigate, useParams } from "react-router";
import { Confirm } from "../../components/Confirm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { Byline } from "./BoardPage";
import { Markdown } from "./Markdown";
import { useDeletePost, useIsAuthor, usePost, type Post } from "./queries";

export function PostPage() {
  const { t } = useI18n();
  const { postId = "" } = useParams();
  const post = usePost(postId);
  return (
    <Page title={post.data?.title ?? t("board.post")}>
      <ErrorAlert error={post.error} title={t("board.postFailed")} />
      {post.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {post.data && <PostBody post={post.data} />}
      <Link as={RouterLink} to="/board">
        {t("board.back")}
      </Link>
    </Page>
  );
}

function PostBody({ post }: { post: Post }) {
  const { t } = useI18n();
  const mine = useIsAuthor(post);
  const count = post.attachments.length;
  return (
    <Card variation="elevated">
      <Flex direction="column" gap="medium">
        <Byline post={post} />
        <Markdown text={post.body} />
        {count > 0 && (
          <Flex as="ul" wrap="wrap" gap="small" className="post-pictures" aria-label={t("board.pictures")}>
            {post.attachments.map((attachment, index) => (
              <li key={attachment.key}>
                <a href={attachment.url} target="_blank" rel="noreferrer">
                  <Image
                    src={attachment.url}
                    alt={t("board.picture", { number: index + 1, count })}
                    className="post-picture"
                  />
                </a>
              </li>
            ))}
          </Flex>
        )}
        {mine && <AuthorActions post={post} />}
      </Flex>
    </Card>
  );
}

function AuthorActions({ post }: { post: Post }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remove = useDeletePost();
  return (
    <Flex direction="column" gap="small">
      <Flex gap="small" wrap="wrap" alignItems="center">
        <Button as={RouterLink} to={`/board/${post.id}/edit`} size="small">
          {t("board.edit")}
        </Button>
        <Confirm
          label={t("board.delete")}
          question={t("board.confirmDelete")}
          yes={t("board.confirmDeleteButton")}
          pending={remove.isPending}
          pendingText={t("board.deleting")}
          onConfirm={() => remove.mutate(post, { onSuccess: () => void navigate("/board") })}
        />
      </Flex>
      <ErrorAlert error={remove.error} title={t("board.notDeleted")} />
    </Flex>
  );
}
