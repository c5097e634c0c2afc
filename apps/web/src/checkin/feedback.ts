/**
 * What a door hears and feels: a short high beep and one buzz for "let in", a low double tone
 * and a long buzz for "stop". Best effort: a browser without audio or vibration stays silent.
 */
let audio: AudioContext | undefined;

export function signal(kind: "ok" | "stop"): void {
  navigator.vibrate?.(kind === "ok" ? 80 : [250, 80, 250]);
  try {
    audio ??= new AudioContext();
    const tones =
      kind === "ok"
        ? [[1320, 0, 0.12]]
        : [
            [220, 0, 0.18],
            [180, 0.22, 0.3],
          ];
    for (const [frequency = 440, start = 0, length = 0.1] of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = kind === "ok" ? "sine" : "square";
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.08;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + start);
      oscillator.stop(audio.currentTime + start + length);
    }
  } catch {
    // No audio here (or not allowed yet): the colour and the words still say it.
  }
}
