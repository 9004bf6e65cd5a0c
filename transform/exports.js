// Plug-in functions: every plug-in function (an exported function of an entry
// file without parameters) is exported through a wrapper that first gives
// back the shadow stack: a call that traps, or whose host function throws,
// never runs the epilogues of its frames, and JS hosts keep the instance, so
// without this every such call would leak its frames until all calls fail.
import { ASTBuilder, CommonFlags, NodeKind } from "assemblyscript/dist/assemblyscript.js";
import { appendStatements } from "./ast.js";

/**
 * Exports each plug-in function of the entry files (declared there, or listed
 * in an `export { ... }` there, `from` another file or not) through a wrapper
 * that resets the shadow stack, then calls it. Calls from the plug-in's own
 * code still reach the function directly. A function of an entry that another
 * file imports is left as it is (the wrapper must only ever run as a call's
 * outermost frame). `export *` is left as it is too.
 */
export function wrapExports(parser, entries) {
  const imported = importedFromEntries(parser, entries);
  const byPath = new Map(parser.sources.map((s) => [s.internalPath, s]));
  for (const source of entries) {
    const taken = imported.get(source.internalPath);
    const added = [];
    const wrap = (exported, target, returns) => {
      const wrapper = `__extism_export_${exported}`;
      const call = returns === "void" ? `${target}();` : `return ${target}();`;
      added.push(`function ${wrapper}(): ${returns} {\n__stack_pointer = __heap_base;\n${call}\n}`, `export { ${wrapper} as ${exported} };`);
    };
    for (const node of source.statements) {
      if (node.kind !== NodeKind.FunctionDeclaration || !(node.flags & CommonFlags.Export)) continue;
      const name = node.name.text;
      const returns = pluginFunctionReturns(node);
      if (returns === null || taken === "*" || taken?.has(name)) continue;
      node.flags &= ~CommonFlags.Export;
      wrap(name, name, returns);
    }
    for (const node of source.statements) {
      if (node.kind !== NodeKind.Export || node.members === null) continue;
      const from = node.internalPath ?? source.internalPath;
      const target = byPath.get(from);
      if (target === undefined || (target === source && taken === "*")) continue;
      node.members = node.members.filter((member) => {
        const local = member.localName.text;
        const exported = member.exportedName.text;
        if (target === source && taken instanceof Set && taken.has(local)) return true;
        const fn = target.statements.find((s) => s.kind === NodeKind.FunctionDeclaration && s.name.text === local);
        const returns = fn === undefined ? null : pluginFunctionReturns(fn);
        if (returns === null) return true;
        if (target === source) wrap(exported, local, returns);
        else {
          const alias = `__extism_import_${exported}`;
          added.push(`import { ${local} as ${alias} } from ${JSON.stringify(node.path.value)};`);
          wrap(exported, alias, returns);
        }
        return false;
      });
    }
    if (added.length > 0) appendStatements(source, added.join("\n"));
  }
}

/** The return type of a plug-in function (no parameters, a body, a written return type), or null for any other function. */
function pluginFunctionReturns(node) {
  if (node.flags & (CommonFlags.Declare | CommonFlags.Ambient | CommonFlags.Generic) || node.body === null) return null;
  if (node.typeParameters?.length || node.signature.parameters.length > 0 || node.decorators?.length) return null;
  const returns = ASTBuilder.build(node.signature.returnType).trim();
  return returns === "" ? null : returns; // an inferred return type: left as it is
}

/** For each entry's internal path: the names other sources import from it, or "*" when one imports all of it. */
function importedFromEntries(parser, entries) {
  const paths = new Set(entries.map((s) => s.internalPath));
  const taken = new Map();
  const take = (path, name) => {
    if (!paths.has(path) || taken.get(path) === "*") return;
    if (name === "*") taken.set(path, "*");
    else taken.set(path, (taken.get(path) ?? new Set()).add(name));
  };
  for (const source of parser.sources) {
    for (const node of source.statements) {
      if (node.kind === NodeKind.Import && node.internalPath !== source.internalPath) {
        if (node.namespaceName) take(node.internalPath, "*");
        for (const d of node.declarations ?? []) take(node.internalPath, d.foreignName.text);
      } else if (node.kind === NodeKind.Export && node.internalPath && node.internalPath !== source.internalPath) {
        if (node.members === null) take(node.internalPath, "*");
        for (const m of node.members ?? []) take(node.internalPath, m.localName.text);
      }
    }
  }
  return taken;
}
