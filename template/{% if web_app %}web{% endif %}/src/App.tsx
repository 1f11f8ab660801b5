// The app: providers (theme, language, data cache, session), the layout and one route tree built
// from the capabilities in features/.
import { ThemeProvider } from "@aws-amplify/ui-react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from "react-router";
import { ApiError } from "./api/client";
import type { Outputs } from "./auth/config";
import { OAuthReturn, RequireSignIn } from "./auth/RequireSignIn";
import { SessionProvider } from "./auth/session";
import { Layout, NotFound, RouteError } from "./components/Layout";
import { bundlesUrl, I18nProvider } from "./i18n";
import { SiteProvider, type Site } from "./site";
import { theme } from "./theme";

export function routes(outputs: Outputs, { capabilities, home }: Site): RouteObject[] {
  const signedIn = capabilities.flatMap((capability) =>
    capability.signedIn ? capability.routes : (capability.signedInRoutes ?? []),
  );
  const open = capabilities.filter((capability) => !capability.signedIn);
  return [
    {
      Component: Layout,
      ErrorBoundary: RouteError,
      children: [
        { index: true, element: <Navigate to={home} replace /> },
        {
          element: <RequireSignIn outputs={outputs} />,
          children: signedIn,
        },
        ...open.flatMap((capability) => capability.routes),
        // Where the hosted UI sends users back after Google or Apple (config.py's callback URLs).
        { path: "auth/callback", Component: OAuthReturn },
        { path: "*", Component: NotFound },
      ],
    },
  ];
}

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a 5xx or a lost connection might.
        retry: (failures, error) =>
          failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
        staleTime: 30_000,
      },
    },
  });
}

/** The users' app or the admin console (`site`), configured from `outputs`. */
export function App({ outputs, site }: { outputs: Outputs; site: Site }) {
  const [queryClient] = useState(newQueryClient);
  const [router] = useState(() =>
    createBrowserRouter(routes(outputs, site), { basename: site.basename }),
  );
  // Another user may sign in next on this device: forget what was loaded for this one.
  const forget = useCallback(() => queryClient.clear(), [queryClient]);
  return (
    <ThemeProvider theme={theme}>
      <SiteProvider value={site}>
      <I18nProvider bundles={bundlesUrl(outputs.custom.files_base_url)}>
        <QueryClientProvider client={queryClient}>
          <SessionProvider onSignedOut={forget}>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </I18nProvider>
      </SiteProvider>
    </ThemeProvider>
  );
}
