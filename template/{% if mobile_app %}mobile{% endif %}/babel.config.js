// Expo's preset for the app and Jest alike; project-wide, so the modules it shares with web/
// (../web/src) are compiled the same way.
module.exports = (api) => {
  api.cache(true);
  return { presets: ["babel-preset-expo"] };
};
