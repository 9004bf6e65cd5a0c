// The package's asc transform (transform/index.js), at the path that
// asconfig.json files name.
export { default } from "./transform/index.js";
