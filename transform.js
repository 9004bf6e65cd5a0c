// The package's asc transform (enabled by asconfig.json): json-as, with two
// fixes for plug-in authors.
//
// - NAIVE mode unless JSON_MODE says otherwise: json-as 1.6.0's default SWAR
//   string serializer splits a surrogate pair that straddles one of its 8-byte
//   chunks ("日本 🎉" comes out as "日本 \ufffd\\udf89").
// - json-as marks every source named assembly/index as a library (meaning its
//   own), so a plug-in whose entry is assembly/index.ts, the AssemblyScript
//   convention, would export nothing. Entries stay entries here.
import JsonTransform from "json-as/transform/lib/index.js";

process.env.JSON_MODE ??= "NAIVE";

const USER_ENTRY = 1; // SourceKind.UserEntry in assemblyscript

export default class ExtismTransform extends JsonTransform {
  afterParse(parser) {
    const entries = parser.sources.filter((source) => source.sourceKind === USER_ENTRY);
    super.afterParse(parser);
    for (const source of entries) source.sourceKind = USER_ENTRY;
  }
}
