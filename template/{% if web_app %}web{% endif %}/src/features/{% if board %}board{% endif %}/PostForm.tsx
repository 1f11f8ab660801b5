// Writing a post and editing one's own: a title, markdown text and up to four pictures, uploaded
// as public files of the author's (the API joins their URLs when the post is read).
import { Button, Card, Flex, Image, Loader, Text, TextAreaField, TextField } from "@aws-amplify/ui-react";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { IMAGE_TYPES, uploadFile } from "../../api/upload";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilePicker } from "../../components/FilePicker";
import { limitProps } from "../../components/limit";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { useCreatePost, useIsAuthor, usePost, useUpdatePost, type Post } from "./queries";

// The API's limits (routes/posts.py): it refuses more with a reason.
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const PICTURES_MAX = 4;

type Picture = Post["attachments"][number];
export interface Draft {
  title: string;
  body: string;
  attachments: Picture[];
}

export function NewPostPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreatePost();
  return (
    <Page title={t("board.newTitle")}>
      <PostForm
        initial={{ title: "", body: "", attachments: [] }}
        saving={create.isPending}
        error={create.error}
        onSave={(draft) =>
          create.mutate(
            { ...draft, attachments: draft.attachments.map((picture) => picture.key) },
            { onSuccess: (post) => void navigate(`/board/${post.id}`) },
          )
        }
      />
    </Page>
  );
}

export function EditPostPage() {
  const { t } = useI18n();
  const { postId = "" } = useParams();
  const post = usePost(postId);
  const mine = useIsAuthor(post.data);
  return (
    <Page title={t("board.editTitle")}>
      <ErrorAlert error={post.error} title={t("board.postFailed")} />
      {post.isPending && <Loader size="large" ariaLabel={t("common.loading")} />}
      {post.data && !mine && <Text>{t("board.notYours")}</Text>}
      {post.data && mine && <EditForm post={post.data} />}
    </Page>
  );
}

function EditForm({ post }: { post: Post }) {
  const navigate = useNavigate();
  const update = useUpdatePost(post.id);
  return (
    <PostForm
      initial={post}
      saving={update.isPending}
      error={update.error}
      onSave={(draft) =>
        update.mutate(
          // Based on the version shown: 409 if it changed meanwhile (another tab, another device).
          { ...draft, version: post.version, attachments: draft.attachments.map((picture) => picture.key) },
          { onSuccess: () => void navigate(`/board/${post.id}`) },
        )
      }
    />
  );
}

export function PostForm({
  initial,
  saving,
  error,
  onSave,
}: {
  initial: Draft;
  saving: boolean;
  error: unknown;
  onSave: (draft: Draft) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>({
    title: initial.title,
    body: initial.body,
    attachments: initial.attachments,
  });
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    // public: anyone who reads the post sees its pictures, through the files CDN
    mutationFn: (file: File) => {
      setProgress(0);
      return uploadFile(file, { level: "public", folder: "board" }, setProgress);
    },
    onSuccess: (file) =>
      setDraft((current) => ({
        ...current,
        attachments: [...current.attachments, { key: file.key, url: file.url }],
      })),
    onSettled: () => setProgress(null),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave({ ...draft, title: draft.title.trim() });
  }

  return (
    <Card variation="elevated">
      <form onSubmit={submit}>
        <Flex direction="column" gap="medium">
          <TextField
            label={t("board.titleField")}
            isRequired
            {...limitProps(draft.title, TITLE_MAX, t("field.title"), t)}
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.target.value })}
          />
          <TextAreaField
            label={t("board.bodyField")}
            isRequired
            rows={10}
            {...limitProps(draft.body, BODY_MAX, t("field.body"), t, t("board.bodyHint"))}
            value={draft.body}
            onChange={(event) => setDraft({ ...draft, body: event.target.value })}
          />
          {draft.attachments.length > 0 && (
            <Flex as="ul" wrap="wrap" gap="small" className="post-pictures" aria-label={t("board.pictures")}>
              {draft.attachments.map((picture, index) => (
                <Flex as="li" key={picture.key} direction="column" gap="xxs" alignItems="center">
                  <Image
                    src={picture.url}
                    alt={t("board.picture", { number: index + 1, count: draft.attachments.length })}
                    className="post-thumb"
                  />
                  <Button
                    size="small"
                    variation="link"
                    onClick={() =>
                      setDraft({ ...draft, attachments: draft.attachments.filter((p) => p.key !== picture.key) })
                    }
                  >
                    {t("board.removePicture", { number: index + 1 })}
                  </Button>
                </Flex>
              ))}
            </Flex>
          )}
          {draft.attachments.length < PICTURES_MAX && (
            <FilePicker
              accept={IMAGE_TYPES}
              label={t("board.addPicture")}
              progress={progress}
              onFile={(file) => upload.mutate(file)}
            />
          )}
          <ErrorAlert error={upload.error} title={t("upload.failed")} />
          <Flex>
            <Button
              type="submit"
              variation="primary"
              isLoading={saving}
              loadingText={t("board.saving")}
              isDisabled={progress !== null}
            >
              {t("board.publish")}
            </Button>
          </Flex>
          <ErrorAlert error={error} title={t("board.notSaved")} />
        </Flex>
      </form>
    </Card>
  );
}
