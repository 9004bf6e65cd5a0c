// The minimal build (asconfig.minimal.json): AssemblyScript's stub runtime,
// a bump allocator that never frees and has no collector, with the heap
// rewound at the start of every call by the export wrapper (assembly/
// abort.ts beginCall) to where start-up left it. Extism keeps no plug-in
// memory between calls that the plug-in did not put in a var, so a plug-in
// function that keeps nothing in its own globals loses nothing by it.
//
// What the rewind asks, and what is checked here:
// - The stub runtime keeps its heap top to itself: `addHeapAccess` gives it
//   two functions the PDK calls (`__extism_heap_top`, `__extism_heap_rewind`).
// - A global of the plug-in's own files that holds a heap object would
//   point at freed memory on the next call: such a `let` or `var` is a build
//   error; such a `const` (other than a string, which nothing can change) a
//   warning, since an object made at start-up stays but what a call puts in
//   it does not.
// - json-as keeps its buffers in globals and grows them during calls: a
//   plug-in that compiles json-as in (JSON.Value, Date, a class with a custom
//   serializer...) is a build error in the minimal build.
import { CommonFlags, DiagnosticCode, ElementKind, Runtime } from "assemblyscript/dist/assemblyscript.js";
import { appendStatements } from "./ast.js";

/** Whether `program` is built with the stub runtime (the minimal build). */
export function isMinimal(program) {
  return program.options.runtime === Runtime.Stub;
}

/** Gives the stub runtime's heap top to the PDK (after parsing; nothing without the stub runtime). */
export function addHeapAccess(parser) {
  const stub = parser.sources.find((s) => s.internalPath === "~lib/rt/stub");
  if (stub === undefined || stub.statements.some((n) => n.name?.text === "__extism_heap_top")) return;
  appendStatements(
    stub,
    [
      "// @ts-ignore: decorator",
      "@global @unsafe export function __extism_heap_top(): usize { return offset; }",
      "// @ts-ignore: decorator",
      "@global @unsafe export function __extism_heap_rewind(top: usize): void { offset = top; }",
    ].join("\n"),
  );
}

/** The minimal build's checks (after compiling), reported on `program`'s diagnostics. */
export function checkMinimal(program, binaryen, module) {
  if (!isMinimal(program)) return;
  for (const element of program.elementsByName.values()) {
    if (element.kind !== ElementKind.Global || !element.is(CommonFlags.Compiled) || element.internalName.startsWith("~lib/")) continue;
    const type = element.type;
    if (!type.isReference) continue;
    const name = element.name;
    const range = element.declaration?.name?.range ?? null;
    if (!element.is(CommonFlags.Const)) {
      program.error(
        DiagnosticCode.User_defined_0,
        range,
        `extism-as-pdk (minimal build): the global '${name}' holds a heap object, which the heap reset at the start of every call frees; keep what must outlive a call in a var (Var.set), or build with the default preset`,
      );
    } else if (type.classReference?.internalName !== "~lib/string/String") {
      program.warning(
        DiagnosticCode.User_defined_0,
        range,
        `extism-as-pdk (minimal build): the constant '${name}' is a heap object made at start-up: it stays, but whatever a call stores in it is freed when the next call starts`,
      );
    }
  }
  for (let i = 0, n = module.getNumFunctions(); i < n; i++) {
    const name = binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name;
    if (name.startsWith("~lib/json-as/")) {
      program.error(
        DiagnosticCode.User_defined_0,
        null,
        "extism-as-pdk (minimal build): the plug-in compiles json-as in (for a type the PDK leaves to it: JSON.Value, Date, a set, a class with a custom serializer...), which keeps buffers across calls that the heap reset frees; use types the PDK writes itself, or build with the default preset",
      );
      return;
    }
  }
}
