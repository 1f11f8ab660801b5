import "@aws-amplify/ui-react/styles.css";
import "./styles.css";
import { Alert, Heading, ThemeProvider, View } from "@aws-amplify/ui-react";
import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import { configure, isConsolePath, loadOutputs } from "./auth/config";
import { USER_SITE } from "./features";
import { theme } from "./theme";

const root = createRoot(document.getElementById("root") as HTMLElement);

// The admin console (src/admin/, there only when the project has an admin pool) answers under
// /admin with its own client config (the admin pool); its code is loaded only there.
const adminConsole = import.meta.glob<{ start: (root: Root) => Promise<void> }>("./admin/index.tsx")[
  "./admin/index.tsx"
];

const started =
  adminConsole && isConsolePath(location.pathname)
    ? adminConsole().then((module) => module.start(root))
    : loadOutputs().then((outputs) => {
        configure(outputs);
        root.render(
          <StrictMode>
            <App outputs={outputs} site={USER_SITE} />
          </StrictMode>,
        );
      });

started.catch((error: unknown) =>
  // Before the language is known: said in both.
  root.render(
    <ThemeProvider theme={theme}>
      <View as="main" padding="large" maxWidth="40rem" marginInline="auto">
        <Heading level={1}>The app could not start · 앱을 시작할 수 없습니다</Heading>
        <Alert variation="error" role="alert">
          {String(error)}
        </Alert>
      </View>
    </ThemeProvider>,
  ),
);
