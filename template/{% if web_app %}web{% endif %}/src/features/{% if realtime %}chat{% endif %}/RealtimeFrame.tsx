// Around the signed-in pages: the realtime connection (when the client config names a WebSocket
// API) and the live notifications it brings, e.g. a file registered from another tab or device.
import { Alert, Flex } from "@aws-amplify/ui-react";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Outputs } from "../../auth/config";
import { idToken } from "../../auth/session";
import { useI18n } from "../../i18n";
import { notificationText, Realtime, type Incoming } from "./realtime";

export { notificationText } from "./realtime";

const Context = createContext<Realtime | undefined>(undefined);
/** The connection for screens under it (RealtimeFrame's; a test's own). */
export const RealtimeProvider = Context.Provider;

/** The signed-in tab's connection; undefined without a WebSocket API. */
export function useRealtime(): Realtime | undefined {
  return useContext(Context);
}

/** Every frame from the server, while the component is on screen. */
export function useIncoming(listener: (message: Incoming) => void): void {
  const realtime = useRealtime();
  useEffect(() => realtime?.subscribe(listener), [realtime, listener]);
}

export function RealtimeFrame({ outputs, children }: { outputs: Outputs; children: ReactNode }) {
  const base = outputs.custom.websocket_url;
  const [realtime, setRealtime] = useState<Realtime>();
  useEffect(() => {
    if (!base) return;
    const connection = new Realtime(base, idToken);
    setRealtime(connection);
    void connection.connect();
    return () => connection.close();
  }, [base]);
  return (
    <Context.Provider value={realtime}>
      {children}
      {realtime && <Notifications realtime={realtime} />}
    </Context.Provider>
  );
}

interface Shown {
  id: number;
  text: string;
}

let next = 0;

function Notifications({ realtime }: { realtime: Realtime }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Shown[]>([]);
  useEffect(
    () =>
      realtime.subscribe((message) => {
        const text = notificationText(message, t);
        if (!text) return;
        const id = (next += 1);
        setShown((all) => [...all.slice(-2), { id, text }]);
        setTimeout(() => setShown((all) => all.filter((one) => one.id !== id)), 8000);
      }),
    [realtime, t],
  );
  return (
    <Flex direction="column" gap="xs" className="notifications" role="status" aria-label={t("realtime.notifications")}>
      {shown.map((one) => (
        <Alert
          key={one.id}
          variation="info"
          isDismissible
          dismissButtonLabel={t("realtime.dismiss")}
          onDismiss={() => setShown((all) => all.filter((other) => other.id !== one.id))}
        >
          {one.text}
        </Alert>
      ))}
    </Flex>
  );
}
