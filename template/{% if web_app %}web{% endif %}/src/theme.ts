// The look: Amplify UI's theme with the product's colours and fonts (Korean glyphs from the
// system's CJK fonts: Noto Sans CJK KR on Linux, Apple SD Gothic Neo, Malgun Gothic).
import { createTheme } from "@aws-amplify/ui-react";

const FONT = [
  "system-ui",
  "-apple-system",
  "'Segoe UI'",
  "Roboto",
  "'Noto Sans'",
  "'Noto Sans CJK KR'",
  "'Apple SD Gothic Neo'",
  "'Malgun Gothic'",
  "sans-serif",
].join(", ");

export const theme = createTheme({
  name: "app",
  tokens: {
    fonts: { default: { variable: { value: FONT }, static: { value: FONT } } },
    colors: {
      primary: {
        10: { value: "#eef2ff" },
        20: { value: "#e0e7ff" },
        40: { value: "#a5b4fc" },
        60: { value: "#6366f1" },
        80: { value: "#4338ca" },
        90: { value: "#3730a3" },
        100: { value: "#312e81" },
      },
    },
    radii: { small: { value: "0.375rem" }, medium: { value: "0.5rem" }, large: { value: "0.75rem" } },
    components: {
      heading: {
        1: { fontSize: { value: "{fontSizes.xxl}" }, fontWeight: { value: "{fontWeights.bold}" } },
        2: { fontSize: { value: "{fontSizes.large}" }, fontWeight: { value: "{fontWeights.semibold}" } },
      },
      card: {
        elevated: { boxShadow: { value: "0 1px 3px hsl(230 20% 20% / 0.12), 0 1px 2px hsl(230 20% 20% / 0.06)" } },
      },
    },
  },
});
