// Plug-in functions: every plug-in function (an exported function of an entry
// file, classic or typed: typed-exports.js) is exported through a wrapper that starts every
// call clean (the PDK's `beginCall`, in assembly/abort.ts): a call that traps,
// or whose host function throws, never runs the epilogues of its frames, and
// JS hosts keep the instance, so without it every such call would leak its
// shadow-stack frames until all calls fail, and would leave its failure
// context to the next call's errors.
import { CommonFlags, DiagnosticCode, NodeKind } from "assemblyscript/dist/assemblyscript.js";
import { appendStatements } from "./ast.js";
import { isNameable, pluginSignature, TYPED_GLUE_IMPORT, typedWrapper } from "./typed-exports.js";

/**
 * The PDK file the wrappers import `beginCall` from: the one the preset's
 * `--use abort=~lib/extism-as-pdk/assembly/abort/abort` names, so it is in
 * every program the preset builds.
 */
const BEGIN_CALL_FROM = "extism-as-pdk/assembly/abort";

/**
 * Exports each plug-in function of the entry files through a wrapper that
 * calls the PDK's `beginCall`, then the function, however the entry exports
 * it: declared there, listed in an `export { ... }` (`from` another file or
 * not, under another name or not), or through `export * from` (chains of
 * them included). Calls from the plug-in's own code still reach the function
 * directly. A name of an entry that another file imports is left as it is
 * (the wrapper must only ever run as a call's outermost frame).
 */
export function wrapExports(parser, entries) {
  const imported = importedFromEntries(parser, entries);
  const modules = new Modules(parser.sources);
  for (const source of entries) {
    const taken = imported.get(source.internalPath) ?? new Set();
    if (taken === "*") continue;
    const added = [];
    const wrapped = new Set();
    let typed = false;
    const wrap = (exported, target, signature) => {
      const wrapper = `__extism_export_${exported}`;
      if (signature.typed) {
        added.push(typedWrapper(wrapper, target, signature));
        typed = true;
      } else {
        const { returns } = signature;
        const call = returns === "void" ? `${target}();` : `return ${target}();`;
        added.push(`function ${wrapper}(): ${returns} {\n__extism_begin_call();\n${call}\n}`);
      }
      added.push(`export { ${wrapper} as ${exported} };`);
      wrapped.add(exported);
    };
    /** The plug-in signature of `fn`, exported here as `exported`; null when it is none, or cannot be wrapped here. */
    const signatureOf = (fn, exported) => {
      const signature = pluginSignature(fn, exported, parser);
      if (signature === null || fn.range.source === source) return signature;
      // Declared in another file: the wrapper here can name only built-in types.
      if (!signature.typed) return BUILTIN_TYPES.has(signature.returns) ? signature : null;
      if ((signature.param === null || isNameable(signature.param)) && isNameable(signature.result)) return signature;
      parser.error(
        DiagnosticCode.User_defined_0,
        fn.name.range,
        `extism-as-pdk: plug-in function '${exported}' is exported by ${source.normalizedPath} but declared here, with a type that file cannot name; declare it there, or export it from this file's own entry`,
      );
      return null;
    };
    // Plug-in functions declared here.
    for (const node of source.statements) {
      if (node.kind !== NodeKind.FunctionDeclaration || !(node.flags & CommonFlags.Export)) continue;
      const name = node.name.text;
      if (taken.has(name)) continue;
      const signature = signatureOf(node, name);
      if (signature === null) continue;
      node.flags &= ~CommonFlags.Export;
      wrap(name, name, signature);
    }
    // Listed in `export { ... }`, with or without `from`.
    for (const node of source.statements) {
      if (node.kind !== NodeKind.Export || node.members === null) continue;
      const from = node.internalPath == null ? null : modules.byPath.get(node.internalPath);
      if (from === undefined) continue;
      node.members = node.members.filter((member) => {
        const local = member.localName.text;
        const exported = member.exportedName.text;
        if (taken.has(exported)) return true;
        const fn = from === null ? modules.resolveLocal(source, local) : modules.resolveExport(from, local);
        const signature = fn === null ? null : signatureOf(fn, exported);
        if (signature === null) return true;
        if (from === null) wrap(exported, local, signature);
        else {
          const alias = `__extism_import_${exported}`;
          added.push(`import { ${local} as ${alias} } from ${JSON.stringify(node.path.value)};`);
          wrap(exported, alias, signature);
        }
        return false;
      });
    }
    // Through `export * from`: a name this file exports explicitly takes
    // precedence (as in asc), and so does the first `export *` that has it.
    // The `export *` stays: the wrapper's explicit export shadows its name.
    const explicit = modules.explicitNames(source);
    for (const node of source.statements) {
      if (node.kind !== NodeKind.Export || node.members !== null || node.internalPath == null) continue;
      const from = modules.byPath.get(node.internalPath);
      if (from === undefined) continue;
      for (const [name, fn] of modules.exportsOf(from)) {
        if (explicit.has(name) || wrapped.has(name) || taken.has(name)) continue;
        const signature = fn === null ? null : signatureOf(fn, name);
        if (signature === null) continue;
        const alias = `__extism_import_${name}`;
        added.push(`import { ${name} as ${alias} } from ${JSON.stringify(node.path.value)};`);
        wrap(name, alias, signature);
      }
    }
    if (added.length === 0) continue;
    added.push(`import { beginCall as __extism_begin_call } from ${JSON.stringify(BEGIN_CALL_FROM)};`);
    if (typed) {
      // The glue comes with the PDK (its index imports it); without it, asc would crash.
      if (!parser.sources.some((s) => s.internalPath.endsWith("extism-as-pdk/assembly/plugin-function"))) {
        parser.error(DiagnosticCode.User_defined_0, source.range, 'extism-as-pdk: typed plug-in functions need the PDK in the program: add import "extism-as-pdk";');
        continue;
      }
      added.push(TYPED_GLUE_IMPORT);
    }
    appendStatements(source, added.join("\n"));
  }
}

/** Return types a wrapper can name in any file: they need no import. */
const BUILTIN_TYPES = new Set(["void", "bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "f32", "f64"]);

/** What the parsed sources export, followed through imports, re-exports and `export *`, as asc resolves them. */
class Modules {
  constructor(sources) {
    /** Each source by its internal path. */
    this.byPath = new Map(sources.map((s) => [s.internalPath, s]));
    this.tables = new Map();
  }

  /** The names `source` exports itself (declarations and `export { ... }`), without `export *`. */
  explicitNames(source) {
    const names = new Set();
    for (const node of source.statements) {
      if (node.kind === NodeKind.Export) for (const m of node.members ?? []) names.add(m.exportedName.text);
      else if (node.kind === NodeKind.Variable) {
        for (const d of node.declarations) if (d.flags & CommonFlags.Export) names.add(d.name.text);
      } else if (node.name && node.flags & CommonFlags.Export) names.add(node.name.text);
    }
    return names;
  }

  /**
   * Every name `source` exports, each with the function declaration it
   * names, or null for anything else: its own exports first, then those of
   * each `export *` in order, a name taken by the first that has it.
   */
  exportsOf(source) {
    const known = this.tables.get(source);
    if (known !== undefined) return known;
    const table = new Map();
    this.tables.set(source, table); // a cycle of `export *` ends here
    for (const node of source.statements) {
      if (node.kind === NodeKind.FunctionDeclaration && node.flags & CommonFlags.Export) table.set(node.name.text, node);
      else if (node.kind === NodeKind.Export && node.members !== null) {
        const from = node.internalPath == null ? null : this.byPath.get(node.internalPath);
        for (const m of node.members) {
          const local = m.localName.text;
          const fn = from === undefined ? null : from === null ? this.resolveLocal(source, local) : this.resolveExport(from, local);
          table.set(m.exportedName.text, fn);
        }
      }
    }
    for (const name of this.explicitNames(source)) if (!table.has(name)) table.set(name, null);
    for (const node of source.statements) {
      if (node.kind !== NodeKind.Export || node.members !== null || node.internalPath == null) continue;
      const from = this.byPath.get(node.internalPath);
      if (from === undefined) continue;
      for (const [name, fn] of this.exportsOf(from)) if (!table.has(name)) table.set(name, fn);
    }
    return table;
  }

  /** The function declaration that `source` exports as `name`, or null. */
  resolveExport(source, name) {
    return this.exportsOf(source).get(name) ?? null;
  }

  /** The function declaration that `name` means at the top level of `source` (declared there or imported), or null. */
  resolveLocal(source, name) {
    for (const node of source.statements) {
      if (node.kind === NodeKind.FunctionDeclaration && node.name.text === name) return node;
      if (node.kind !== NodeKind.Import || node.declarations === null) continue;
      const d = node.declarations.find((d) => d.name.text === name);
      const from = d === undefined ? undefined : this.byPath.get(node.internalPath);
      if (from !== undefined) return this.resolveExport(from, d.foreignName.text);
    }
    return null;
  }
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
