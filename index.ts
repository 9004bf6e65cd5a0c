// The package entry for asc, which resolves `import ... from "extism-as-pdk"` to
// this file. The PDK itself is in assembly/.
export * from "./assembly/index";
