// Small helpers over AssemblyScript's AST, shared by the transform's modules.
import { Parser, Source, SourceKind, Tokenizer } from "assemblyscript/dist/assemblyscript.js";

/** Whether `node` carries one of the decorators `names`. */
export function hasDecorator(node, ...names) {
  return node.decorators?.some((d) => names.includes(d.name.text)) ?? false;
}

/** Parses `code` as a member of the class `classNode`. */
export function parseMember(code, classNode) {
  const tokenizer = new Tokenizer(new Source(SourceKind.User, classNode.range.source.normalizedPath, code));
  const member = new Parser().parseClassMember(tokenizer, classNode);
  if (member === null) throw new Error(`extism-as-pdk transform: cannot parse ${code}`);
  return member;
}

/** Parses `code` as top-level statements and appends them to `source`. */
export function appendStatements(source, code) {
  const tokenizer = new Tokenizer(new Source(source.sourceKind, source.normalizedPath, code));
  const parser = new Parser();
  parser.currentSource = tokenizer.source;
  for (let statement; (statement = parser.parseTopLevelStatement(tokenizer)) !== null; ) source.statements.push(statement);
}

/**
 * Whether `sources` are an as-pect unit-test build: its entry exports are
 * as-pect's own, not plug-in functions, and the test kit, not an Extism
 * host, provides its imports.
 */
export function isUnitTestBuild(sources) {
  return sources.some((source) => source.normalizedPath.includes("@as-pect/assembly"));
}
