// The frame of every page: a skip link, the header (name, navigation, language, sign-out) and
// the main region, which takes the focus to its heading after each navigation.
import { Button, Flex, Heading, Link, Text, View } from "@aws-amplify/ui-react";
import { Suspense, useEffect, useRef } from "react";
import { NavLink, Link as RouterLink, Outlet, useLocation, useRouteError } from "react-router";
import { endSession, useSession } from "../auth/session";
import { useI18n } from "../i18n";
import { PROJECT_NAME } from "../project";
import { useSite } from "../site";
import { ErrorAlert } from "./ErrorAlert";
import { LanguageSelect } from "./LanguageSelect";
import { Loading } from "./Loading";
import { Page } from "./Page";

export function Layout() {
  const { t } = useI18n();
  const session = useSession();
  const site = useSite();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>(".page-heading")?.focus();
  }, [pathname]);
  const signedIn = session.status === "signedIn";
  const links = site.capabilities.filter((capability) => signedIn || !capability.signedIn);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <View as="header" className="app-header">
        <Flex
          className="app-header-inner"
          alignItems="center"
          justifyContent="space-between"
          wrap="wrap"
          gap="small"
        >
          <RouterLink to={site.home} className="brand">
            {site.admin ? t("admin.brand", { name: PROJECT_NAME }) : PROJECT_NAME}
          </RouterLink>
          {links.length > 0 && (
            <Flex as="nav" aria-label={t("nav.label")} gap="medium" className="app-nav">
              {links.map(({ nav }) => (
                <NavLink key={nav.to} to={nav.to} className="nav-link">
                  {t(nav.label)}
                </NavLink>
              ))}
            </Flex>
          )}
          <Flex alignItems="center" gap="small">
            <LanguageSelect labelHidden />
            {signedIn && (
              <Button size="small" variation="link" onClick={() => void endSession()}>
                {t("nav.signOut")}
              </Button>
            )}
          </Flex>
        </Flex>
      </View>
      <View as="main" id="main" ref={main} tabIndex={-1} className="app-main">
        {/* While a page's code loads the first time (site.tsx lazyPage); a later navigation keeps
            the page it leaves until then (a transition), so the focus moves as before. */}
        <Suspense fallback={<Loading label={t("common.loading")} />}>
          <Outlet />
        </Suspense>
      </View>
    </>
  );
}

export function NotFound() {
  const { t } = useI18n();
  const { home } = useSite();
  return (
    <Page title={t("notFound.title")}>
      <Text>{t("notFound.text")}</Text>
      <Link as={RouterLink} to={home}>
        {t("notFound.home")}
      </Link>
    </Page>
  );
}

/** A render error anywhere below the layout: said on screen, never a blank page. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <View padding="large">
      <Heading level={1}>{t("error.title")}</Heading>
      <ErrorAlert error={error} />
    </View>
  );
}
