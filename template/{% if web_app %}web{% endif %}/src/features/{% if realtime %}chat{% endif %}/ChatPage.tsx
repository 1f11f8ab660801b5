// The chat: your conversations (the latest first, with what you have not read), finding people
// by name among those who chose to be findable, a conversation's history a page at a time, and,
// where the board is, the posts announced in its room. Messages are sent through the API, which
// keeps them (backend routes/chat.py); the WebSocket brings them to both users at once.
import { Badge, Button, Flex, Heading, Text, TextField } from "@aws-amplify/ui-react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useSession } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useSite } from "../../site";
import {
  CONVERSATIONS,
  useChatSettings,
  useConversations,
  useMarkRead,
  useMessages,
  usePeople,
  useRememberMessage,
  useSend,
} from "./queries";
import type { Incoming } from "./realtime";
import { useIncoming, useRealtime } from "./RealtimeFrame";

const BOARD_ROOM = "board"; // backend board.ROOM
const ANNOUNCEMENTS = "announcements";
const MESSAGE_MAX = 2000; // backend rooms.MAX_TEXT_LENGTH

type Announcement = Extract<Incoming, { type: "post.created" }>;

export function ChatPage() {
  const { t } = useI18n();
  const session = useSession();
  const realtime = useRealtime();
  const client = useQueryClient();
  const remember = useRememberMessage();
  const { userId } = useParams();
  const announcementsOpen = useLocation().pathname.endsWith(`/${ANNOUNCEMENTS}`);
  const hasBoard = useSite().capabilities.some((capability) => capability.nav.to === "/board");
  const me = session.status === "signedIn" ? session.user.userId : "";
  const [open, setOpen] = useState(realtime?.isOpen ?? false);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  useEffect(() => {
    if (!realtime || !hasBoard) return;
    realtime.join(BOARD_ROOM);
    return () => realtime.leave(BOARD_ROOM);
  }, [realtime, hasBoard]);
  useIncoming(
    useCallback(
      (message: Incoming) => {
        if (message.type === "connection") setOpen(message.open);
        if (message.type === "post.created") setAnnouncements((all) => [message, ...all]);
        if (message.type === "message" && message.id) {
          const other = message.room.split(":").find((id, index) => index > 0 && id !== me) ?? me;
          remember(other, { id: message.id, from_id: message.from, text: message.text, sent_at: message.at });
          void client.invalidateQueries({ queryKey: CONVERSATIONS });
        }
      },
      [client, me, remember],
    ),
  );
  if (!realtime) return <Page title={t("chat.title")}>{t("chat.unavailable")}</Page>;
  const showing = userId ? "conversation" : announcementsOpen ? "announcements" : "none";
  return (
    <Page title={t("chat.title")}>
      <Badge alignSelf="flex-start" variation={open ? "success" : "warning"}>
        {t(open ? "chat.connected" : "chat.connecting")}
      </Badge>
      <div className="chat" data-showing={showing}>
        <Flex direction="column" gap="medium" className="chat-side">
          <FindPeople />
          <Conversations current={userId} announcements={hasBoard ? announcements.length : undefined} />
        </Flex>
        <Flex direction="column" gap="small" className="chat-main">
          {userId && <Conversation key={userId} me={me} other={userId} />}
          {showing === "announcements" && <Announcements announced={announcements} />}
          {showing === "none" && <Text variation="secondary">{t("chat.pick")}</Text>}
        </Flex>
      </div>
    </Page>
  );
}

function FindPeople() {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const [name, setName] = useState("");
  const people = usePeople(name);
  const settings = useChatSettings();
  return (
    <Flex direction="column" gap="small">
      <Flex
        as="form"
        role="search"
        gap="small"
        alignItems="flex-end"
        onSubmit={(event) => {
          event.preventDefault();
          setName(typed.trim());
        }}
      >
        <TextField
          label={t("chat.find")}
          descriptiveText={t("chat.findHint")}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          maxLength={50}
          flex="1"
        />
        <Button type="submit">{t("chat.search")}</Button>
      </Flex>
      <ErrorAlert error={people.error} title={t("chat.findFailed")} />
      {people.data && people.data.people.length === 0 && <Text>{t("chat.nobodyFound", { name })}</Text>}
      {people.data && people.data.people.length > 0 && (
        <ul className="chat-list" aria-label={t("chat.found")}>
          {people.data.people.map((person) => (
            <li key={person.id}>
              <Link to={`/chat/${person.id}`} state={{ name: person.display_name }}>
                {t("chat.writeTo", { name: person.display_name ?? "" })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {settings.data?.findable === false && (
        <Text variation="secondary" fontSize="small">
          {t("chat.notFindable")} <Link to="/profile">{t("chat.toProfile")}</Link>
        </Text>
      )}
    </Flex>
  );
}

function Conversations({ current, announcements }: { current?: string; announcements?: number }) {
  const { t, lang } = useI18n();
  const conversations = useConversations();
  const list = conversations.data?.conversations ?? [];
  return (
    <nav aria-label={t("chat.conversations")}>
      <Heading level={2}>{t("chat.conversations")}</Heading>
      <ErrorAlert error={conversations.error} title={t("chat.loadFailed")} />
      <ul className="chat-list">
        {announcements !== undefined && (
          <li>
            <Link to={`/chat/${ANNOUNCEMENTS}`} className="chat-entry">
              <strong>{t("chat.announcements")}</strong>
              {announcements > 0 && <Badge variation="info">{t("chat.new", { count: announcements })}</Badge>}
              <Text as="span" variation="secondary" fontSize="small" display="block">
                {t("chat.announcementsHint")}
              </Text>
            </Link>
          </li>
        )}
        {list.map((conversation) => (
          <li key={conversation.other.id}>
            <Link
              to={`/chat/${conversation.other.id}`}
              className="chat-entry"
              aria-current={conversation.other.id === current ? "page" : undefined}
            >
              <strong>{conversation.other.display_name ?? t("chat.someone")}</strong>
              {conversation.unread > 0 && (
                <Badge variation="info">{t("chat.new", { count: conversation.unread })}</Badge>
              )}
              <Text as="span" variation="secondary" fontSize="small" display="block" className="chat-preview">
                {conversation.last_from_me ? `${t("chat.me")}: ` : ""}
                {conversation.last_text} · {formatDate(conversation.last_at, lang)}
              </Text>
            </Link>
          </li>
        ))}
      </ul>
      {conversations.isSuccess && list.length === 0 && <Text>{t("chat.noConversations")}</Text>}
    </nav>
  );
}

function newId(): string {
  return crypto.randomUUID();
}

function Conversation({ me, other }: { me: string; other: string }) {
  const { t, lang } = useI18n();
  const realtime = useRealtime();
  const conversations = useConversations();
  const state = useLocation().state as { name?: string } | null;
  const messages = useMessages(other);
  const send = useSend(other);
  const { mutate: markRead, isPending: marking } = useMarkRead();
  const [text, setText] = useState("");
  // One id per message written: a retry after a failure sends the same (kept once by the API).
  const [messageId, setMessageId] = useState(newId);
  const conversation = conversations.data?.conversations.find((c) => c.other.id === other);
  const name = conversation?.other.display_name ?? state?.name ?? t("chat.someone");
  const unread = conversation?.unread ?? 0;
  useEffect(() => {
    if (unread > 0 && !marking) markRead(other);
  }, [unread, other, marking, markRead]);
  const loaded = (messages.data?.pages ?? []).flatMap((page) => page.messages).reverse(); // oldest first
  return (
    <section aria-labelledby="chat-with">
      <Flex direction="column" gap="small">
        <PaneHeading id="chat-with">{t("chat.with", { name })}</PaneHeading>
        {messages.hasNextPage && (
          <Button
            alignSelf="center"
            size="small"
            isLoading={messages.isFetchingNextPage}
            onClick={() => void messages.fetchNextPage()}
          >
            {t("chat.earlier")}
          </Button>
        )}
        {/* A log (read out as messages arrive) holding a list: the role on the list itself
            would take its list semantics away. */}
        <div role="log" aria-label={t("chat.messages")}>
          <ErrorAlert error={messages.error} title={t("chat.loadFailed")} />
          <Flex as="ol" direction="column" gap="xs" className="chat-log">
            {messages.isSuccess && loaded.length === 0 && <li>{t("chat.noMessages")}</li>}
            {loaded.map((said) => (
              <li key={said.id} className={said.from_id === me ? "chat-mine" : "chat-theirs"}>
                <Text as="span" variation="secondary" fontSize="small">
                  {said.from_id === me ? t("chat.me") : name} · {formatDate(said.sent_at, lang)}
                </Text>
                <Text>{said.text}</Text>
              </li>
            ))}
          </Flex>
        </div>
        <Flex
          as="form"
          gap="small"
          alignItems="flex-end"
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = text.trim();
            if (!trimmed) return;
            send.mutate(
              { id: messageId, text: trimmed },
              {
                onSuccess: () => {
                  setText("");
                  setMessageId(newId());
                },
              },
            );
          }}
        >
          <TextField
            label={t("chat.message")}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (send.isError) setMessageId(newId()); // another message now, not a retry
            }}
            maxLength={MESSAGE_MAX}
            flex="1"
          />
          <Button type="submit" variation="primary" isLoading={send.isPending} isDisabled={!realtime}>
            {t("chat.send")}
          </Button>
        </Flex>
        <ErrorAlert error={send.error} title={t("chat.notSent")} />
      </Flex>
    </section>
  );
}

/** An open pane's heading, with the way back to the conversations (a phone shows one pane). */
function PaneHeading({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Flex alignItems="baseline" gap="small" wrap="wrap">
      <Link to="/chat" className="chat-back">
        {t("chat.back")}
      </Link>
      <Heading level={2} id={id}>
        {children}
      </Heading>
    </Flex>
  );
}

function Announcements({ announced }: { announced: Announcement[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="chat-announcements">
      <Flex direction="column" gap="small">
        <PaneHeading id="chat-announcements">{t("chat.announcements")}</PaneHeading>
        {announced.length === 0 && <Text>{t("chat.noAnnouncements")}</Text>}
        {announced.length > 0 && (
          <ul className="chat-list" aria-label={t("chat.announcements")}>
            {announced.map((post) => (
              <li key={post.id}>
                <Link to={`/board/${post.id}`}>{t("chat.newPost", { title: post.title })}</Link>
              </li>
            ))}
          </ul>
        )}
        <Link to="/board">{t("chat.toBoard")}</Link>
      </Flex>
    </section>
  );
}
