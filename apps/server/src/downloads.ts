import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { bookingsCsvFor, eventCalendarFor, type Context } from "@boxoffice/api";

interface DownloadFile {
  contentType: string;
  contentDisposition: string;
  body: string;
}

/** A file an event offers for download: where it lives and how the API makes it. */
interface Download {
  path: RegExp;
  make(ctx: Context, eventId: number, siteUrl: string): Promise<DownloadFile>;
}

const downloads: Download[] = [
  {
    // The bookings of an event; who may download is the API's rule (bookingsCsvFor).
    path: /^\/api\/events\/(\d{1,15})\/bookings\.csv$/,
    async make(ctx, eventId) {
      const csv = await bookingsCsvFor(ctx, eventId);
      return { contentType: "text/csv; charset=utf-8", ...csv };
    },
  },
  {
    // "Add to calendar": the event as an .ics in its own zone. Made on the server: the
    // calendar library and its zone rules would add tens of kilobytes to the web app.
    path: /^\/api\/events\/(\d{1,15})\/calendar\.ics$/,
    async make(ctx, eventId, siteUrl) {
      const calendar = await eventCalendarFor(ctx, eventId, siteUrl);
      return {
        contentType: "text/calendar; charset=utf-8",
        contentDisposition: `attachment; filename="${calendar.fileName}"`,
        body: calendar.body,
      };
    },
  },
];

/** The download at `pathname` with its event id, or null for any other path. */
export function downloadAt(pathname: string): { download: Download; eventId: number } | null {
  for (const download of downloads) {
    const match = download.path.exec(pathname);
    if (match?.[1]) return { download, eventId: Number(match[1]) };
  }
  return null;
}

/**
 * Sends the file. A refusal (not found, not allowed) keeps the API's message and gets the
 * status tRPC would give it; anything else is the server's fault and goes up.
 */
export async function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  { download, eventId }: NonNullable<ReturnType<typeof downloadAt>>,
  siteUrl: string,
) {
  let file: DownloadFile;
  try {
    file = await download.make(ctx, eventId, siteUrl);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    res.writeHead(getHTTPStatusCodeFromError(error), {
      "content-type": "text/plain; charset=utf-8",
    });
    res.end(`${error.message}\n`);
    return;
  }
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-disposition": file.contentDisposition,
    "cache-control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : file.body);
}
