// Typed host functions. A declaration
//
//   @hostFunction("lookup")                      // module extism:host/user
//   @hostFunction("extism:host/user", "lookup")  // or a module of its own
//   declare function lookup(sku: string): Price;
//
// becomes the raw import (`@external`, handles as u64, numbers as themselves)
// and a function of the declared name and signature that passes each
// argument as a block (text, bytes or JSON: assembly/host-function.ts's
// hostArgument) and reads the result from the block the host returns
// (hostResult: handle 0 is null for a nullable type, an error otherwise).
import { ASTBuilder, CommonFlags, DiagnosticCode, NodeKind } from "assemblyscript/dist/assemblyscript.js";
import { appendStatements } from "./ast.js";

/** The PDK file of the glue. */
const GLUE_FROM = "extism-as-pdk/assembly/host-function";

/** Types that cross as themselves (the raw import takes and returns them). */
const NATIVE = new Set(["bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize", "f32", "f64"]);

/** Replaces each `@hostFunction` declaration of `source` with its raw import and typed function. */
export function addHostFunctions(source, diagnostics) {
  const added = [];
  source.statements = source.statements.filter((node) => {
    if (node.kind !== NodeKind.FunctionDeclaration) return true;
    const decorator = node.decorators?.find((d) => d.name.text === "hostFunction");
    if (decorator === undefined) return true;
    const fail = (message) => {
      diagnostics.error(DiagnosticCode.User_defined_0, node.name.range, `extism-as-pdk: host function '${node.name.text}' ${message}`);
      return true;
    };
    const args = (decorator.args ?? []).map((a) => (a.kind === NodeKind.Literal && typeof a.value === "string" ? a.value : null));
    if (args.length < 1 || args.length > 2 || args.includes(null)) return fail('needs its name, and optionally its module first: @hostFunction("name") or @hostFunction("module", "name")');
    if (!(node.flags & CommonFlags.Declare) || node.body !== null) return fail("must be declared without a body: declare function ...");
    const [module, name] = args.length === 2 ? args : ["extism:host/user", args[0]];
    const result = ASTBuilder.build(node.signature.returnType).trim();
    if (result === "") return fail("needs a written return type (void for none)");
    const params = node.signature.parameters.map((p) => ({ name: p.name.text, type: ASTBuilder.build(p.type).trim() }));
    const fn = [...params.map((p) => p.type), result].find((type) => type.includes("=>"));
    if (fn !== undefined) return fail(`cannot take or return a function (${fn}): a host function passes text, bytes, JSON and numbers`);
    const raw = `__extism_host_${node.name.text}`;
    const rawType = (type) => (NATIVE.has(type) ? type : "u64");
    const rawResult = result === "void" ? "void" : rawType(result);
    added.push(
      `@external(${JSON.stringify(module)}, ${JSON.stringify(name)})`,
      `declare function ${raw}(${params.map((p) => `${p.name}: ${rawType(p.type)}`).join(", ")}): ${rawResult};`,
    );
    const argument = (p) => (NATIVE.has(p.type) ? p.name : `__extism_host_argument<${p.type}>(${p.name})`);
    const call = `${raw}(${params.map(argument).join(", ")})`;
    let body;
    if (result === "void") body = `${call};`;
    else if (NATIVE.has(result)) body = `return ${call};`;
    else body = `return __extism_host_result<${result}>(${call}, ${JSON.stringify(name)});`;
    const exported = node.flags & CommonFlags.Export ? "export " : "";
    added.push(`${exported}function ${node.name.text}(${params.map((p) => `${p.name}: ${p.type}`).join(", ")}): ${result} {\n${body}\n}`);
    return false;
  });
  if (added.length === 0) return;
  added.push(`import { hostArgument as __extism_host_argument, hostResult as __extism_host_result } from ${JSON.stringify(GLUE_FROM)};`);
  appendStatements(source, added.join("\n"));
}
