// The package's asc transform, enabled by its asconfig.json: json-as's
// transform, plus what plug-ins need on top of it.
//
// - NAIVE mode unless JSON_MODE says otherwise: json-as 1.6.0's default SWAR
//   string serializer splits a surrogate pair that straddles one of its 8-byte
//   chunks ("日本 🎉" comes out as "日本 \ufffd\\udf89").
// - json-as marks every source named assembly/index as a library (meaning its
//   own), so a plug-in whose entry is assembly/index.ts, the AssemblyScript
//   convention, would export nothing. Entries stay entries here.
// - json-as runs once per compilation even when a plug-in's own asconfig.json
//   also lists "json-as/transform" (as json-as's README says to): asc merges
//   that list with this preset's, and two json-as transforms would declare
//   JSON_MODE twice and generate every schema twice. The hooks are patched on
//   json-as's class itself, so whichever of the two instances asc calls first
//   does the work and the other does nothing.
// - Every @json class gets `__EXTISM_SHAPE<B>(shape: B)`, which names the
//   type of each field json-as reads (assembly/json-shape.ts): the PDK checks
//   JSON input against the types before json-as sees it.
// - Every plug-in function (an exported function of an entry file without
//   parameters) is exported through a wrapper that first gives back the
//   shadow stack: a call that traps, or whose host function throws, never
//   runs the epilogues of its frames, and JS hosts keep the instance, so
//   without this every such call would leak its frames until all calls fail.
import JsonTransform from "json-as/transform/lib/index.js";
import { ASTBuilder, CommonFlags, NodeKind, Parser, Source, SourceKind, Tokenizer } from "assemblyscript/dist/assemblyscript.js";

process.env.JSON_MODE ??= "NAIVE";

const PATCHED = Symbol.for("extism-as-pdk.json-as-once");

const proto = JsonTransform.prototype;
if (!proto[PATCHED]) {
  proto[PATCHED] = true;
  const { afterInitialize, afterParse } = proto;
  const initialized = new WeakSet();
  const parsed = new WeakSet();
  proto.afterInitialize = function (program) {
    if (initialized.has(program)) return;
    initialized.add(program);
    return afterInitialize.call(this, program);
  };
  proto.afterParse = function (parser) {
    if (parsed.has(parser)) return;
    parsed.add(parser);
    const entries = parser.sources.filter((source) => source.sourceKind === SourceKind.UserEntry);
    // Before json-as, which adds fields of its own to @json classes.
    for (const source of parser.sources) addShapeMethods(source, source.statements);
    const result = afterParse.call(this, parser);
    for (const source of entries) source.sourceKind = SourceKind.UserEntry;
    wrapExports(parser, entries);
    return result;
  };
}

/** json-as's transform, run once per compilation, with the additions above. */
export default class ExtismTransform extends JsonTransform {}

// ---- Field types of @json classes ----

const SKIPPED_FIELDS = CommonFlags.Static | CommonFlags.Private | CommonFlags.Protected;

function hasDecorator(node, ...names) {
  return node.decorators?.some((d) => names.includes(d.name.text)) ?? false;
}

/** Adds `__EXTISM_SHAPE` to every @json class among `statements` (and in their namespaces). */
function addShapeMethods(source, statements) {
  for (const node of statements) {
    if (node.kind === NodeKind.NamespaceDeclaration) addShapeMethods(source, node.members);
    if (node.kind !== NodeKind.ClassDeclaration || !hasDecorator(node, "json", "serializable")) continue;
    if (node.members.some((m) => m.name?.text === "__EXTISM_SHAPE")) continue;
    const lines = [];
    // A base class's fields first: a field declared again here replaces it.
    if (node.extendsType) lines.push("if (isDefined(super.__EXTISM_SHAPE)) super.__EXTISM_SHAPE<__B>(shape);");
    for (const member of node.members) {
      if (member.kind !== NodeKind.FieldDeclaration || member.type === null || member.flags & SKIPPED_FIELDS) continue;
      if (hasDecorator(member, "omit")) continue;
      const type = ASTBuilder.build(member.type);
      if (type.includes("=>")) continue; // json-as skips function fields
      const alias = member.decorators?.find((d) => d.name.text === "alias")?.args?.[0];
      const key = alias?.value !== undefined ? String(alias.value) : member.name.text;
      lines.push(`shape.field<${type}>(${JSON.stringify(key)});`);
    }
    const code = `__EXTISM_SHAPE<__B>(shape: __B): void {\n${lines.join("\n")}\n}`;
    node.members.push(parseMember(code, node));
  }
}

function parseMember(code, classNode) {
  const tokenizer = new Tokenizer(new Source(SourceKind.User, classNode.range.source.normalizedPath, code));
  const member = new Parser().parseClassMember(tokenizer, classNode);
  if (member === null) throw new Error(`extism-as-pdk transform: cannot parse ${code}`);
  return member;
}

// ---- Plug-in functions ----

/**
 * Exports each plug-in function of the entry files (declared there, or listed
 * in an `export { ... }` there, `from` another file or not) through a wrapper
 * that resets the shadow stack, then calls it. Calls from the plug-in's own
 * code still reach the function directly. A function of an entry that another
 * file imports is left as it is (the wrapper must only ever run as a call's
 * outermost frame). `export *` is left as it is too.
 */
function wrapExports(parser, entries) {
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
    if (added.length === 0) continue;
    const tokenizer = new Tokenizer(new Source(source.sourceKind, source.normalizedPath, added.join("\n")));
    const generated = new Parser();
    generated.currentSource = tokenizer.source;
    for (let statement; (statement = generated.parseTopLevelStatement(tokenizer)) !== null; ) source.statements.push(statement);
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
