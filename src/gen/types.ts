/**
 * Schema types as AssemblyScript types (docs/xtp.md has the table):
 *
 *   string -> string; boolean -> bool; integer -> i8 ... u64 by format (i64
 *   without one); number -> f32 (float) or f64; date-time -> DateTime (a
 *   Date); buffer, string/byte -> Bytes (a Uint8Array; base64 in JSON);
 *   object without properties -> JSON.Obj; array -> Array<T>; map ->
 *   Map<string, T>; schemas -> their class, enum class or type alias.
 *
 * Nullable types add `| null`; a number or bool cannot be null in
 * AssemblyScript, so a nullable one is a `JSON.Box<T> | null` (json-as's box
 * of a value, read and written as the value itself).
 */
import type { Named, Schema, Use, XtpType } from "./model.ts";
import type { Names } from "./names.ts";
import { resolve } from "./schema.ts";

export class AsTypes {
  constructor(
    readonly schema: Schema,
    readonly names: Names,
  ) {}

  named(name: string): Named {
    const named = this.schema.types.get(name);
    if (named === undefined) throw new Error(`extism-as gen: no type ${name}`);
    return named;
  }

  /** `use` with aliases followed. */
  resolved(use: Use): Use {
    return resolve(use, this.schema.types);
  }

  /** Whether `use` is (an alias of) a number or bool: not a reference in AssemblyScript. */
  isValue(use: Use): boolean {
    const type = this.resolved(use).type;
    return type.kind === "scalar" && type.scalar !== "string";
  }

  /** Whether `use` is (an alias of) a string. */
  isString(use: Use): boolean {
    const type = this.resolved(use).type;
    return type.kind === "scalar" && type.scalar === "string";
  }

  /** Whether `use` is (an alias of) an enum. */
  isEnum(use: Use): boolean {
    const type = this.resolved(use).type;
    return type.kind === "named" && this.named(type.name).kind === "enum";
  }

  /** The AssemblyScript type of `use`; `ns` prefixes the names pdk.ts declares (`pdk.` in index.ts). */
  text(use: Use, ns = ""): string {
    const base = this.base(use.type, ns);
    if (!use.nullable) return base;
    if (this.isValue({ type: use.type, nullable: false })) return `JSON.Box<${base}> | null`;
    return `${base} | null`;
  }

  private base(type: XtpType, ns: string): string {
    switch (type.kind) {
      case "scalar":
        return type.scalar;
      case "datetime":
        return `${ns}DateTime`;
      case "bytes":
        return `${ns}Bytes`;
      case "object":
        return "JSON.Obj";
      case "array": {
        const items = this.text(type.items, ns);
        return /^[\w$.]+$/.test(items) ? `${items}[]` : `Array<${items}>`;
      }
      case "map":
        return `Map<string, ${this.text(type.values, ns)}>`;
      case "named":
        return ns + this.names.type(type.name);
    }
  }

  /** An expression of type `text(use, ns)`: the value a field or a stub starts with. */
  initial(use: Use, ns = ""): string {
    if (use.nullable) return "null";
    const type = use.type;
    switch (type.kind) {
      case "scalar":
        return type.scalar === "string" ? '""' : type.scalar === "bool" ? "false" : "0";
      case "datetime":
        return `new ${ns}DateTime(0)`;
      case "bytes":
        return `new ${ns}Bytes(0)`;
      case "object":
        return "new JSON.Obj()";
      case "array":
        return `new Array<${this.text(type.items, ns)}>()`;
      case "map":
        return `new Map<string, ${this.text(type.values, ns)}>()`;
      case "named": {
        const named = this.named(type.name);
        const name = ns + this.names.type(type.name);
        if (named.kind === "class") return `new ${name}()`;
        if (named.kind === "enum") return `${name}.${this.names.member(named.name, named.values[0]!)}`;
        return this.initial(named.use, ns);
      }
    }
  }

  /**
   * Whether a value of `use` can be other than the schema says after the
   * PDK's reader has read it (a required field left out, a string that is
   * no value of an enum, bad base64 or date-time), or when it is written (a
   * date-time outside the years RFC 3339 can write): whether the generated
   * checks look at it.
   */
  checked(use: Use): boolean {
    const type = this.resolved(use).type;
    switch (type.kind) {
      case "scalar":
      case "object":
        return false;
      case "datetime":
      case "bytes":
        return true;
      case "array":
        return this.checked(type.items);
      case "map":
        return this.checked(type.values);
      case "named":
        return true;
    }
  }

  /** Whether a type anywhere in the schema is of `kind` (in JSON: binary inputs and outputs are not Bytes). */
  uses(kind: "datetime" | "bytes" | "box" | "object"): boolean {
    const seen = new Set<Use>();
    const found = (use: Use): boolean => {
      if (seen.has(use)) return false;
      seen.add(use);
      if (kind === "box" && use.nullable && this.isValue({ type: use.type, nullable: false })) return true;
      const type = use.type;
      if (type.kind === kind) return true;
      if (type.kind === "array") return found(type.items);
      if (type.kind === "map") return found(type.values);
      return false;
    };
    for (const named of this.schema.types.values()) {
      if (named.kind === "class" && named.properties.some((p) => found(p.use))) return true;
      if (named.kind === "alias" && found(named.use)) return true;
    }
    for (const fn of [...this.schema.exports, ...this.schema.imports]) {
      for (const param of [fn.input, fn.output]) {
        if (param !== undefined && param.contentType === "application/json" && found(param.use)) return true;
      }
    }
    return false;
  }
}
