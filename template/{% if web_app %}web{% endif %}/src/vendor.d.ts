// Modules vite.config.ts names that ship no types of their own.
declare module "@aws-amplify/ui/korean" {
  /** Amplify UI's Korean strings for the Authenticator (the `kr` of its `translations`). */
  export const krDict: Record<string, string>;
}

declare module "qrcode/lib/browser.js" {
  export { toDataURL } from "qrcode"; // the browser build of the package @types/qrcode describes
}
