// Metro bundles this app and the modules it shares with the web app (web/src: the typed API
// client, the config loader, the session, the queries, the language dictionaries), imported as
// `@web/…`. The packages those modules import are this app's own (mobile/node_modules), never
// web/node_modules: Amplify keeps its configuration in a module-level singleton, and a second copy
// would never be configured (the point of Expo's monorepo guide; its disableHierarchicalLookup
// would also hide the packages nested under mobile/node_modules, so this resolves web/src's
// imports as if this app's root had made them).
const path = require("node:path");
const { getDefaultConfig } = require("expo/metro-config");

const WEB_SRC = path.resolve(__dirname, "../web/src");
const AS_THIS_APP = path.join(__dirname, "package.json");

const config = getDefaultConfig(__dirname);
config.watchFolders = [WEB_SRC];
config.resolver.resolveRequest = (context, name, platform) => {
  if (name.startsWith("@web/")) {
    return context.resolveRequest(context, path.join(WEB_SRC, name.slice("@web/".length)), platform);
  }
  const fromWeb = context.originModulePath.startsWith(WEB_SRC + path.sep) && !name.startsWith(".");
  return context.resolveRequest(fromWeb ? { ...context, originModulePath: AS_THIS_APP } : context, name, platform);
};

module.exports = config;
