/**
 * Why a call failed, in the plug-in's own words. The JS hosts prefix a set
 * error (`Plugin-originated error: `) and, when the plug-in traps, drop the
 * error it set for `unreachable`; the PDK's abort logs its message at error
 * level just before it traps, so that line is the reason.
 */

export type FailureKind = "error" | "abort" | "trap" | "timeout";

export interface Failure {
  /**
   * `error`: the plug-in set an error and returned; `abort`: it aborted (a
   * failed assert, a throw, bad input the PDK refused) and trapped; `trap`:
   * it trapped without a message (out of memory, `unreachable()`, an
   * out-of-bounds access); `timeout`: the host stopped it.
   */
  kind: FailureKind;
  message: string;
}

export interface FailureFacts {
  /** Whether the call ended in a trap. */
  trapped: boolean;
  /** Whether the plug-in set an error; null when the host cannot tell. */
  errorSet: boolean | null;
  /** The call's last error-level log line, if any. */
  lastErrorLine: string | null;
}

/** The failure behind the host's message `hostMessage`. */
export function explainFailure(hostMessage: string, facts: FailureFacts): Failure {
  const message = hostMessage.replace(/^Plugin-originated error: /, "");
  if (/call canceled due to timeout/.test(message)) return { kind: "timeout", message };
  if (facts.trapped || message === "Maximum call stack size exceeded") {
    if (facts.lastErrorLine !== null && facts.errorSet !== false) return { kind: "abort", message: facts.lastErrorLine };
    return { kind: "trap", message };
  }
  return { kind: "error", message };
}
