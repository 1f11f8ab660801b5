import "@aws-amplify/ui-react/styles.css";
import "./styles.css";
import { Alert, Heading, ThemeProvider, View } from "@aws-amplify/ui-react";
import { Amplify } from "aws-amplify";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApi, createPublicApi, setApi } from "./api/client";
import { App } from "./App";
import { amplifyConfig, loadOutputs } from "./auth/config";
import { endSession, idToken } from "./auth/session";
import { theme } from "./theme";

const root = createRoot(document.getElementById("root") as HTMLElement);

loadOutputs().then(
  (outputs) => {
    Amplify.configure(amplifyConfig(outputs));
    setApi(
      createApi({
        baseUrl: outputs.custom.api_url.replace(/\/$/, ""),
        idToken,
        // The API refused the token (expired or revoked): back to the sign-in form.
        onUnauthorized: () => void endSession(),
      }),
      createPublicApi(outputs.custom.public_api_url.replace(/\/$/, "")),
    );
    root.render(
      <StrictMode>
        <App outputs={outputs} />
      </StrictMode>,
    );
  },
  (error: unknown) =>
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
