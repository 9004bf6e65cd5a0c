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
// - json-fields.js: every @json class's fields, for the PDK's own JSON
//   reader and its checks of values written.
// - exports.js, typed-exports.js: plug-in functions (classic and typed)
//   exported through a wrapper that starts every call clean.
// - host-functions.js: typed host functions (`@hostFunction`).
// - import-check.js: after compiling, an error for each import no Extism host
//   provides (`Date.now`, a `console` the preset did not route...).
// - compile-on-use.js: the PDK's files and json-as compiled only when used.
// - minimal.js: the minimal build (asconfig.minimal.json): the stub
//   runtime's heap rewound at every call, and what that asks of a plug-in.
import JsonTransform from "json-as/transform/lib/index.js";
import { SourceKind } from "assemblyscript/dist/assemblyscript.js";
import { wrapExports } from "./exports.js";
import { isUnitTestBuild } from "./ast.js";
import { addHostFunctions } from "./host-functions.js";
import { compileOnUse } from "./compile-on-use.js";
import { checkImports } from "./import-check.js";
import { addJsonMethods } from "./json-fields.js";
import { addHeapAccess, checkMinimal } from "./minimal.js";

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
    for (const source of parser.sources) {
      addJsonMethods(source, source.statements);
      addHostFunctions(source, parser);
    }
    const result = afterParse.call(this, parser);
    for (const source of entries) source.sourceKind = SourceKind.UserEntry;
    // In an as-pect build the entries' exports are the test runner's.
    if (!isUnitTestBuild(parser.sources)) wrapExports(parser, entries);
    addHeapAccess(parser);
    return result;
  };
}

/** json-as's transform, run once per compilation, with the additions above. */
export default class ExtismTransform extends JsonTransform {
  afterInitialize(program) {
    const result = super.afterInitialize(program);
    compileOnUse(program);
    return result;
  }

  afterCompile(module) {
    checkImports(this.program, this.binaryen, module);
    checkMinimal(this.program, this.binaryen, module);
  }
}
