// A chat room of two signed-in users (backend rooms.may_join: a direct room `dm:<sub>:<sub>`):
// each gives the other their user id, shown here; messages go through the WebSocket API.
import { Alert, Badge, Button, Flex, Text, TextField } from "@aws-amplify/ui-react";
import { useCallback, useState } from "react";
import { useSession } from "../../auth/session";
import { formatDate } from "../../format";
import { Page } from "../../components/Page";
import { useI18n } from "../../i18n";
import { directRoom, type Incoming } from "./realtime";
import { useIncoming, useRealtime } from "./RealtimeFrame";

type Said = Extract<Incoming, { type: "message" }>;

export function ChatPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const realtime = useRealtime();
  const me = session.status === "signedIn" ? session.user.userId : "";
  const [other, setOther] = useState("");
  const [room, setRoom] = useState<string>();
  const [joined, setJoined] = useState(false);
  const [open, setOpen] = useState(realtime?.isOpen ?? false);
  const [messages, setMessages] = useState<Said[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [text, setText] = useState("");
  useIncoming(
    useCallback(
      (message: Incoming) => {
        if (message.type === "connection") setOpen(message.open);
        if (message.type === "joined" && message.room === room) setJoined(true);
        if (message.type === "error") setRefusal(message.message);
        if (message.type === "message" && message.room === room) setMessages((all) => [...all, message]);
      },
      [room],
    ),
  );
  if (!realtime) return <Page title={t("chat.title")}>{t("chat.unavailable")}</Page>;
  const enter = (otherId: string) => {
    if (room) realtime.leave(room);
    const next = directRoom(me, otherId);
    setRoom(next);
    setJoined(false);
    setMessages([]);
    setRefusal(undefined);
    realtime.join(next);
  };
  return (
    <Page title={t("chat.title")}>
      <Flex gap="small" alignItems="center" wrap="wrap">
        <Badge variation={open ? "success" : "warning"}>{t(open ? "chat.connected" : "chat.connecting")}</Badge>
        <Text>
          {t("chat.yourId")} <code data-testid="my-id">{me}</code>
        </Text>
      </Flex>
      <Flex
        as="form"
        gap="small"
        alignItems="flex-end"
        wrap="wrap"
        onSubmit={(event) => {
          event.preventDefault();
          if (other.trim()) enter(other.trim());
        }}
      >
        <TextField
          label={t("chat.with")}
          descriptiveText={t("chat.withHint")}
          value={other}
          onChange={(event) => setOther(event.target.value)}
          flex="1 1 16rem"
          isRequired
        />
        <Button type="submit">{t("chat.open")}</Button>
      </Flex>
      {refusal && (
        <Alert variation="error" role="alert" heading={t("chat.refused")}>
          {refusal}
        </Alert>
      )}
      {room && (
        <>
          {/* A log (read out as messages arrive) holding a list: the role on the list itself
              would take its list semantics away. */}
          <div role="log" aria-label={t("chat.messages")}>
            <Flex as="ol" direction="column" gap="xs" className="chat-log">
              {messages.map((said, index) => (
                <li key={index} className={said.from === me ? "chat-mine" : "chat-theirs"}>
                  <Text as="span" variation="secondary" fontSize="small">
                    {said.from === me ? t("chat.me") : t("chat.them")} · {formatDate(said.at, lang)}
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
              if (text.trim() && realtime.send(room, text.trim())) setText("");
            }}
          >
            <TextField
              label={t("chat.message")}
              value={text}
              onChange={(event) => setText(event.target.value)}
              maxLength={2000}
              flex="1"
              isDisabled={!joined}
            />
            <Button type="submit" variation="primary" isDisabled={!joined || !open}>
              {t("chat.send")}
            </Button>
          </Flex>
        </>
      )}
    </Page>
  );
}
