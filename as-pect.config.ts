/**
 * as-pect runs the unit tests (tests/unit/*.spec.ts) against the strict
 * kernel stand-in (the package's test kit, src/testing/aspect.ts), built with
 * `EXTISM_MODERN_HOST=1` (as-pect.asconfig.json). The portable build's tests
 * (tests/unit/portable/) run in a second pass with their own asconfig.
 */
import { aspectConfig } from "extism-as-pdk/testing/aspect";

export default aspectConfig(["tests/unit/*.spec.ts"]);
