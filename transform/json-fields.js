// The fields of @json classes, as the PDK's JSON layer reads and checks them.
// Every @json class gets two methods, written from its field declarations
// (the fields json-as reads and writes: not static, private, protected,
// @omit or of a function type; keys as @alias names them):
//
// - `__EXTISM_READ<R>(r: R, key: usize, length: i32): bool` reads the value
//   of the field whose JSON key is the `length` UTF-8 bytes at `key` with
//   `r.read<FieldType>()` and returns true, or returns false for a key the
//   class does not have (assembly/json-read.ts).
// - `__EXTISM_NONFINITE<W>(w: W): bool` tells whether a field holds NaN or
//   an infinity, which JSON cannot represent (assembly/json-write.ts).
// - `__EXTISM_WRITE<W>(w: W): void` writes the object as JSON, as json-as's
//   `__SERIALIZE` does: `{`, each field's key and value in declaration order,
//   `}` (assembly/json-write.ts). Where json-as writes more than that (a base
//   class's fields, @omitnull, @omitif and other field decorators, a custom
//   serializer, a generic class) it leaves the object to json-as.
//
// A subclass's fields come first, then its base class's (a field declared
// again in a subclass replaces the base class's).
//
// A class that declares an @omit field `__EXTISM_SEEN: u64` (the classes
// `extism-as gen` writes do) also records which fields the JSON held:
// reading its n-th field (n < 64, in declaration order, @omit fields not
// counted) sets bit n. The generated code checks required fields with it.
import { ASTBuilder, CommonFlags, NodeKind } from "assemblyscript/dist/assemblyscript.js";
import { hasDecorator, parseMember } from "./ast.js";

const SKIPPED_FIELDS = CommonFlags.Static | CommonFlags.Private | CommonFlags.Protected;

/** The field in which a class records the fields read (see above). */
const SEEN = "__EXTISM_SEEN";

/** Whether class `node` declares the field `__EXTISM_SEEN`. */
function declaresSeen(node) {
  return node.members.some((m) => m.kind === NodeKind.FieldDeclaration && m.name.text === SEEN);
}

/** Adds the PDK's JSON methods to every @json class among `statements` (and in their namespaces). */
export function addJsonMethods(source, statements) {
  for (const node of statements) {
    if (node.kind === NodeKind.NamespaceDeclaration) addJsonMethods(source, node.members);
    if (node.kind !== NodeKind.ClassDeclaration || !hasDecorator(node, "json", "serializable")) continue;
    if (node.members.some((m) => m.name?.text === "__EXTISM_READ")) continue;
    const fields = jsonFields(node);
    const seen = declaresSeen(node);
    const read = fields.map(({ name, key, type, readonly }, index) => {
      const bytes = [...Buffer.from(key, "utf8")];
      const match = `length == ${bytes.length} && r.keyIs(key, memory.data<u8>([${bytes.join(", ")}]), ${bytes.length})`;
      // A readonly field is stored as json-as stores it.
      const assign = readonly
        ? `r.storeField<${type}>(changetype<usize>(this), offsetof<this>(${JSON.stringify(name)}), r.read<${type}>());`
        : `this.${name} = r.read<${type}>();`;
      const mark = seen && index < 64 ? `\nthis.${SEEN} |= <u64>1 << ${index};` : "";
      return `if (${match}) {\n${assign}${mark}\nreturn true;\n}`;
    });
    const check = fields.map(({ name, key, type }) => `if (w.field<${type}>(this.${name}, ${JSON.stringify(key)})) return true;`);
    if (node.extendsType) {
      read.push("if (isDefined(super.__EXTISM_READ)) return super.__EXTISM_READ<__R>(r, key, length);");
      check.push("if (isDefined(super.__EXTISM_NONFINITE)) return super.__EXTISM_NONFINITE<__W>(w);");
    }
    node.members.push(
      parseMember(`__EXTISM_READ<__R>(r: __R, key: usize, length: i32): bool {\n${read.join("\n")}\nreturn false;\n}`, node),
      parseMember(`__EXTISM_NONFINITE<__W>(w: __W): bool {\n${check.join("\n")}\nreturn false;\n}`, node),
      parseMember(`__EXTISM_WRITE<__W>(w: __W): void {\n${writeFields(node, fields)}\n}`, node),
    );
  }
}

/** Field decorators that change nothing json-as writes. */
const PLAIN_FIELD_DECORATORS = new Set(["alias", "omit"]);

/**
 * The body of `__EXTISM_WRITE` for class `node` with `fields`: the fields
 * written one after the other, or, for a class json-as writes otherwise than
 * that, a call that leaves it to json-as.
 */
function writeFields(node, fields) {
  const decorated = (member) => member.decorators?.some((d) => !PLAIN_FIELD_DECORATORS.has(d.name.text.toLowerCase())) ?? false;
  const plain =
    node.extendsType === null &&
    !node.typeParameters?.length &&
    !node.decorators.some((d) => d.args?.length) &&
    !node.members.some((m) => m.kind === NodeKind.MethodDeclaration && m.decorators?.some((d) => ["serializer", "deserializer"].includes(d.name.text.toLowerCase()))) &&
    !node.members.some((m) => m.kind === NodeKind.FieldDeclaration && !(m.flags & CommonFlags.Static) && (decorated(m) || /\bLazy\b/.test(m.type ? ASTBuilder.build(m.type) : "")));
  if (!plain) return "w.json(this);";
  if (fields.length === 0) return 'w.raw("{}");';
  const lines = fields.map(({ name, key, type }, i) => `w.raw(${JSON.stringify((i === 0 ? "{" : ",") + JSON.stringify(key) + ":")});\nw.field<${type}>(this.${name});`);
  return `${lines.join("\n")}\nw.raw("}");`;
}

/** The fields of class `node` that json-as reads and writes: name, JSON key, type, readonly. */
function jsonFields(node) {
  const fields = [];
  for (const member of node.members) {
    if (member.kind !== NodeKind.FieldDeclaration || member.type === null || member.flags & SKIPPED_FIELDS) continue;
    if (hasDecorator(member, "omit")) continue;
    const type = ASTBuilder.build(member.type);
    if (type.includes("=>")) continue; // json-as skips function fields
    const alias = member.decorators?.find((d) => d.name.text === "alias")?.args?.[0];
    const key = alias?.value !== undefined ? String(alias.value) : member.name.text;
    fields.push({ name: member.name.text, key, type, readonly: (member.flags & CommonFlags.Readonly) !== 0 });
  }
  return fields;
}
