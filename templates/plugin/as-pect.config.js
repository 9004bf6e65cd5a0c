// as-pect runs assembly/__tests__/*.spec.ts against the test kit's strict
// stand-in for the Extism kernel. Host functions your plug-in imports go in
// the options: aspectConfig(entries, { functions: { name(cp, ...args) { ... } } }).
import { aspectConfig } from "extism-as-pdk/testing/aspect";

export default aspectConfig(["assembly/__tests__/**/*.spec.ts"]);
