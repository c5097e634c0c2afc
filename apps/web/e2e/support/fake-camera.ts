/**
 * A YUV4MPEG2 (.y4m) video for Chromium's fake camera (`--use-file-for-fake-video-capture`),
 * made from RGBA pixels: a short header, then per frame `FRAME\n` and the Y, U and V planes
 * (4:2:0, BT.601 studio range). Chromium loops the file, so a few identical frames make a
 * steady picture.
 */
export function y4mFromRgba(width: number, height: number, rgba: Uint8Array, frames = 5): Buffer {
  if (width % 2 || height % 2) throw new Error("y4m 4:2:0 frames need even dimensions");
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array((width / 2) * (height / 2));
  const clamp = (n: number) => Math.max(0, Math.min(255, Math.round(n)));
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const at = (row * width + column) * 4;
      const [r = 0, g = 0, b = 0] = [rgba[at], rgba[at + 1], rgba[at + 2]];
      y[row * width + column] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
  }
  for (let row = 0; row < height; row += 2) {
    for (let column = 0; column < width; column += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const at = ((row + dy) * width + column + dx) * 4;
        r += rgba[at] ?? 0;
        g += rgba[at + 1] ?? 0;
        b += rgba[at + 2] ?? 0;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      const index = (row / 2) * (width / 2) + column / 2;
      u[index] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[index] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, u, v]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array.from({ length: frames }, () => frame),
  ]);
}
