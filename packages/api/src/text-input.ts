/**
 * Control characters other than tab, line feed and carriage return. SQLite reads text only
 * up to a NUL, so `"\u0000x"` would be stored and read back as `""`; the rest have no place
 * in names, titles or searches either.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface ControlCharacterFound {
  /** Where in the input, e.g. `["changes", "title"]`. */
  path: (string | number)[];
  /** The character as `U+0000`. */
  codePoint: string;
}

/**
 * The first string anywhere in `input` holding a control character, or null. Walks with an
 * explicit stack, so a hostile, deeply nested input cannot overflow the call stack.
 */
export function findControlCharacter(input: unknown): ControlCharacterFound | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      const match = controlCharacter.exec(value);
      if (match) {
        const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
        return { path, codePoint: `U+${code}` };
      }
    } else if (Array.isArray(value)) {
      value.forEach((element, index) => stack.push({ value: element, path: [...path, index] }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, element] of Object.entries(value)) {
        stack.push({ value: element, path: [...path, key] });
      }
    }
  }
  return null;
}
