// What the JSON layer needs to know of a type beyond json-as: its name as a
// plug-in author writes it (for messages), and its empty and default values.

/** @internal `T` as a plug-in author writes it, for messages: `string[]`, `Map<string, i32>`, `Person | null`. */
export function typeName<T>(): string {
  if (isBoolean<T>()) return "bool";
  if (!isReference<T>()) return nameof<T>();
  if (isNullable<T>()) return typeName<nonnull<T>>() + " | null";
  if (isString<T>()) return "string";
  const type = changetype<T>(0);
  if (type instanceof Array) {
    // (Person | null)[], not Person | null[]
    const element = typeName<valueof<T>>();
    return (isNullable<valueof<T>>() ? "(" + element + ")" : element) + "[]";
  }
  // @ts-ignore: a Map's key and value types
  if (type instanceof Map) return "Map<" + typeName<indexof<T>>() + ", " + typeName<valueof<T>>() + ">";
  // @ts-ignore: a Set's element type
  if (type instanceof Set) return "Set<" + typeName<indexof<T>>() + ">";
  return nameof<T>();
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
  if (isJsonClass<T>()) return defaultOf<T>();
  return instantiate<T>();
}

/** @internal Whether `T` is a `@json` class (json-as generated its (de)serializer). */
// @ts-ignore: decorator
@inline
export function isJsonClass<T>(): bool {
  const type = changetype<T>(0);
  // @ts-ignore: defined by json-as's transform
  return isDefined(type.__DESERIALIZE_SLOW) || isDefined(type.__DESERIALIZE_FAST);
}

/** @internal A value of the `@json` class `T` with its fields' defaults, made as json-as makes one. */
export function defaultOf<T>(): T {
  const value = changetype<T>(__new(offsetof<T>(), idof<T>()));
  // @ts-ignore: defined by json-as's transform
  if (isDefined(value.__INITIALIZE)) value.__INITIALIZE();
  return value;
}
