/**
 * An XTP schema (v1-draft) as `extism-as gen` understands it, after
 * validation (schema.ts): every `$ref` resolved to a name, every inline enum
 * given a name of its own, each type reduced to what decides its
 * AssemblyScript form.
 */

/** The AssemblyScript types that a schema's scalars become. */
export type Scalar = "string" | "bool" | "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64" | "f32" | "f64";

export type XtpType =
  | { kind: "scalar"; scalar: Scalar }
  /** `string` of format `date-time`. */
  | { kind: "datetime" }
  /** `buffer`, or `string` of format `byte`: base64 text in JSON, raw bytes as `application/x-binary`. */
  | { kind: "bytes" }
  /** `object` without properties: any JSON object. */
  | { kind: "object" }
  | { kind: "array"; items: Use }
  /** `object` with `additionalProperties`: a JSON object whose values are all `values`. */
  | { kind: "map"; values: Use }
  /** A schema of `components.schemas`, or an inline enum (named by schema.ts). */
  | { kind: "named"; name: string };

/** A type where it is used: a property, an array's items, an input... */
export interface Use {
  type: XtpType;
  nullable: boolean;
}

export interface Property {
  /** The name in JSON. */
  name: string;
  required: boolean;
  use: Use;
  description: string | undefined;
}

export type Named =
  | { kind: "class"; name: string; description: string | undefined; properties: Property[] }
  | { kind: "enum"; name: string; description: string | undefined; values: string[] }
  /** A schema that names another type: `MyInt: {type: integer}`, `Prices: {additionalProperties: ...}`. */
  | { kind: "alias"; name: string; description: string | undefined; use: Use };

export type ContentType = "application/json" | "text/plain; charset=utf-8" | "application/x-binary";
export const CONTENT_TYPES: readonly ContentType[] = ["application/json", "text/plain; charset=utf-8", "application/x-binary"];

/** An input or output. */
export interface Param {
  use: Use;
  contentType: ContentType;
  description: string | undefined;
}

export interface CodeSample {
  lang: string;
  source: string;
  label: string | undefined;
}

/** An export (a plug-in function) or an import (a host function). */
export interface Fn {
  name: string;
  description: string | undefined;
  input: Param | undefined;
  output: Param | undefined;
  codeSamples: CodeSample[];
}

export interface Schema {
  exports: Fn[];
  imports: Fn[];
  /** Every named type: the schemas in the order of the document, then the inline enums. */
  types: Map<string, Named>;
}
