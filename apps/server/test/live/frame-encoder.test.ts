import { describe, expect, it } from "vitest";
import { frameEncoder } from "../../src/frame-encoder.ts";

/** Data that counts how often it is encoded (JSON.stringify reads each property once). */
function countedData() {
  const counted = { encoded: 0 };
  const data = {
    get eventId() {
      counted.encoded++;
      return 1;
    },
    availableSeats: 99,
  };
  return { data, counted };
}

/** A tracked change as tRPC's WebSocket adapter frames it (ws.ts: result.data = { id, data }). */
const trackedFrame = (id: number, trackedId: string, data: unknown) => ({
  id,
  jsonrpc: "2.0",
  result: { type: "data", data: { id: trackedId, data }, id: trackedId },
});

describe("the WebSocket frame encoder", () => {
  it("writes exactly what JSON.stringify writes, for every kind of message", () => {
    const change = {
      eventId: 3,
      availableSeats: 7,
      title: 'a "quoted" \u2028 title with $& and $1 and \u0000boxoffice:shared-data\u0000',
    };
    const messages: unknown[] = [
      trackedFrame(1, "42", change),
      trackedFrame(2, "43", { nested: { list: [1, "two", null] } }),
      trackedFrame(3, "44", [1, 2, 3]),
      trackedFrame(4, "45", "text"),
      trackedFrame(5, "46", null),
      // Data with its own toJSON is encoded as JSON.stringify does (not shared).
      trackedFrame(6, "47", new Date(0)),
      { id: 6, jsonrpc: "2.0", result: { type: "data", data: change } },
      { id: 7, jsonrpc: "2.0", result: { type: "started" } },
      { id: 8, jsonrpc: "2.0", result: { type: "stopped" } },
      { id: 9, jsonrpc: "2.0", error: { code: -32600, message: "Bad request" } },
      "PONG",
    ];
    for (const message of messages) {
      expect(frameEncoder.encode(message)).toBe(JSON.stringify(message));
    }
  });

  it("encodes a change's data once however many subscribers it goes to", () => {
    const { data, counted } = countedData();
    const frames = Array.from({ length: 1_000 }, (_, subscriber) =>
      frameEncoder.encode(trackedFrame(subscriber, "7", data)),
    );
    expect(counted.encoded).toBe(1);
    expect(frames[0]).toBe(
      '{"id":0,"jsonrpc":"2.0","result":{"type":"data","data":{"id":"7","data":{"eventId":1,"availableSeats":99}},"id":"7"}}',
    );
    expect(frames[999]).toBe(
      JSON.stringify(trackedFrame(999, "7", { eventId: 1, availableSeats: 99 })),
    );
  });

  it("decodes as tRPC's JSON encoder does", () => {
    expect(frameEncoder.decode('{"id":1,"method":"subscription"}')).toEqual({
      id: 1,
      method: "subscription",
    });
  });
});
