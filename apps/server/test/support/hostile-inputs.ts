import fc from "fast-check";

/**
 * Generators of input no procedure may accept. Each one is invalid by construction (not
 * "probably invalid"), so a test can demand a refusal and an unchanged database for every
 * value. Strings stay short enough to fit in a GET query string.
 */

/** What attackers and broken clients send: SQL, LIKE wildcards, spreadsheet formulas, oddities. */
export const hostileStrings = [
  "' OR '1'='1",
  "1; DROP TABLE events; --",
  "' UNION SELECT password_hash FROM users --",
  '" OR ""="',
  "%",
  "_",
  "%_%",
  "\\",
  "=SUM(A1)",
  "+1",
  "-2",
  "@cmd",
  '=HYPERLINK("http://evil.example")',
  "\t=1+1",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "${7*7}",
  "{{7*7}}",
  "\u0000",
  "\uD800",
  "\u202Eevil",
  "😀",
  "null",
  "undefined",
  "NaN",
  "true",
  "[]",
  "{}",
  "__proto__",
  "",
  " ",
  "\r\n",
];

export const hostileString = fc.constantFrom(...hostileStrings);

export const anyString = fc.oneof(
  hostileString,
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/** A string of `min`..`max` letters: over a length limit whatever trimming happens. */
export const lettersBetween = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => "x".repeat(n));

/** Objects where a string belongs: the NoSQL-injection shape, arrays, nested junk. */
const structured = fc.oneof(
  fc.constant({}),
  fc.constant({ $gt: "" }),
  fc.constant([]),
  fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

/** Any JSON value but a string (and not null, which some optional fields accept). */
export const notAString = fc.oneof(fc.integer(), finite, fc.boolean(), structured);

/** Any JSON value but a number, null included. */
export const notANumber = fc.oneof(
  anyString,
  fc.constantFrom("1", "10", "1e3", "0x10", " 5 "),
  fc.boolean(),
  fc.constant(null),
  structured,
);

export const fractional = finite.filter((n) => !Number.isInteger(n));

/** Anything that is not a positive safe integer: zero, negatives, fractions, huge, non-numbers. */
export const notAnId = fc.oneof(
  fc.integer({ max: 0 }),
  fractional,
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 1e21, 1e300, -1),
  notANumber,
);

/** A well-formed id no row has. */
export const unknownId = fc.integer({ min: 1_000_000, max: Number.MAX_SAFE_INTEGER });

/** Whole numbers outside `min`..`max`, fractions and non-numbers. */
export const outsideRange = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fractional.filter((n) => n > min && n < max),
    fc.constantFrom(1e300, -1e300),
    notANumber,
  );

const year2000 = Date.UTC(2000, 0, 1);
const year2200 = Date.UTC(2200, 0, 1);

/** Not an epoch-ms between 2000 and 2200, nor an ISO date-time with a zone. */
export const badTimestamp = fc.oneof(
  fc.integer({ min: -8.64e15, max: year2000 - 1 }),
  fc.integer({ min: year2200, max: 8.64e15 }),
  fc.double({ min: year2000, max: year2200, noNaN: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom(
    "tomorrow",
    "2030-01-01",
    "2030-01-01T10:00:00",
    "2030-13-01T00:00:00Z",
    "2030-02-30T25:61:00Z",
    "1999-12-31T23:59:59Z",
    "2200-01-01T00:00:00Z",
    "2030-01-01T10:00:00+25:00",
  ),
  hostileString,
  fc.boolean(),
  fc.constant(null),
  structured,
);

/** Characters a tag may not contain (tags are letters, digits, spaces, & and -). */
const notInTags = [";", "%", '"', "'", "=", "<", "*", "(", "_", "/", "\\", ".", "\u0000", "😀"];

export const badTag = fc.oneof(
  fc.constantFrom("", "   ", "-leading-dash", "&amp"),
  lettersBetween(31, 60),
  fc
    .tuple(
      fc.stringMatching(/^[a-z]{0,5}$/),
      fc.constantFrom(...notInTags),
      fc.string({ maxLength: 5 }),
    )
    .map(([before, bad, after]) => `a${before}${bad}${after}`),
  notAString,
  fc.constant(null),
);

const goodTag = fc.constantFrom("music", "jazz", "tech", "art");

export const badTags = fc.oneof(
  anyString,
  fc.integer(),
  fc.constant(null),
  fc.constant({ 0: "music" }),
  fc.array(goodTag, { minLength: 11, maxLength: 15 }),
  fc
    .tuple(fc.array(goodTag, { maxLength: 3 }), badTag, fc.array(goodTag, { maxLength: 3 }))
    .map(([before, bad, after]) => [...before, bad, ...after]),
);

/** Never a syntactically valid email of at most 254 characters. */
export const badEmail = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !s.includes("@")),
  hostileString.filter((s) => !s.includes("@") || s === "@cmd"),
  fc.constantFrom("a@b", "a@@example.com", "a b@example.com", "@example.com", "a@", "a@.com"),
  fc.constant(`${"a".repeat(250)}@example.com`),
  notAString,
  fc.constant(null),
);

/** Not a string of 8–256 characters. */
export const badNewPassword = fc.oneof(
  fc.string({ maxLength: 7 }),
  lettersBetween(257, 400),
  notAString,
  fc.constant(null),
);

/** Not a JSON object: what a client sends when it has the shape entirely wrong. */
export const notAnObject = fc.oneof(
  anyString,
  fc.integer(),
  finite,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
);

/** Keys a mass-assignment attempt adds; zod drops them, and they must change nothing. */
const junkEntries: [string, unknown][] = [
  ["__proto__", { role: "admin" }],
  ["constructor", { prototype: { role: "admin" } }],
  ["role", "admin"],
  ["createdBy", 1],
  ["availableSeats", 1_000_000],
  ["userId", 1],
  ["status", "confirmed"],
];

/**
 * `valid` with exactly one field replaced by a bad value (or, for a required field,
 * removed), plus some junk keys the schema does not know.
 */
export function oneBadField(
  valid: Record<string, unknown>,
  bad: Record<string, fc.Arbitrary<unknown>>,
  required: string[] = [],
): fc.Arbitrary<Record<string, unknown>> {
  const known = new Set([...Object.keys(valid), ...Object.keys(bad)]);
  const junk = fc.subarray(junkEntries.filter(([key]) => !known.has(key))).map((entries) => {
    const object: Record<string, unknown> = {};
    // defineProperty: an own "__proto__" key, as JSON.parse on the server would make it.
    for (const [key, value] of entries) {
      Object.defineProperty(object, key, { value, enumerable: true, writable: true });
    }
    return object;
  });
  const broken = Object.entries(bad).map(([key, value]) =>
    value.map((badValue) => ({ ...valid, [key]: badValue })),
  );
  const missing = required.map((key) =>
    fc.constant(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
  );
  return fc
    .tuple(junk, fc.oneof(...broken, ...missing))
    .map(([extra, input]) => ({ ...extra, ...input }));
}
