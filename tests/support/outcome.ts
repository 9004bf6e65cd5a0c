/** Assertions on what a plug-in call returned. */
import assert from "node:assert/strict";
import type { Outcome } from "./hosts.ts";

/** The text a call output; fails the test, with the host's error, if the call failed. */
export function text(outcome: Outcome): string {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
  return outcome.text;
}
