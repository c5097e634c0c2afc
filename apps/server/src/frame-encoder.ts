import { jsonEncoder, type Encoder } from "@trpc/server/adapters/ws";

/** Each change's data as JSON, made once however many subscribers it goes to. */
const encodedData = new WeakMap<object, string>();
const tail = "null}}";

/**
 * The WebSocket encoder: JSON text frames, as tRPC's own, except that a subscription's data
 * is encoded once per change rather than once per subscriber. A change fans out to every
 * subscriber of an event as the same data object (the feed hands every subscription the
 * same row, and streamChanges maps a row to its data once per shape), wrapped in a frame
 * that differs per subscriber only in its ids: the wrapper is encoded per frame, the data
 * spliced in. Anything else is encoded exactly as jsonEncoder does.
 */
export const frameEncoder: Encoder = {
  encode(message: unknown) {
    const data = dataOf(message);
    if (data === undefined) return jsonEncoder.encode(message);
    let json = encodedData.get(data);
    if (json === undefined) {
      json = JSON.stringify(data);
      encodedData.set(data, json);
    }
    const { result } = message as { result: object };
    const frame = JSON.stringify({ ...(message as object), result: { ...result, data: null } });
    // `data` is the result's last key and `result` the message's: splice the encoded data in.
    if (!frame.endsWith(`"data":${tail}`)) return jsonEncoder.encode(message);
    return `${frame.slice(0, -tail.length)}${json}}}`;
  },
  decode: jsonEncoder.decode,
};

/** A subscription frame's data, when it is an object (the case worth sharing). */
function dataOf(message: unknown): object | undefined {
  if (typeof message !== "object" || message === null || !("result" in message)) return;
  const { result } = message;
  if (typeof result !== "object" || result === null || !("data" in result)) return;
  const keys = Object.keys(message);
  if (keys[keys.length - 1] !== "result") return;
  const resultKeys = Object.keys(result);
  if (resultKeys[resultKeys.length - 1] !== "data") return;
  return typeof result.data === "object" && result.data !== null ? result.data : undefined;
}
