/**
 * The string formats of a CRD schema that are cheap to check, as the API
 * server checks them (kube-openapi's format registry).
 *
 * @module
 */

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const uuid = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuid4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const uuid5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const date = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const mac = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$|^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i;
const hexColor = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;
const hostnameLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i;
// Go's time.ParseDuration units; the server also takes Scala-like "3 seconds",
// which this check leaves to it.
const goDuration = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

/** A valid calendar date for year, month and day. */
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[m - 1];
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

const checks: Record<string, (text: string) => boolean> = {
  "date": (t) => {
    const m = date.exec(t);
    return !!m && validDate(+m[1], +m[2], +m[3]);
  },
  "datetime": (t) => {
    const m = dateTime.exec(t);
    return !!m && validDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 61;
  },
  "uuid": (t) => uuid.test(t),
  "uuid3": (t) => uuid3.test(t),
  "uuid4": (t) => uuid4.test(t),
  "uuid5": (t) => uuid5.test(t),
  "byte": (t) => base64.test(t),
  "ipv4": (t) => ipv4.test(t),
  "ipv6": isIPv6,
  "cidr": (t) => {
    const slash = t.lastIndexOf("/");
    if (slash < 0 || !/^\d{1,3}$/.test(t.slice(slash + 1))) return false;
    const ip = t.slice(0, slash);
    const bits = +t.slice(slash + 1);
    return ipv4.test(ip) ? bits <= 32 : isIPv6(ip) && bits <= 128;
  },
  "mac": (t) => mac.test(t),
  "hexcolor": (t) => hexColor.test(t),
  "hostname": (t) =>
    t.length <= 255 &&
    t.replace(/\.$/, "").split(".").every((l) => l.length <= 63 && hostnameLabel.test(l)),
  "duration": (t) => goDuration.test(t) || /^\d+\s*[a-z]+$/i.test(t),
  "k8s-short-name": (t) => t.length <= 63 && dns1123Label.test(t),
  "k8s-long-name": (t) =>
    t.length <= 253 && t.split(".").every((l) => l.length <= 63 && dns1123Label.test(l)),
};

/**
 * Whether `text` is in `format`, for the formats this check knows; formats it
 * does not know (and `password`, any string) pass, as the server strips the
 * ones it does not support.
 *
 * @param format The schema's `format`, e.g. `date-time`.
 * @param text The string value.
 * @returns False only when the format is known and the text is not in it.
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
  const k8s = format === "k8s-short-name" || format === "k8s-long-name";
  const check = checks[k8s ? format : format.replaceAll("-", "")];
  return check ? check(text) : true;
}
