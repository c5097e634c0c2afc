import { createResource, Show } from "solid-js";

/** qrcode loads with the first ticket shown, not with the app. */
const qrcode = () => import("qrcode").then((module) => module.default);

/** A QR code as a PNG data URL: error correction M, a quiet zone of 4 modules. */
export async function qrDataUrl(text: string, width = 320): Promise<string> {
  return (await qrcode()).toDataURL(text, { errorCorrectionLevel: "M", margin: 4, width });
}

/** A ticket's QR code, drawn in the browser from its signed token. */
export function TicketQr(props: { token: string; label: string }) {
  const [src] = createResource(
    () => props.token,
    (token) => qrDataUrl(token),
  );
  return (
    <Show when={src()} fallback={<div class="ticket-qr ticket-qr-pending" aria-hidden="true" />}>
      {(url) => <img class="ticket-qr" src={url()} alt={props.label} width="320" height="320" />}
    </Show>
  );
}
