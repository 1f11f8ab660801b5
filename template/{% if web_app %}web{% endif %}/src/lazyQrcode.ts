// What Amplify UI's Authenticator uses of qrcode (vite.config.ts points `qrcode` here): the code
// is loaded when the first QR code is drawn (setting up an authenticator app), not with the
// sign-in form. toDataURL is a promise either way.
export default {
  toDataURL: async (text: string): Promise<string> =>
    (await import("qrcode/lib/browser.js")).toDataURL(text),
};
