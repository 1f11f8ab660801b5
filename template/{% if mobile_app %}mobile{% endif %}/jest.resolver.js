// Jest resolves the packages that the shared web/src modules import from this app's
// node_modules, as Metro does (metro.config.js): one React, one Amplify.
const path = require("node:path");

const WEB_SRC = path.resolve(__dirname, "../web/src") + path.sep;

module.exports = (request, options) => {
  const fromWeb = options.basedir.startsWith(WEB_SRC) && !request.startsWith(".") && !path.isAbsolute(request);
  return options.defaultResolver(request, fromWeb ? { ...options, basedir: __dirname } : options);
};
