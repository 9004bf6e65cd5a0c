// A plug-in whose functions all live in another file, exported with
// `export *` (through a chain of two) and `export { ... as ... } from`, a
// common layout: the preset's transform must wrap them as any other.
export * from "./lib/stack-chain";
export { trap as trap_renamed } from "./lib/stack-chain";
