/**
 * The Standard Schema v1 interface (standardschema.dev), declared here as types
 * only, so that tools written for zod or valibot schemas accept kube's too.
 *
 * @module
 */

/**
 * A schema any Standard Schema tool can validate with: one property,
 * `~standard`, holding the version, the vendor and the validate function.
 *
 * @typeParam Input What the schema accepts before defaults are applied.
 * @typeParam Output What validation hands back.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1 } from "./standard_schema.ts";
 * const isText: StandardSchemaV1<string> = {
 *   "~standard": {
 *     version: 1,
 *     vendor: "example",
 *     validate: (value) =>
 *       typeof value === "string" ? { value } : { issues: [{ message: "not a string" }] },
 *   },
 * };
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaProps<Input, Output>;
}

/**
 * What a Standard Schema's `~standard` property holds.
 *
 * @typeParam Input What the schema accepts.
 * @typeParam Output What validation hands back.
 *
 * @example
 * ```ts
 * import type { StandardSchemaProps } from "./standard_schema.ts";
 * const props: StandardSchemaProps<number> = { version: 1, vendor: "example", validate: (v) => ({ value: Number(v) }) };
 * ```
 */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  /** The version of the interface: 1. */
  readonly version: 1;
  /** Who made the schema: `kube` for kube's. */
  readonly vendor: string;
  /** Checks a value: its output, or the issues found. */
  readonly validate: (
    value: unknown,
  ) => StandardResult<Output> | Promise<StandardResult<Output>>;
  /** The input and output types, for inference only (never set at run time). */
  readonly types?: StandardTypes<Input, Output> | undefined;
}

/**
 * The outcome of a Standard Schema validation.
 *
 * @typeParam Output The validated value's type.
 *
 * @example
 * ```ts
 * import type { StandardResult } from "./standard_schema.ts";
 * const failed: StandardResult<number> = { issues: [{ message: "must be of type integer", path: ["spec", "replicas"] }] };
 * ```
 */
export type StandardResult<Output> = StandardSuccess<Output> | StandardFailure;

/**
 * A value that passed validation.
 *
 * @typeParam Output Its type.
 *
 * @example
 * ```ts
 * import type { StandardSuccess } from "./standard_schema.ts";
 * const ok: StandardSuccess<number> = { value: 3 };
 * ```
 */
export interface StandardSuccess<Output> {
  /** The value, with defaults applied. */
  readonly value: Output;
  /** Never set on a success. */
  readonly issues?: undefined;
}

/**
 * A value that failed validation: every issue found.
 *
 * @example
 * ```ts
 * import type { StandardFailure } from "./standard_schema.ts";
 * const failed: StandardFailure = { issues: [{ message: "Required value", path: ["spec"] }] };
 * ```
 */
export interface StandardFailure {
  /** What is wrong, and where. */
  readonly issues: ReadonlyArray<StandardIssue>;
}

/**
 * One thing wrong with a value.
 *
 * @example
 * ```ts
 * import type { StandardIssue } from "./standard_schema.ts";
 * const issue: StandardIssue = { message: "Required value", path: ["spec", { key: "name" }] };
 * ```
 */
export interface StandardIssue {
  /** What is wrong. */
  readonly message: string;
  /** Where: property names and array indexes from the root. */
  readonly path?: ReadonlyArray<PropertyKey | StandardPathSegment> | undefined;
}

/**
 * A path segment given as an object.
 *
 * @example
 * ```ts
 * import type { StandardPathSegment } from "./standard_schema.ts";
 * const segment: StandardPathSegment = { key: 0 };
 * ```
 */
export interface StandardPathSegment {
  /** The property name or array index. */
  readonly key: PropertyKey;
}

/**
 * The input and output types of a Standard Schema.
 *
 * @typeParam Input What it accepts.
 * @typeParam Output What it hands back.
 *
 * @example
 * ```ts
 * import type { StandardTypes } from "./standard_schema.ts";
 * type T = StandardTypes<string, string>["output"]; // string
 * ```
 */
export interface StandardTypes<Input = unknown, Output = Input> {
  /** The input type. */
  readonly input: Input;
  /** The output type. */
  readonly output: Output;
}
