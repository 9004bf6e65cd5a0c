// The shape a JSON value must have to be parsed as a type, worked out from
// the type itself: json-as reads a JSON value of another shape as garbage, or
// crashes on it, so json.ts checks every input against this first.

import { JSON } from "json-as";
import { Kind, parseShape, Shape } from "./json-check";
import { encodeUTF8 } from "./utf8";

/**
 * @internal Adds the typed fields of a `@json` class to its shape. The
 * package's transform gives every `@json` class a method
 * `__EXTISM_SHAPE<B>(shape: B)` calling `shape.field<FieldType>("json key")`
 * for each field json-as reads (and first its base class's method).
 */
export class ShapeBuilder {
  constructor(private shape: Shape) {}

  /** Field `key` (its JSON name) holds a `F`. */
  field<F>(key: string): void {
    const quoted = JSON.stringify<string>(key);
    this.shape.setField(encodeUTF8(quoted.substring(1, quoted.length - 1)), shapeOf<F>());
  }
}

// Shapes of reference types by runtime type id, made once each; nullable
// ones apart. A class's shape is cached before its fields are filled in, so
// that a class may hold fields of its own type.
const byId = new Map<u32, Shape>();
const nullableById = new Map<u32, Shape>();
// Integer shapes by width and signedness.
const integers = new StaticArray<Shape | null>(8);

/** @internal The shape of JSON that json-as reads as a `T`. */
export function shapeOf<T>(): Shape {
  if (isBoolean<T>()) return simple(Kind.Bool);
  if (isInteger<T>()) return integer(sizeof<T>(), isSigned<T>());
  if (isFloat<T>()) return simple(Kind.Number);
  if (!isReference<T>()) return simple(Kind.Unknown);
  if (isNullable<T>()) {
    const id = idof<nonnull<T>>();
    if (nullableById.has(id)) return nullableById.get(id);
    const shape = new Shape(Kind.Nullable);
    shape.element = shapeOf<nonnull<T>>();
    nullableById.set(id, shape);
    return shape;
  }
  if (isString<T>()) return simple(Kind.String);
  const id = idof<T>();
  if (byId.has(id)) return byId.get(id);
  return referenceShape<T>(id);
}

/** The shape of reference type `T` (not null, not a string), cached under `id`. */
function referenceShape<T>(id: u32): Shape {
  const type = changetype<T>(0);
  let shape: Shape;
  // @ts-ignore: defined by json-as's transform
  if (isDefined(type.__DESERIALIZE_CUSTOM)) {
    shape = new Shape(Kind.Unknown);
    // @ts-ignore: defined by json-as's transform
  } else if (isDefined(type.__DESERIALIZE_SLOW) || isDefined(type.__DESERIALIZE_FAST)) {
    // A @json class: its fields as json-as writes them, from the JSON of a
    // default value (names, aliases, inherited fields), then typed by the
    // transform's method where it knows the field's type.
    const json = encodeUTF8(JSON.stringify<T>(defaultOf<T>()));
    shape = parseShape(changetype<usize>(json), json.byteLength);
    if (shape.kind != Kind.Object) shape = new Shape(Kind.Unknown);
    byId.set(id, shape);
    // @ts-ignore: defined by this package's transform
    if (shape.kind == Kind.Object && isDefined(type.__EXTISM_SHAPE)) type.__EXTISM_SHAPE<ShapeBuilder>(new ShapeBuilder(shape));
    return shape;
  } else if (type instanceof Array || type instanceof StaticArray) {
    shape = new Shape(Kind.Array);
    byId.set(id, shape);
    shape.element = shapeOf<valueof<T>>();
    return shape;
  } else if (type instanceof Set) {
    shape = new Shape(Kind.Array);
    byId.set(id, shape);
    // @ts-ignore: a Set's element type is its index type
    shape.element = shapeOf<indexof<T>>();
    return shape;
  } else if (
    type instanceof Int8Array || type instanceof Uint8Array || type instanceof Uint8ClampedArray ||
    type instanceof Int16Array || type instanceof Uint16Array || type instanceof Int32Array ||
    type instanceof Uint32Array || type instanceof Int64Array || type instanceof Uint64Array ||
    type instanceof Float32Array || type instanceof Float64Array
  ) {
    shape = new Shape(Kind.Array);
    shape.element = shapeOf<valueof<T>>();
  } else if (type instanceof Map) {
    shape = new Shape(Kind.Map);
    byId.set(id, shape);
    // @ts-ignore: a Map's key and value types
    const key = shapeOf<indexof<T>>();
    shape.key = key.kind == Kind.Integer ? key : null;
    // @ts-ignore: a Map's key and value types
    shape.element = shapeOf<valueof<T>>();
    return shape;
  } else if (type instanceof Date) {
    shape = simple(Kind.String);
  } else if (type instanceof JSON.Obj) {
    shape = new Shape(Kind.Object);
  } else if (type instanceof JSON.Arr) {
    shape = new Shape(Kind.Array);
  } else {
    // JSON.Value, JSON.Raw, JSON.Box and other types json-as reads itself.
    shape = new Shape(Kind.Unknown);
  }
  byId.set(id, shape);
  return shape;
}

/**
 * @internal The value of `T` that stands for "nothing there": `null` for a
 * nullable type, 0, false, "", an empty array, map or set, a `@json` object
 * with its fields' defaults (other classes: `new T()`).
 */
export function emptyOf<T>(): T {
  if (isBoolean<T>()) return <T>false;
  if (!isReference<T>()) return <T>0;
  if (isNullable<T>()) return changetype<T>(0);
  if (isString<T>()) return changetype<T>("");
  const type = changetype<T>(0);
  // @ts-ignore: defined by json-as's transform
  if (isDefined(type.__DESERIALIZE_SLOW) || isDefined(type.__DESERIALIZE_FAST)) return defaultOf<T>();
  return instantiate<T>();
}

/** A value of the `@json` class `T` with its fields' defaults, made as json-as makes one. */
function defaultOf<T>(): T {
  const value = changetype<T>(__new(offsetof<T>(), idof<T>()));
  // @ts-ignore: defined by json-as's transform
  if (isDefined(value.__INITIALIZE)) value.__INITIALIZE();
  return value;
}

// One shape of each simple kind, shared.
const simples = new StaticArray<Shape | null>(9);

function simple(kind: Kind): Shape {
  let shape = simples[kind];
  if (shape === null) simples[kind] = shape = new Shape(kind);
  return shape;
}

function integer(bytes: i32, signed: bool): Shape {
  const index = (ctz(bytes) << 1) | (signed ? 1 : 0);
  let shape = integers[index];
  if (shape === null) {
    shape = new Shape(Kind.Integer);
    shape.bits = bytes << 3;
    shape.signed = signed;
    integers[index] = shape;
  }
  return shape;
}

/** @internal `T` as a plug-in author writes it, for messages: `string[]`, `Map<string, i32>`, `Person | null`. */
export function typeName<T>(): string {
  if (isBoolean<T>()) return "bool";
  if (!isReference<T>()) return nameof<T>();
  if (isNullable<T>()) return typeName<nonnull<T>>() + " | null";
  if (isString<T>()) return "string";
  const type = changetype<T>(0);
  if (type instanceof Array) return typeName<valueof<T>>() + "[]";
  // @ts-ignore: a Map's key and value types
  if (type instanceof Map) return "Map<" + typeName<indexof<T>>() + ", " + typeName<valueof<T>>() + ">";
  // @ts-ignore: a Set's element type
  if (type instanceof Set) return "Set<" + typeName<indexof<T>>() + ">";
  return nameof<T>();
}
