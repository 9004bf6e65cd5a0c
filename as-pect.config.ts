/**
 * as-pect runs the unit tests (tests/unit/*.spec.ts) against the strict
 * kernel stand-in (tests/support/aspect-kernel.ts), built with
 * `EXTISM_MODERN_HOST=1` (as-pect.asconfig.json). The portable build's tests
 * (tests/unit/portable/) run in a second pass with their own asconfig.
 */
import { aspectConfig } from "./tests/support/aspect-kernel.ts";

export default aspectConfig(["tests/unit/*.spec.ts"]);
