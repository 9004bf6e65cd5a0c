// A link in a chain of `export *` (tests/plugins/stack-star.ts).
export * from "./stack-impl";
