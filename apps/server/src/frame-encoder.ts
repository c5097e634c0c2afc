import { jsonEncoder, type Encoder } from "@trpc/server/adapters/ws";

/** Each change's data as JSON, made once however many subscribers it goes to. */
const encodedData = new WeakMap<object, string>();
/** Stands in for the shared data while a frame's wrapper is encoded; never in real data. */
const placeholder = "\u0000boxoffice:shared-data\u0000";
const encodedPlaceholder = JSON.stringify(placeholder);

/**
 * The WebSocket encoder: JSON text frames, as tRPC's own, except that a subscription's data
 * is encoded once per change rather than once per subscriber. A change fans out to every
 * subscriber of an event as the same data object (the feed hands every subscription the
 * same row, and streamChanges maps a row to its data once per shape), inside a frame that
 * differs per subscriber only in its ids: the wrapper is encoded per frame with a
 * placeholder where the data goes, and the data's JSON, made once, is put in its place.
 * Anything else is encoded exactly as jsonEncoder does.
 */
export const frameEncoder: Encoder = {
  encode(message: unknown) {
    const shared = sharedDataOf(message);
    if (shared === undefined) return jsonEncoder.encode(message);
    let replaced = false;
    const frame = JSON.stringify(message, (_key, value: unknown) => {
      if (value !== shared) return value;
      replaced = true;
      return placeholder;
    });
    // Data with its own toJSON never reaches the replacer: then the frame is complete as is.
    if (!replaced) return frame;
    let json = encodedData.get(shared);
    if (json === undefined) {
      json = JSON.stringify(shared);
      encodedData.set(shared, json);
    }
    // A function, so that `$` in the data is not read as a replacement pattern.
    return frame.replace(encodedPlaceholder, () => json);
  },
  decode: jsonEncoder.decode,
};

/**
 * A subscription frame's data, when it is an object worth sharing: `result.data`, or for a
 * tracked change (tRPC wraps it as `{ id, data }` per frame) `result.data.data`.
 */
function sharedDataOf(message: unknown): object | undefined {
  const result = field(message, "result");
  if (field(result, "type") !== "data") return;
  const data = field(result, "data");
  const tracked = field(result, "id") !== undefined ? field(data, "data") : data;
  return typeof tracked === "object" && tracked !== null ? tracked : undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
