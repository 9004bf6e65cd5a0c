// A plug-in for the bad-input catalogue whose host function throws: it
// imports `extism:host/user` `fail`, so it loads only where the host gives
// that function (the JS SDKs in the tests).
import { Host, HostFunction, Var } from "extism-as-pdk";

@external("extism:host/user", "fail")
declare function fail(message: u64): void;

/** Passes the input to the host function `fail`; outputs "not reached" if it returns. */
export function failing(): i32 {
  fail(HostFunction.string(Host.inputString()));
  Host.outputString("not reached");
  return 0;
}

/** Stores the input in var "kept". */
export function keep(): i32 {
  Var.setString("kept", Host.inputString());
  return 0;
}

/** Outputs var "kept", or "<none>". */
export function kept(): i32 {
  const value = Var.getString("kept");
  Host.outputString(value === null ? "<none>" : value);
  return 0;
}
