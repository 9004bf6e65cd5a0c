// Typed plug-in functions. An exported function of an entry file is a plug-in
// function in one of two forms:
//
// - classic: `export function f(): i32` (or `: void`), no parameter. The i32
//   is the return code; the function does its I/O with `Host`. As in
//   @extism/as-pdk.
// - typed: any other form, `export function f(input: T): R` with at most one
//   parameter. The wrapper reads the call's input as a `T` (string: the text;
//   Uint8Array: the bytes; any other type: JSON), and writes the result as
//   the output the same way (nothing for `void`). Bad input, or an error the
//   function set with `Host.setError`, fails the call with `error_set` and a
//   normal return (assembly/plugin-function.ts), so every host's caller sees
//   the message.
//
// What cannot be a plug-in function is a compile error that names the
// function, its file and line.
import { ASTBuilder, CommonFlags, DiagnosticCode } from "assemblyscript/dist/assemblyscript.js";

/** The PDK file of the typed glue. */
export const TYPED_GLUE_FROM = "extism-as-pdk/assembly/plugin-function";

/** The imports the typed wrappers of one file use. */
export const TYPED_GLUE_IMPORT = `import { beginTyped as __extism_begin_typed, typedInput as __extism_typed_input, typedInputFailed as __extism_typed_input_failed, typedOutput as __extism_typed_output, typedDone as __extism_typed_done } from ${JSON.stringify(TYPED_GLUE_FROM)};`;

/** Names a plug-in function cannot have: the module's own exports. */
const RESERVED = new Set(["memory", "_initialize", "_start"]);

/**
 * What the exported function `node` is as a plug-in function, exported as
 * `exported`: null (not one: declared, generic, decorated, or without
 * parameters and with an inferred return type, as before typed functions),
 * `{ typed: false, returns }`, or `{ typed: true, param, result }` (types as
 * written; `param` null without a parameter). Reports a compile error through
 * `diagnostics` and returns null for what cannot be one.
 */
export function pluginSignature(node, exported, diagnostics) {
  if (node.flags & (CommonFlags.Declare | CommonFlags.Ambient | CommonFlags.Generic) || node.body === null) return null;
  if (node.typeParameters?.length || node.decorators?.length) return null;
  const params = node.signature.parameters;
  const result = ASTBuilder.build(node.signature.returnType).trim();
  if (params.length === 0 && result === "") return null;
  const fail = (message) => {
    diagnostics.error(DiagnosticCode.User_defined_0, node.name.range, `extism-as-pdk: plug-in function '${exported}' ${message}`);
    return null;
  };
  if (RESERVED.has(exported)) return fail(`cannot be named '${exported}': the plug-in's module exports that name itself. Export it under another name: export { ${node.name.text} as ${node.name.text}_ }`);
  if (params.length > 1) return fail(`takes ${params.length} parameters; a plug-in function takes at most one, the call's input (put the values in a @json class)`);
  if (result === "") return fail("needs a written return type (the type of the call's output)");
  if (params.length === 0 && (result === "i32" || result === "void")) return { typed: false, returns: result };
  const param = params.length === 0 ? null : ASTBuilder.build(params[0].type).trim();
  if (param !== null && params[0].initializer) return fail("cannot give its parameter a default value: the parameter is the call's input");
  for (const [what, type] of [["parameter", param], ["result", result]]) {
    if (type !== null && type.includes("=>")) return fail(`cannot have a function as its ${what} (${type}): the call's input and output are text, bytes or JSON`);
  }
  return { typed: true, param, result };
}

/**
 * The text of a wrapper `name` that runs the typed plug-in function `target`:
 * itself without a shadow-stack frame (it resets the stack pointer), calling
 * a second function that does the work.
 */
export function typedWrapper(name, target, { param, result }) {
  const lines = [`function ${name}(): i32 {`, "__extism_begin_typed();", `return ${name}_run();`, "}", `function ${name}_run(): i32 {`];
  let call = `${target}()`;
  if (param !== null) {
    lines.push(`const input = __extism_typed_input<${param}>();`, "if (__extism_typed_input_failed()) return 1;");
    call = `${target}(input)`;
  }
  if (result === "void") lines.push(`${call};`, "return __extism_typed_done();");
  else lines.push(`return __extism_typed_output<${result}>(${call});`);
  lines.push("}");
  return lines.join("\n");
}

/** The built-in names a wrapper can use in any file: a type made only of these needs no import. */
const NAMEABLE = new Set(["void", "bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "f32", "f64", "string", "String", "null", "Array", "StaticArray", "Map", "Set", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Uint64Array", "Int64Array", "Float32Array", "Float64Array"]);

/** Whether every name in the type `text` is built in (a wrapper in another file can write it). */
export function isNameable(text) {
  return (text.match(/[A-Za-z_$][\w$]*/g) ?? []).every((word) => NAMEABLE.has(word));
}
