// The typed fields of @json classes: every @json class gets
// `__EXTISM_SHAPE<B>(shape: B)`, which names the type of each field json-as
// reads (assembly/json-shape.ts), so the PDK checks JSON input against the
// types before json-as sees it.
import { ASTBuilder, CommonFlags, NodeKind } from "assemblyscript/dist/assemblyscript.js";
import { hasDecorator, parseMember } from "./ast.js";

const SKIPPED_FIELDS = CommonFlags.Static | CommonFlags.Private | CommonFlags.Protected;

/** Adds `__EXTISM_SHAPE` to every @json class among `statements` (and in their namespaces). */
export function addShapeMethods(source, statements) {
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
