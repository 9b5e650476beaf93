/**
 * The string formats of a CRD schema that are cheap to check exactly as the
 * API server does (kube-openapi's format registry). A check stricter than
 * the server's would make a cache drop objects the server accepted, so a
 * format is checked here only where the rule is known to match; the others
 * pass.
 *
 * @module
 */

const uuid = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const uuid5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const fullDate = /^(\d{4})-(\d{2})-(\d{2})$/;
// The time after the `T`: any one character may stand before the fraction.
const time = /^(\d{2}):(\d{2}):(\d{2})(.[0-9]+)?(z|[+-]\d{2}:\d{2})$/;
// At least one group: the empty string is not `byte`.
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const dottedQuad = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;
const hexColor = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;
// Go's time.ParseDuration.
const goDuration = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
const durationUnits = [
  ["ns", "nano"],
  ["us", "µs", "micro"],
  ["ms", "milli"],
  ["s", "sec"],
  ["m", "min"],
  ["h", "hr", "hour"],
  ["d", "day"],
  ["w", "wk", "week"],
];

/** A calendar date, as Go's time.Parse reads `2006-01-02`. */
function isDate(text: string): boolean {
  const m = fullDate.exec(text);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
}

/** The server splits at the first `t` (either case) and checks the date and the time apart. */
function isDateTime(text: string): boolean {
  const lower = text.toLowerCase();
  const at = lower.indexOf("t");
  if (text.length < 4 || at < 0 || !isDate(lower.slice(0, at))) return false;
  const m = time.exec(lower.slice(at + 1).split("t")[0]);
  return !!m && m[1] <= "23" && m[2] <= "59" && m[3] <= "59";
}

function isIPv6(text: string): boolean {
  if (!text.includes(":") || !/^[0-9a-fA-F:.]+$/.test(text)) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Any IP with a dot, leading zeros tolerated (the server parses sloppily, as Go before 1.17). */
function isIPv4(text: string): boolean {
  const m = dottedQuad.exec(text);
  if (m) return m.slice(1).every((octet) => octet.length <= 3 && +octet <= 255);
  return text.includes(".") && isIPv6(text);
}

function isCIDR(text: string): boolean {
  const slash = text.indexOf("/");
  if (slash < 0 || !/^\d+$/.test(text.slice(slash + 1))) return false;
  const ip = text.slice(0, slash);
  const bits = +text.slice(slash + 1);
  if (dottedQuad.test(ip)) return isIPv4(ip) && bits <= 32;
  return isIPv6(ip) && bits <= 128;
}

/** Go's net.ParseMAC: 6, 8 or 20 octets, as `aa:bb`, `aa-bb` or `aabb.ccdd` groups. */
function isMAC(text: string): boolean {
  for (const octets of [6, 8, 20]) {
    const pairs = `[0-9a-f]{2}(?:[:][0-9a-f]{2}){${octets - 1}}|[0-9a-f]{2}(?:-[0-9a-f]{2}){${
      octets - 1
    }}`;
    const quads = `[0-9a-f]{4}(?:\\.[0-9a-f]{4}){${octets / 2 - 1}}`;
    if (new RegExp(`^(?:${pairs}|${quads})$`, "i").test(text)) return true;
  }
  return false;
}

/** Go's duration, or any `N unit` group with a unit the server knows (`3 seconds`, `1 hr`). */
function isDuration(text: string): boolean {
  if (goDuration.test(text)) return true;
  for (const [, , unitText] of text.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)) {
    const unit = unitText.toLowerCase();
    for (const variants of durationUnits) {
      const last = variants.length - 1;
      if (variants.some((v, i) => v === unit || (i === last && unit.startsWith(v)))) return true;
    }
  }
  return false;
}

const checks: Record<string, (text: string) => boolean> = {
  date: isDate,
  datetime: isDateTime,
  uuid: (t) => uuid.test(t),
  uuid3: (t) => uuid3.test(t),
  uuid4: (t) => uuid4.test(t),
  uuid5: (t) => uuid5.test(t),
  byte: (t) => base64.test(t),
  ipv4: isIPv4,
  ipv6: (t) => isIPv6(t),
  cidr: isCIDR,
  mac: isMAC,
  hexcolor: (t) => hexColor.test(t),
  duration: isDuration,
};

/**
 * Whether `text` is in `format`, for the formats checked here: `date`,
 * `date-time`, `uuid` (and `uuid3`, `uuid4`, `uuid5`), `byte`, `ipv4`,
 * `ipv6`, `cidr`, `mac`, `hexcolor`, `duration`. Other formats pass (the
 * server checks some of them; it ignores those it does not know).
 *
 * @param format The schema's `format`, e.g. `date-time`.
 * @param text The string value.
 * @returns False only when the format is checked here and the text is not in it.
 *
 * @example
 * ```ts
 * import { matchesFormat } from "./formats.ts";
 * matchesFormat("date-time", "2026-01-02T03:04:05Z"); // true
 * matchesFormat("uuid", "not-a-uuid"); // false
 * ```
 */
export function matchesFormat(format: string, text: string): boolean {
  // The server names formats without dashes: `date-time` is `datetime`.
  const check = checks[format.replaceAll("-", "")];
  return check ? check(text) : true;
}
