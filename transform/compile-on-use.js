// A plug-in pays only for the parts of the PDK it uses.
//
// asc compiles the top-level code of every file an import statement names,
// as soon as the importing file's own top-level code is compiled, whether
// anything of the imported file is used or not: a plug-in that imports the
// PDK for `Host.input` would get JSON, json-as, the decimal reader and their
// start-up code (allocations, tables) because some PDK file imports them for
// a function the plug-in never calls. Once the program is initialized, the
// PDK's import and re-export statements have done their work (every name
// they bring into scope is resolved), so this removes them: a PDK file's
// top-level code is then compiled when the plug-in uses something of that
// file (asc compiles a file's top-level code before the first function of it
// that it compiles), and never otherwise.
//
// json-as is compiled on use the same way: the imports of json-as that
// plug-in files hold (their own, and those json-as's transform adds to every
// file with a @json class) are dropped too, so json-as's files are compiled
// only when something compiled calls into json-as (JSON.stringify, a type
// the PDK leaves to json-as); json-as's own imports stay as they are. The one
// json-as global the PDK names directly (the escape table it completes) is
// made @lazy, like the PDK's own.
//
// What this asks of the PDK's files (assembly/): every top-level variable is
// `@lazy` or `@inline`, since the code that reads or writes it may be compiled
// before the file's own top-level code is (asc refuses that for an ordinary
// global). The build fails naming any that is neither.
import { DecoratorFlags, DiagnosticCode, NodeKind } from "assemblyscript/dist/assemblyscript.js";
import { hasDecorator } from "./ast.js";

/** The internal paths of the PDK's own files (as asc names them once the package resolves). */
const PDK_FILES = /^~lib\/extism-as-pdk\/assembly\//;
const JSON_AS_FILES = /^~lib\/json-as\//;
/** json-as's globals that the PDK's files name. */
const JSON_AS_GLOBALS = ["~lib/json-as/assembly/globals/tables/DESERIALIZE_ESCAPE_TABLE"];

/** Whether `node` is an import or a re-export (`export ... from`). */
const importsFile = (node) => node.kind === NodeKind.Import || (node.kind === NodeKind.Export && node.internalPath != null);

/**
 * Drops the import and re-export statements of the PDK's files, and every
 * file's imports of json-as but json-as's own, from `program` (after its
 * initialization).
 */
export function compileOnUse(program) {
  for (const name of JSON_AS_GLOBALS) {
    const global = program.elementsByName.get(name);
    if (global !== undefined) global.decoratorFlags |= DecoratorFlags.Lazy;
  }
  for (const source of program.sources) {
    if (JSON_AS_FILES.test(source.internalPath)) continue;
    if (!PDK_FILES.test(source.internalPath)) {
      source.statements = source.statements.filter((node) => !(importsFile(node) && JSON_AS_FILES.test(node.internalPath)));
      continue;
    }
    for (const node of source.statements) {
      if (node.kind !== NodeKind.Variable || hasDecorator(node, "lazy", "inline")) continue;
      for (const d of node.declarations) {
        program.error(DiagnosticCode.User_defined_0, d.name.range, `extism-as-pdk: the PDK's top-level variable '${d.name.text}' must be @lazy or @inline (transform/compile-on-use.js)`);
      }
    }
    source.statements = source.statements.filter((node) => !importsFile(node));
  }
}
