/** What is printed on a saved ticket image besides its QR code. */
export interface TicketImage {
  qrDataUrl: string;
  title: string;
  when: string;
  where: string;
  holder: string;
  seatLine: string;
  reference: string;
  code: string;
  fileName: string;
}

const loadImage = (src: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The QR code could not be drawn."));
    image.src = src;
  });

/** Lines of `text` that fit `width` on `context` (words kept whole, long ones cut). */
function wrap(context: CanvasRenderingContext2D, text: string, width: number, max = 2): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (context.measureText(next).width <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, max);
}

/**
 * Draws a ticket (title, time, place, holder, seat, QR, reference, code) on a white canvas
 * and downloads it as a PNG: a picture a phone keeps in its gallery and shows at the door
 * without a connection.
 */
export async function saveTicketPng(ticket: TicketImage): Promise<void> {
  const width = 600;
  const height = 900;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw images.");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#151827";
  context.textBaseline = "top";
  let y = 40;
  context.font = "bold 34px system-ui, sans-serif";
  for (const line of wrap(context, ticket.title, width - 80)) {
    context.fillText(line, 40, y);
    y += 42;
  }
  context.font = "22px system-ui, sans-serif";
  for (const text of [ticket.when, ticket.where, `${ticket.holder} · ${ticket.seatLine}`]) {
    if (!text) continue;
    for (const line of wrap(context, text, width - 80)) {
      context.fillText(line, 40, y + 8);
      y += 30;
    }
  }
  const qr = await loadImage(ticket.qrDataUrl);
  const size = 420;
  context.drawImage(qr, (width - size) / 2, y + 30, size, size);
  y += 30 + size + 24;
  context.textAlign = "center";
  context.font = "bold 34px ui-monospace, monospace";
  context.fillText(ticket.reference, width / 2, y);
  context.font = "18px ui-monospace, monospace";
  context.fillText(ticket.code, width / 2, y + 48);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The ticket image could not be made.");
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = ticket.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
