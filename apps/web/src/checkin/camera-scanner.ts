/**
 * The camera side of the door: frames from the back camera are decoded with ZXing (C++ in
 * WebAssembly, the zxing-wasm package), because Chromium on Linux has no BarcodeDetector.
 * Decoder and its 0.9 MB of WebAssembly load only with the door page, from this server
 * (never a CDN), so the app's first load stays small and a door works on a closed network.
 */
import type { readBarcodes } from "zxing-wasm/reader";

type ReadBarcodes = typeof readBarcodes;

let decoder: Promise<ReadBarcodes> | undefined;

function loadDecoder(): Promise<ReadBarcodes> {
  decoder ??= Promise.all([
    import("zxing-wasm/reader"),
    import("zxing-wasm/reader/zxing_reader.wasm?url"),
  ]).then(async ([zxing, wasm]) => {
    await zxing.prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) =>
          path.endsWith(".wasm") ? new URL(wasm.default, location.href).href : prefix + path,
      },
      fireImmediately: true,
    });
    return zxing.readBarcodes;
  });
  return decoder;
}

/** Loads the decoder ahead of time (a door page will scan), so it is there when offline. */
export function preloadDecoder(): Promise<boolean> {
  return loadDecoder().then(
    () => true,
    () => {
      decoder = undefined;
      return false;
    },
  );
}

export interface CameraScanner {
  stop(): void;
}

/** Frames decoded per second at most: enough for a door, gentle on a phone's battery. */
const framesPerSecond = 6;
/** A frame is scaled down to this width before decoding: a ticket QR fills much of it. */
const decodeWidth = 640;

/**
 * Starts the camera into `video` and calls `onCode` with each QR code's text it sees. The
 * same text is not reported again within `repeatMs` (a ticket held up to the camera is one
 * scan). Rejects with a message fit for a person when there is no camera or no permission.
 */
export async function startCameraScanner(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
  repeatMs = 3_000,
): Promise<CameraScanner> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new Error("This browser cannot use a camera here (it needs https or 127.0.0.1).");
  }
  const [readBarcodes, stream] = await Promise.all([
    loadDecoder(),
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .catch((error: unknown) => {
        const name = (error as { name?: string }).name;
        throw new Error(
          name === "NotAllowedError"
            ? "The camera was not allowed. Allow it in the browser's site settings, or type codes below."
            : "No camera could be started. Type references or codes below instead.",
        );
      }),
  ]);
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();

  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = { text: "", at: 0 };

  const tick = async () => {
    if (stopped) return;
    if (context && video.videoWidth > 0) {
      const scale = Math.min(1, decodeWidth / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      try {
        const [found] = await readBarcodes(frame, {
          formats: ["QRCode"],
          maxNumberOfSymbols: 1,
          tryHarder: true,
        });
        const text = found?.isValid ? found.text : "";
        const now = Date.now();
        if (text && (text !== last.text || now - last.at > repeatMs)) {
          last = { text, at: now };
          onCode(text);
        } else if (text) {
          last.at = now;
        }
      } catch {
        // A frame that cannot be decoded is just a frame without a code.
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), 1_000 / framesPerSecond);
  };
  void tick();

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
