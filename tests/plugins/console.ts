// build: modern
// AssemblyScript's console, routed by the preset to the host's logger.
import "extism-as-pdk";

/** Logs the input once per console method, then a failed and a passing assert. */
export function console_all(input: string): void {
  console.log("log " + input);
  console.debug("debug " + input);
  console.info("info " + input);
  console.warn("warn " + input);
  console.error("error " + input);
  console.assert(input.length == 0, "not empty: " + input);
  console.assert(input.length > 0, "never shown");
  console.assert(false);
  console.log();
}
