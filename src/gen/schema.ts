/**
 * Reads an XTP schema (YAML or JSON, `version: v1-draft`) and checks it
 * against the rules of the format as dylibso/xtp-bindgen states them (its
 * JSON schema and its validator), plus what AssemblyScript bindings need:
 * which content type can carry which type. Every problem is reported, each
 * with the place in the schema it is about:
 *
 *   exports.priceOrder.input.$ref: no schema named Ordr
 */
import { parseDocument } from "yaml";
import {
  type CodeSample,
  CONTENT_TYPES,
  type ContentType,
  type Fn,
  type Named,
  type Param,
  type Property,
  type Scalar,
  type Schema,
  type Use,
  type XtpType,
} from "./model.ts";
import { MODULE_EXPORTS } from "./names.ts";

/** A place in the schema: keys and array indices from the root. */
export type Path = readonly (string | number)[];

export interface Problem {
  path: string;
  message: string;
}

/** The schema is not one `extism-as gen` can generate from: `problems` says why, each where. */
export class SchemaError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    const lines = problems.map((p) => (p.path === "" ? p.message : `${p.path}: ${p.message}`));
    super(`${file} is not a valid XTP schema:\n  ${lines.join("\n  ")}`);
  }
}

/** The names XTP allows for exports, imports, schemas, properties and enum values. */
export const IDENTIFIER = /^[a-zA-Z_$][a-zA-Z0-9_$]*$/;

/** `a.b["c d"][2].$ref` */
export function formatPath(path: Path): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

function isMap(value: Json | undefined): value is JsonMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a value of the document is named in messages. */
function describe(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

function list(words: readonly string[], last = "or"): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}`;
}

const TYPES = ["string", "number", "integer", "boolean", "object", "array", "buffer"] as const;
type TypeName = (typeof TYPES)[number];

const FORMATS: Record<TypeName, Record<string, XtpType>> = {
  string: { "date-time": { kind: "datetime" }, byte: { kind: "bytes" } },
  number: { float: scalar("f32"), double: scalar("f64") },
  integer: {
    int8: scalar("i8"),
    uint8: scalar("u8"),
    int16: scalar("i16"),
    uint16: scalar("u16"),
    int32: scalar("i32"),
    uint32: scalar("u32"),
    int64: scalar("i64"),
    uint64: scalar("u64"),
  },
  boolean: {},
  object: {},
  array: {},
  buffer: {},
};

function scalar(s: Scalar): XtpType {
  return { kind: "scalar", scalar: s };
}

/** What a type is where it is written: which keywords it may have besides the type's own. */
type Place = "schema" | "property" | "param" | "element";

const TYPE_KEYWORDS = ["type", "format", "items", "additionalProperties", "enum", "$ref", "nullable", "description"];
const KEYWORDS: Record<Place, string[]> = {
  schema: [...TYPE_KEYWORDS, "properties", "required"],
  property: TYPE_KEYWORDS,
  param: [...TYPE_KEYWORDS, "contentType"],
  element: TYPE_KEYWORDS,
};

const REF_PREFIX = "#/components/schemas/";

/** A `$ref` found while reading, resolved once every schema is known. */
interface PendingRef {
  use: Use;
  target: string;
  path: Path;
  /** The named type whose definition holds the reference (for cycles), if any. */
  owner: string | undefined;
}

/** An inline enum, named once every schema name is known. */
interface PendingEnum {
  use: Use;
  name: string;
  values: string[];
  description: string | undefined;
  path: Path;
}

/** Reads `text` (the schema file `file`, YAML or JSON) into a checked schema, or throws a SchemaError naming every problem. */
export function loadSchema(text: string, file: string): Schema {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new SchemaError(file, document.errors.map((e) => ({ path: "", message: `not valid YAML: ${e.message.replace(/\n[\s\S]*$/, "").replace(/:$/, "")}` })));
  }
  const root = document.toJS({ maxAliasCount: 1000 }) as Json;
  return new Reader(file).read(root);
}

class Reader {
  private problems: { path: Path; message: string }[] = [];
  private refs: PendingRef[] = [];
  private enums: PendingEnum[] = [];
  private schemaNodes: JsonMap = {};
  private types = new Map<string, Named>();
  /** The named type being read, for cycles. */
  private owner: string | undefined;

  constructor(private file: string) {}

  private problem(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  private root: Json = null;

  read(root: Json): Schema {
    this.root = root;
    if (!isMap(root)) {
      this.problem([], `the schema must be a mapping with version, exports, imports and components; found ${describe(root)}`);
      return this.finish({ exports: [], imports: [], types: this.types });
    }
    this.keywords(root, [], ["version", "exports", "imports", "components"]);
    if (root.version === undefined) this.problem(["version"], "missing; expected v1-draft");
    else if (root.version !== "v1-draft") this.problem(["version"], `${describe(root.version)} is not supported: extism-as gen reads v1-draft schemas`);

    const components = root.components;
    if (components !== undefined) {
      if (!isMap(components)) this.problem(["components"], `expected a mapping with schemas, found ${describe(components)}`);
      else {
        this.keywords(components, ["components"], ["schemas"]);
        const schemas = components.schemas;
        if (schemas !== undefined && !isMap(schemas)) this.problem(["components", "schemas"], `expected a mapping of schemas, found ${describe(schemas)}`);
        else if (schemas !== undefined) this.schemaNodes = schemas;
      }
    }
    for (const [name, node] of Object.entries(this.schemaNodes)) this.schema(name, node, ["components", "schemas", name]);

    const exports = this.functions(root.exports, "exports");
    const imports = this.functions(root.imports, "imports");
    if (root.exports === undefined) this.problem(["exports"], "missing; a plug-in has exports (a mapping of names to functions)");
    return this.finish({ exports, imports, types: this.types });
  }

  /** Resolves references and inline enums, checks what needs the whole schema, and throws if anything is wrong. */
  private finish(schema: Schema): Schema {
    for (const ref of this.refs) {
      if (this.types.has(ref.target) || this.schemaNodes[ref.target] !== undefined) {
        ref.use.type = { kind: "named", name: ref.target };
        const node = this.schemaNodes[ref.target];
        if (isMap(node) && node.nullable === true) ref.use.nullable = true;
      } else {
        const known = Object.keys(this.schemaNodes);
        this.problem(ref.path, `no schema named ${ref.target}${known.length > 0 ? ` (the schemas: ${known.join(", ")})` : " (the schema has no components.schemas)"}`);
      }
    }
    for (const inline of this.enums) {
      if (this.schemaNodes[inline.name] !== undefined || this.types.has(inline.name)) {
        this.problem(inline.path, `this inline enum would be named ${inline.name}, which is taken by another schema: define the enum under components.schemas and use a $ref`);
        continue;
      }
      this.types.set(inline.name, { kind: "enum", name: inline.name, description: inline.description, values: inline.values });
      inline.use.type = { kind: "named", name: inline.name };
    }
    this.cycles();
    for (const fn of [...schema.exports.map((f) => ["exports", f] as const), ...schema.imports.map((f) => ["imports", f] as const)]) {
      const [section, f] = fn;
      if (f.input !== undefined) this.contentType(f.input, [section, f.name, "input"]);
      if (f.output !== undefined) this.contentType(f.output, [section, f.name, "output"]);
    }
    if (this.problems.length > 0) {
      // In the order of the document (a problem about what is missing: after what is there).
      const keyed = this.problems.map((p) => ({ ...p, key: orderKey(this.root, p.path) }));
      keyed.sort((a, b) => compareKeys(a.key, b.key));
      throw new SchemaError(
        this.file,
        keyed.map((p) => ({ path: formatPath(p.path), message: p.message })),
      );
    }
    return schema;
  }

  /** Reports the keys of `node` that are not `allowed` (`properties` where objects cannot be defined is reported by `use`). */
  private keywords(node: JsonMap, path: Path, allowed: readonly string[]): void {
    for (const key of Object.keys(node)) {
      if (allowed.includes(key) || (key === "properties" && allowed.includes("$ref"))) continue;
      this.problem([...path, key], `unknown keyword; expected ${list(allowed)}`);
    }
  }

  private identifier(name: string, path: Path): boolean {
    if (IDENTIFIER.test(name)) return true;
    this.problem(path, `${JSON.stringify(name)} is not a valid name: names match /^[a-zA-Z_$][a-zA-Z0-9_$]*$/`);
    return false;
  }

  private description(node: JsonMap, path: Path): string | undefined {
    const d = node.description;
    if (d === undefined || d === null) return undefined;
    if (typeof d !== "string") {
      this.problem([...path, "description"], `expected text, found ${describe(d)}`);
      return undefined;
    }
    return d;
  }

  private schema(name: string, node: Json, path: Path): void {
    this.identifier(name, path);
    if (!isMap(node)) {
      this.problem(path, `expected a mapping (a schema), found ${describe(node)}`);
      return;
    }
    this.keywords(node, path, KEYWORDS.schema);
    this.owner = name;
    const description = this.description(node, path);
    const properties = node.properties;
    if (isMap(properties) && Object.keys(properties).length > 0) {
      if (node.type !== undefined && node.type !== "object") this.problem([...path, "type"], `a schema with properties is an object; found type ${describe(node.type)}`);
      for (const key of ["format", "items", "enum", "$ref"]) {
        if (node[key] !== undefined) this.problem([...path, key], `a schema with properties is an object and cannot have ${key}`);
      }
      if (node.additionalProperties !== undefined) this.problem(path, "an object cannot have both properties and additionalProperties");
      this.nullable(node, path);
      const required = this.required(node.required, Object.keys(properties), [...path, "required"]);
      const props: Property[] = [];
      for (const [prop, value] of Object.entries(properties)) {
        const at = [...path, "properties", prop];
        if (!this.identifier(prop, at)) continue;
        if (!isMap(value)) {
          this.problem(at, `expected a mapping (a property), found ${describe(value)}`);
          continue;
        }
        const use = this.use(value, at, "property", name + capitalize(prop));
        props.push({ name: prop, required: required.has(prop), use, description: this.description(value, at) ?? this.refDescription(value) });
      }
      const firstMissing = props.findIndex((p, i) => p.required && i >= 64);
      if (firstMissing >= 0) {
        this.problem([...path, "required"], `${JSON.stringify(props[firstMissing]!.name)} is property ${firstMissing + 1}: extism-as gen checks required properties among an object's first 64; move it up`);
      }
      this.types.set(name, { kind: "class", name, description, properties: props });
    } else {
      if (properties !== undefined && !isMap(properties)) this.problem([...path, "properties"], `expected a mapping of properties, found ${describe(properties)}`);
      if (node.required !== undefined) this.problem([...path, "required"], "only an object with properties has required properties");
      if (Array.isArray(node.enum)) {
        const values = this.enumValues(node, path);
        this.types.set(name, { kind: "enum", name, description, values });
      } else {
        const use = this.use(node, path, "schema", name);
        // A schema's own `nullable` applies where it is used (see finish).
        use.nullable = false;
        this.types.set(name, { kind: "alias", name, description, use });
      }
    }
    this.owner = undefined;
  }

  private required(value: Json | undefined, properties: string[], path: Path): Set<string> {
    const names = new Set<string>();
    if (value === undefined || value === null) return names;
    if (!Array.isArray(value)) {
      this.problem(path, `expected a list of property names, found ${describe(value)}`);
      return names;
    }
    value.forEach((name, i) => {
      if (typeof name !== "string") this.problem([...path, i], `expected a property name, found ${describe(name)}`);
      else if (!properties.includes(name)) this.problem([...path, i], `${JSON.stringify(name)} is required but is not one of the properties (${properties.join(", ")})`);
      else names.add(name);
    });
    return names;
  }

  private refDescription(node: JsonMap): string | undefined {
    const ref = node.$ref;
    if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) return undefined;
    const target = this.schemaNodes[ref.slice(REF_PREFIX.length)];
    return isMap(target) && typeof target.description === "string" ? target.description : undefined;
  }

  private nullable(node: JsonMap, path: Path): boolean {
    const n = node.nullable;
    if (n === undefined || n === null) return false;
    if (typeof n !== "boolean") {
      this.problem([...path, "nullable"], `expected true or false, found ${describe(n)}`);
      return false;
    }
    return n;
  }

  private enumValues(node: JsonMap, path: Path): string[] {
    const values: string[] = [];
    const list = node.enum;
    if (node.type !== undefined && node.type !== "string") this.problem([...path, "type"], `an enum's values are strings; found type ${describe(node.type)}`);
    if (node.format !== undefined) this.problem([...path, "format"], "an enum has no format");
    for (const key of ["items", "additionalProperties", "$ref"]) {
      if (node[key] !== undefined) this.problem([...path, key], `an enum cannot have ${key}`);
    }
    if (!Array.isArray(list) || list.length === 0) {
      this.problem([...path, "enum"], `expected a list of one or more strings, found ${describe(list)}`);
      return values;
    }
    list.forEach((value, i) => {
      const at = [...path, "enum", i];
      if (typeof value !== "string") this.problem(at, `expected a string, found ${describe(value)}`);
      else if (!this.identifier(value, at)) return;
      else if (values.includes(value)) this.problem(at, `${JSON.stringify(value)} is listed twice`);
      else values.push(value);
    });
    return values;
  }

  /**
   * The type that `node` describes, at `path`. `enumName` names an inline
   * enum there. A `$ref` is recorded and resolved in `finish`.
   */
  private use(node: JsonMap, path: Path, place: Place, enumName: string): Use {
    if (place !== "schema") this.keywords(node, path, KEYWORDS[place]);
    if (place === "element") this.description(node, path);
    const use: Use = { type: scalar("string"), nullable: place === "schema" ? false : this.nullable(node, path) };
    if (place === "schema") this.nullable(node, path);
    const ref = node.$ref;
    if (ref !== undefined) {
      for (const key of ["type", "format", "items", "additionalProperties", "enum", "properties"]) {
        if (node[key] !== undefined) this.problem([...path, key], `"$ref" cannot be combined with "${key}"`);
      }
      const at = [...path, "$ref"];
      if (typeof ref !== "string") this.problem(at, `expected a reference such as "${REF_PREFIX}NAME", found ${describe(ref)}`);
      else if (!ref.startsWith(REF_PREFIX) || ref.slice(REF_PREFIX.length).includes("/") || ref.length === REF_PREFIX.length) {
        this.problem(at, `${JSON.stringify(ref)} is not a reference to a schema; expected "${REF_PREFIX}NAME"`);
      } else this.refs.push({ use, target: ref.slice(REF_PREFIX.length), path: at, owner: this.owner });
      return use;
    }
    if (node.enum !== undefined) {
      const values = this.enumValues(node, path);
      const description = typeof node.description === "string" ? node.description : undefined;
      this.enums.push({ use, name: enumName, values, description, path: [...path, "enum"] });
      return use;
    }
    const type = node.type;
    if (type !== undefined && (typeof type !== "string" || !(TYPES as readonly string[]).includes(type))) {
      this.problem([...path, "type"], `unknown type ${describe(type)}; expected ${list(TYPES)}`);
      return use;
    }
    const format = node.format;
    if (format !== undefined) {
      if (type === undefined) this.problem([...path, "format"], "a format needs a type");
      else {
        const formats = Object.keys(FORMATS[type as TypeName]);
        if (typeof format !== "string" || !formats.includes(format)) {
          this.problem([...path, "format"], `${describe(format)} is not a format of type ${type}${formats.length > 0 ? `; expected ${list(formats)}` : ", which has none"}`);
        }
      }
    }
    const items = node.items;
    const additional = node.additionalProperties;
    if (items !== undefined) {
      if (type !== undefined && type !== "array") this.problem([...path, "items"], `items needs type array, not ${type}`);
      if (!isMap(items)) this.problem([...path, "items"], `expected a mapping (the type of the items), found ${describe(items)}`);
      else use.type = { kind: "array", items: this.use(items, [...path, "items"], "element", enumName + "Item") };
      return use;
    }
    if (additional !== undefined) {
      if (type !== undefined && type !== "object") this.problem([...path, "additionalProperties"], `additionalProperties needs type object, not ${type}`);
      if (!isMap(additional)) this.problem([...path, "additionalProperties"], `expected a mapping (the type of the values), found ${describe(additional)}`);
      else use.type = { kind: "map", values: this.use(additional, [...path, "additionalProperties"], "element", enumName + "Value") };
      return use;
    }
    if (node.properties !== undefined && place !== "schema") {
      this.problem([...path, "properties"], "objects with properties are defined under components.schemas and used with a $ref");
      return use;
    }
    switch (type) {
      case undefined:
        this.problem(path, place === "schema" ? "needs properties, an enum, a type or a $ref" : "needs a type or a $ref");
        return use;
      case "array":
        this.problem(path, "type array needs items (the type of its elements)");
        return use;
      case "object":
        use.type = { kind: "object" };
        return use;
      case "boolean":
        use.type = scalar("bool");
        return use;
      case "buffer":
        use.type = { kind: "bytes" };
        return use;
      case "string":
        use.type = typeof format === "string" && FORMATS.string[format] ? FORMATS.string[format]! : scalar("string");
        return use;
      case "number":
        use.type = typeof format === "string" && FORMATS.number[format] ? FORMATS.number[format]! : scalar("f64");
        return use;
      case "integer":
        // Without a format, an integer is an int64 (as xtp-bindgen reads it).
        use.type = typeof format === "string" && FORMATS.integer[format] ? FORMATS.integer[format]! : scalar("i64");
        return use;
    }
    return use;
  }

  private functions(value: Json | undefined, section: "exports" | "imports"): Fn[] {
    if (value === undefined || value === null) return [];
    if (!isMap(value)) {
      this.problem([section], `expected a mapping of names to functions, found ${describe(value)}`);
      return [];
    }
    const fns: Fn[] = [];
    for (const [name, node] of Object.entries(value)) {
      const path = [section, name];
      if (!this.identifier(name, path)) continue;
      if (section === "exports" && MODULE_EXPORTS.includes(name)) {
        this.problem(path, `a plug-in cannot export ${name}: the WebAssembly module exports that name itself`);
        continue;
      }
      if (node !== null && !isMap(node)) {
        this.problem(path, `expected a mapping with description, input and output, found ${describe(node)}`);
        continue;
      }
      const fn: JsonMap = node ?? {};
      this.keywords(fn, path, section === "exports" ? ["description", "codeSamples", "input", "output"] : ["description", "input", "output"]);
      const prefix = capitalize(name);
      fns.push({
        name,
        description: this.description(fn, path),
        input: this.param(fn.input, [...path, "input"], prefix + "Input"),
        output: this.param(fn.output, [...path, "output"], prefix + "Output"),
        codeSamples: this.codeSamples(fn.codeSamples, [...path, "codeSamples"]),
      });
    }
    return fns;
  }

  private param(node: Json | undefined, path: Path, enumName: string): Param | undefined {
    if (node === undefined || node === null) return undefined;
    if (!isMap(node)) {
      this.problem(path, `expected a mapping (contentType and a type or $ref), found ${describe(node)}`);
      return undefined;
    }
    const use = this.use(node, path, "param", enumName);
    let contentType: ContentType = "application/json";
    const given = node.contentType;
    if (given === undefined) this.problem([...path, "contentType"], `missing; expected ${list(CONTENT_TYPES)}`);
    else {
      const normal = typeof given === "string" ? given.toLowerCase().replace(/;\s*/, "; ") : "";
      const known = CONTENT_TYPES.find((c) => c === normal);
      if (known === undefined) this.problem([...path, "contentType"], `${describe(given)} is not a content type of XTP; expected ${list(CONTENT_TYPES)}`);
      else contentType = known;
    }
    return { use, contentType, description: this.description(node, path) };
  }

  private codeSamples(value: Json | undefined, path: Path): CodeSample[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(path, `expected a list of code samples, found ${describe(value)}`);
      return [];
    }
    const samples: CodeSample[] = [];
    value.forEach((sample, i) => {
      const at = [...path, i];
      if (!isMap(sample)) {
        this.problem(at, `expected a mapping with lang, source and label, found ${describe(sample)}`);
        return;
      }
      this.keywords(sample, at, ["lang", "source", "label"]);
      const { lang, source, label } = sample;
      if (typeof lang !== "string") this.problem([...at, "lang"], `expected the language's name, found ${describe(lang)}`);
      if (typeof source !== "string") this.problem([...at, "source"], `expected the code, found ${describe(source)}`);
      if (label !== undefined && typeof label !== "string") this.problem([...at, "label"], `expected text, found ${describe(label)}`);
      if (typeof lang === "string" && typeof source === "string") samples.push({ lang, source, label: typeof label === "string" ? label : undefined });
    });
    return samples;
  }

  /** Reports each cycle of references between schemas once, where it closes. */
  private cycles(): void {
    const edges = new Map<string, PendingRef[]>();
    for (const ref of this.refs) {
      if (ref.owner === undefined || !this.types.has(ref.target)) continue;
      edges.set(ref.owner, [...(edges.get(ref.owner) ?? []), ref]);
    }
    const done = new Set<string>();
    const stack: string[] = [];
    const visit = (name: string): void => {
      if (done.has(name)) return;
      stack.push(name);
      for (const ref of edges.get(name) ?? []) {
        const at = stack.indexOf(ref.target);
        if (at >= 0) {
          const cycle = [...stack.slice(at), ref.target].join(" -> ");
          this.problem(ref.path, `circular reference: ${cycle} (an object cannot contain itself, not even through other schemas)`);
        } else visit(ref.target);
      }
      stack.pop();
      done.add(name);
    };
    for (const name of this.types.keys()) visit(name);
  }

  /** Checks that the content type of an input or output can carry its type. */
  private contentType(param: Param, path: Path): void {
    if (param.contentType === "application/json") return;
    const type = resolve(param.use, this.types).type;
    if (param.contentType === "text/plain; charset=utf-8") {
      const ok = (type.kind === "scalar" && type.scalar === "string") || (type.kind === "named" && this.types.get(type.name)?.kind === "enum");
      if (!ok) this.problem([...path, "contentType"], `text/plain; charset=utf-8 carries a string or an enum, not ${typeWord(type, this.types)}; use application/json`);
    } else if (type.kind !== "bytes") {
      this.problem([...path, "contentType"], `application/x-binary carries a buffer, not ${typeWord(type, this.types)}; use application/json`);
    }
    if (param.use.nullable) this.problem([...path, "nullable"], `${param.contentType} has no null; use application/json for a nullable ${path.at(-1)}`);
  }
}

/** Where `path` is in the document: the index of each key among its siblings (what is not there: last). */
function orderKey(root: Json, path: Path): number[] {
  const key: number[] = [];
  let node: Json | undefined = root;
  for (const segment of path) {
    if (typeof segment === "number") {
      key.push(segment);
      node = Array.isArray(node) ? node[segment] : undefined;
    } else if (isMap(node)) {
      const index = Object.keys(node).indexOf(segment);
      key.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
      node = node[segment];
    } else key.push(Number.MAX_SAFE_INTEGER);
  }
  return key;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** `use` with aliases followed to the type they name (nullable if any step is). */
export function resolve(use: Use, types: Map<string, Named>): Use {
  let current = use;
  let nullable = use.nullable;
  for (let steps = 0; current.type.kind === "named" && steps < 100; steps++) {
    const named = types.get(current.type.name);
    if (named === undefined || named.kind !== "alias") break;
    current = named.use;
    nullable ||= current.nullable;
  }
  return { type: current.type, nullable };
}

/** A type in words, for messages. */
function typeWord(type: XtpType, types: Map<string, Named>): string {
  switch (type.kind) {
    case "scalar":
      return type.scalar === "string" ? "a string" : type.scalar === "bool" ? "a boolean" : `a number (${type.scalar})`;
    case "datetime":
      return "a date-time";
    case "bytes":
      return "a buffer";
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "map":
      return "a map";
    case "named": {
      const named = types.get(type.name);
      return named?.kind === "enum" ? `an enum (${type.name})` : `an object (${type.name})`;
    }
  }
}

export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
