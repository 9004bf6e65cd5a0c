/**
 * The AssemblyScript names of a schema's types, functions, fields and enum
 * values. XTP names are identifiers already (schema.ts checks them); a name
 * that AssemblyScript cannot use where it goes (a reserved word, a built-in
 * type, a name the generated code uses) gets a `_` appended, as many as make
 * it unique. JSON and the host still see the schema's names: fields keep
 * theirs through `@alias`, exports through `export { x_ as x }`.
 */
import type { Schema } from "./model.ts";

/** Words that cannot name a function, class or variable (checked with asc 0.28). */
const RESERVED = new Set([
  "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
  "instanceof", "interface", "let", "new", "null", "of", "package", "private", "protected", "public", "return",
  "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
]);

/** Words that cannot name a class's field (checked with asc 0.28). */
const FIELD_RESERVED = new Set(["abstract", "constructor", "declare", "private", "protected", "public", "static"]);

/**
 * Names a type or host function cannot take in pdk.ts: AssemblyScript's
 * types and the globals the generated code uses, and what pdk.ts declares or
 * imports itself.
 */
const TAKEN_IN_PDK = [
  "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "f32", "f64", "v128", "bool", "string", "void", "auto",
  "String", "Array", "StaticArray", "ArrayBuffer", "Map", "Set", "Date", "Error", "RangeError", "TypeError", "Math", "Object", "Function",
  "Uint8Array", "Int8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Int64Array", "Uint64Array", "Float32Array", "Float64Array",
  "I8", "U8", "I16", "U16", "I32", "U32", "I64", "U64", "F32", "F64", "Bool", "Boolean", "Number", "Infinity", "NaN",
  "memory", "heap", "changetype", "unchecked", "idof", "nameof", "offsetof", "sizeof", "isDefined", "isString", "isReference", "isNullable",
  "valueof", "nonnull", "instantiate", "load", "store", "abort", "trace", "seed", "console", "process",
  "Host", "HostFunction", "JSON", "DateTime", "Bytes", "BASE64", "digits", "daysIn", "sextet", "problemPath",
];

/** Names an export function cannot take in index.ts and main.ts (besides the types and host functions). */
const TAKEN_IN_EXPORTS = ["pdk", "main", "Host", "JSON"];

/** The members of a generated enum class. */
const ENUM_MEMBERS = ["values", "parse", "value", "invalid", "toString", "serializer", "deserializer", "constructor", "prototype", "name", "length"];

/** The members of a generated object class. */
const CLASS_MEMBERS = ["__EXTISM_SEEN", "__xtpValidate"];

/** Names the generated code keeps for itself: anything starting with two underscores. */
function internal(name: string): boolean {
  return name.startsWith("__");
}

export class Names {
  private types = new Map<string, string>();
  private imports = new Map<string, string>();
  private exports = new Map<string, string>();
  private fields = new Map<string, Map<string, string>>();
  private members = new Map<string, Map<string, string>>();
  /** What was renamed and why, for the user. */
  readonly notes: string[] = [];

  constructor(schema: Schema) {
    const pdk = new Set(TAKEN_IN_PDK);
    for (const name of schema.types.keys()) {
      this.types.set(name, this.allocate(name, pdk, (n) => RESERVED.has(n) || internal(n), `the schema ${name}`));
    }
    for (const fn of schema.imports) {
      this.imports.set(fn.name, this.allocate(fn.name, pdk, (n) => RESERVED.has(n) || internal(n), `imports.${fn.name}`));
    }
    const exported = new Set([...pdk, ...TAKEN_IN_EXPORTS]);
    for (const fn of schema.exports) {
      this.exports.set(fn.name, this.allocate(fn.name, exported, (n) => RESERVED.has(n) || internal(n), `exports.${fn.name}`));
    }
    for (const named of schema.types.values()) {
      if (named.kind === "class") {
        const taken = new Set(CLASS_MEMBERS);
        const map = new Map<string, string>();
        for (const p of named.properties) {
          map.set(p.name, this.allocate(p.name, taken, (n) => FIELD_RESERVED.has(n) || internal(n), `the property ${named.name}.${p.name}`));
        }
        this.fields.set(named.name, map);
      } else if (named.kind === "enum") {
        const taken = new Set(ENUM_MEMBERS);
        const map = new Map<string, string>();
        for (const v of named.values) {
          map.set(v, this.allocate(v, taken, (n) => RESERVED.has(n) || FIELD_RESERVED.has(n) || internal(n), `the value ${named.name}.${v}`));
        }
        this.members.set(named.name, map);
      }
    }
  }

  /** `name`, or `name_`... when `name` is taken or `reserved`; the result is taken from then on. */
  private allocate(name: string, taken: Set<string>, reserved: (name: string) => boolean, what: string): string {
    // `__x` becomes `_x`: names with two leading underscores are the generated code's.
    let result = internal(name) ? name.replace(/^_+/, "_") : name;
    while (taken.has(result) || reserved(result)) result += "_";
    taken.add(result);
    if (result !== name) {
      const why = internal(name) ? "names starting with __ are the generated code's" : RESERVED.has(name) || FIELD_RESERVED.has(name) ? `${name} is a reserved word there` : `${name} is taken there`;
      this.notes.push(`${what} is ${result} in AssemblyScript (${why})`);
    }
    return result;
  }

  type(name: string): string {
    return this.types.get(name) ?? name;
  }

  importFn(name: string): string {
    return this.imports.get(name) ?? name;
  }

  exportFn(name: string): string {
    return this.exports.get(name) ?? name;
  }

  field(className: string, property: string): string {
    return this.fields.get(className)?.get(property) ?? property;
  }

  member(enumName: string, value: string): string {
    return this.members.get(enumName)?.get(value) ?? value;
  }
}

/** Export names that no plug-in can have: the module exports them itself. */
export const MODULE_EXPORTS = ["memory", "_initialize", "_start"];
