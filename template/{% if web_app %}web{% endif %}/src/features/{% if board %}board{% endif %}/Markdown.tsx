// A post's body, written in markdown, rendered as React elements: raw HTML is never rendered
// (react-markdown escapes it) and javascript: links are dropped. Pictures are attachments, so
// markdown images are not loaded (the Content-Security-Policy would refuse most of them).
import ReactMarkdown from "react-markdown";

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml disallowedElements={["img"]}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
