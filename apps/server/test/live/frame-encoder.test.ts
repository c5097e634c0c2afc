import { describe, expect, it } from "vitest";
import { frameEncoder } from "../../src/frame-encoder.ts";

/** Data that counts how often it is encoded (JSON.stringify calls toJSON each time). */
function countedData(figures: Record<string, unknown>) {
  const counted = { encoded: 0 };
  const data = {
    toJSON() {
      counted.encoded++;
      return figures;
    },
  };
  return { data, counted };
}

const frame = (id: number, trackedId: string, data: unknown) => ({
  id,
  jsonrpc: "2.0",
  result: { type: "data", id: trackedId, data },
});

describe("the WebSocket frame encoder", () => {
  it("writes exactly what JSON.stringify writes, for every kind of message", () => {
    const change = {
      eventId: 3,
      availableSeats: 7,
      capacity: 10,
      title: 'a "quoted" \u2028 title',
    };
    const messages: unknown[] = [
      frame(1, "42", change),
      frame(2, "43", { nested: { list: [1, "two", null] } }),
      frame(3, "44", [1, 2, 3]),
      frame(4, "45", "text"),
      frame(5, "46", null),
      { id: 6, jsonrpc: "2.0", result: { type: "started" } },
      { id: 7, jsonrpc: "2.0", result: { type: "stopped" } },
      { id: 8, jsonrpc: "2.0", error: { code: -32600, message: "Bad request" } },
      // A result whose data is not its last key is encoded whole, unchanged.
      { id: 9, jsonrpc: "2.0", result: { data: change, type: "data" } },
      { result: { type: "data", data: change }, id: 10 },
      "PONG",
    ];
    for (const message of messages) {
      expect(frameEncoder.encode(message)).toBe(JSON.stringify(message));
    }
  });

  it("encodes a change's data once however many subscribers it goes to", () => {
    const { data, counted } = countedData({ eventId: 1, availableSeats: 99 });
    const frames = Array.from({ length: 1_000 }, (_, subscriber) =>
      frameEncoder.encode(frame(subscriber, "7", data)),
    );
    expect(counted.encoded).toBe(1);
    expect(frames[0]).toBe(
      '{"id":0,"jsonrpc":"2.0","result":{"type":"data","id":"7","data":{"eventId":1,"availableSeats":99}}}',
    );
    expect(frames[999]).toBe(JSON.stringify(frame(999, "7", { eventId: 1, availableSeats: 99 })));
  });

  it("decodes as tRPC's JSON encoder does", () => {
    expect(frameEncoder.decode('{"id":1,"method":"subscription"}')).toEqual({
      id: 1,
      method: "subscription",
    });
  });
});
