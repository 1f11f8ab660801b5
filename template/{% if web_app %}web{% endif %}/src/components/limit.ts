// A text field the API limits: the browser's maxLength, a counter from 80% of the limit on, and,
// at the limit, the sentence saying so, so a longer paste cut there is never cut in silence.
import type { Translate } from "../i18n";

/** Characters as the API counts them (code points, as Python's len). */
export function length(text: string): number {
  return [...text].length;
}

/** Props for an Amplify UI text field holding `value`, limited to `max`; `hint`: its own text. */
export function limitProps(value: string, max: number, field: string, t: Translate, hint?: string) {
  const used = length(value);
  if (used < max * 0.8) return { maxLength: max, descriptiveText: hint };
  const counter = t("limit.counter", { used, max });
  const said = used >= max ? `${counter} · ${t("invalid.tooLong", { field, limit: max })}` : counter;
  return { maxLength: max, descriptiveText: hint ? `${hint} ${said}` : said };
}
