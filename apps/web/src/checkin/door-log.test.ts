import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it } from "vitest";
import { createDoorLog } from "./door-log.ts";

describe("the door's log on this device", () => {
  beforeEach(() => localStorage.clear());

  it("keeps queued check-ins, scanned tickets and conflicts across a reload", () => {
    createRoot((dispose) => {
      const door = createDoorLog(5);
      door.enqueue({ ticketId: 9, seat: 2, token: "t", scannedAt: 1_000 });
      door.admitted(3, 500);
      dispose();
    });
    createRoot((dispose) => {
      const again = createDoorLog(5);
      expect(again.log.queue).toEqual([{ ticketId: 9, seat: 2, token: "t", scannedAt: 1_000 }]);
      expect(again.log.scanned).toEqual({ 3: 500, 9: 1_000 });
      again.settle(9, { ticketId: 9, seat: 2, scannedAt: 1_000, message: "Already checked in" });
      dispose();
    });
    createRoot((dispose) => {
      const third = createDoorLog(5);
      expect(third.log.queue).toEqual([]);
      expect(third.log.conflicts).toHaveLength(1);
      expect(createDoorLog(6).log.queue).toEqual([]);
      dispose();
    });
  });

  it("starts afresh from a damaged entry rather than blocking the door", () => {
    localStorage.setItem("boxoffice.door.7", "{not json");
    createRoot((dispose) => {
      expect(createDoorLog(7).log).toEqual({ queue: [], scanned: {}, conflicts: [] });
      dispose();
    });
  });
});
