/**
 * The pieces every message is built from, each in HTML and in plain text, so a message reads
 * the same in any client (or none: the text part is complete on its own). HTML is plain, with
 * inline styles only, since mail clients drop style sheets; every value is escaped.
 */

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c] ?? c);

/** One part of a message, in both forms. */
export interface Block {
  html: string;
  text: string;
}

export const paragraph = (text: string): Block => ({
  html: `<p style="margin:0 0 16px">${escapeHtml(text).replaceAll("\n", "<br>")}</p>`,
  text,
});

/** Label–value lines: "When: Sat, 3 May 2026, 18:00 – 21:00 BST". */
export function facts(rows: [string, string][]): Block {
  const shown = rows.filter(([, value]) => value);
  return {
    html: `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${shown
      .map(
        ([label, value]) =>
          `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;color:#555;font-weight:600">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value).replaceAll("\n", "<br>")}</td></tr>`,
      )
      .join("")}</table>`,
    text: shown.map(([label, value]) => `${label}: ${value}`).join("\n"),
  };
}

export const button = (label: string, url: string): Block => ({
  html: `<p style="margin:0 0 16px"><a href="${escapeHtml(url)}" style="display:inline-block;background:#1f4fd1;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${escapeHtml(label)}</a></p>`,
  text: `${label}: ${url}`,
});

export const quote = (text: string): Block => ({
  html: `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #c9d3ea;color:#333">${escapeHtml(text).replaceAll("\n", "<br>")}</blockquote>`,
  text: text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n"),
});

export const list = (items: string[]): Block => ({
  html: `<ul style="margin:0 0 16px;padding-left:20px">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
  text: items.map((item) => `- ${item}`).join("\n"),
});

/** A whole message: heading, blocks, and a footer saying why it was sent. */
export function letter(options: { heading: string; blocks: Block[]; footer: string }) {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(options.heading)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f8">
<div style="max-width:560px;margin:0 auto;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p style="margin:0 0 24px;font-weight:700;color:#1f4fd1">◆ Boxoffice</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${escapeHtml(options.heading)}</h1>
${options.blocks.map((block) => block.html).join("\n")}
<p style="margin:24px 0 0;font-size:13px;color:#666">${escapeHtml(options.footer)}</p>
</div>
</body>
</html>
`;
  const text = `${options.heading}\n\n${options.blocks.map((block) => block.text).join("\n\n")}\n\n-- \n${options.footer}\n`;
  return { html, text };
}
