// What the app uses of qrcode (vite.config.ts points `qrcode` here): the profile's two-step
// sign-in and the sign-in forms (auth/Authenticator.tsx) draw a QR code when a user sets up an authenticator app,
// so the code loads then, not with the sign-in form. toDataURL is a promise either way.
import type { QRCodeToDataURLOptions } from "qrcode";

export default {
  toDataURL: async (text: string, options?: QRCodeToDataURLOptions): Promise<string> =>
    (await import("qrcode/lib/browser.js")).toDataURL(text, options),
};
