// After compiling: every import of the plug-in that no Extism host provides
// is a build error naming it and the fix, so the author learns of it from asc
// instead of from a host that refuses to load the plug-in. WASI imports are a
// warning: only hosts with WASI enabled load them.
import { DiagnosticCode } from "assemblyscript/dist/assemblyscript.js";
import { isUnitTestBuild } from "./ast.js";
import { classifyImport, importName } from "./imports.js";

/**
 * Reports the imports of `module` (asc's binaryen module) on `program`'s
 * diagnostics, which asc checks after the transform's `afterCompile`.
 */
export function checkImports(program, binaryen, module) {
  // A unit-test build runs in the test kit, which provides what the test
  // runner imports; only plug-ins meet Extism hosts.
  if (isUnitTestBuild(program.sources)) return;
  for (const entry of moduleImports(binaryen, module)) {
    const verdict = classifyImport(entry.module, entry.name, entry.kind);
    const name = importName(entry.module, entry.name);
    if (verdict.kind === "unavailable") {
      program.error(DiagnosticCode.User_defined_0, null, `extism-as-pdk: the plug-in imports ${name}, which no Extism host provides: ${verdict.fix}.`);
    } else if (verdict.kind === "wasi") {
      program.warning(DiagnosticCode.User_defined_0, null, `extism-as-pdk: the plug-in imports ${name} (WASI): only hosts with WASI enabled can load it.`);
    }
  }
}

/** The imports of a binaryen module: functions, globals, memory, tables. */
function moduleImports(binaryen, module) {
  const found = [];
  for (let i = 0, n = module.getNumFunctions(); i < n; i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (info.module) found.push({ module: info.module, name: info.base, kind: "function" });
  }
  for (let i = 0, n = module.getNumGlobals(); i < n; i++) {
    const info = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    if (info.module) found.push({ module: info.module, name: info.base, kind: "global" });
  }
  for (let i = 0, n = module.getNumTables(); i < n; i++) {
    const info = binaryen.getTableInfo(module.getTableByIndex(i));
    if (info.module) found.push({ module: info.module, name: info.base, kind: "table" });
  }
  if (module.hasMemory()) {
    const info = module.getMemoryInfo();
    if (info.module) found.push({ module: info.module, name: info.base, kind: "memory" });
  }
  return found;
}
