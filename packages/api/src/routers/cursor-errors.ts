import { TRPCError } from "@trpc/server";
import { InvalidCursorError } from "../queries/events.ts";

/** A cursor the client made up or kept too long is its mistake (400), not ours. */
export async function withValidCursor<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
    }
    throw error;
  }
}
