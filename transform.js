// The package's asc transform (enabled by asconfig.json): json-as, in its
// NAIVE mode unless JSON_MODE says otherwise. json-as 1.6.0's default SWAR
// string serializer splits a surrogate pair that straddles one of its 8-byte
// chunks ("日本 🎉" comes out as "日本 \ufffd\\udf89"); NAIVE does not.
process.env.JSON_MODE ??= "NAIVE";
export { default } from "json-as/transform/lib/index.js";
