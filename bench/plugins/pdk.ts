// build: modern
// This PDK, used as its README shows. The `modern` build is the one that
// filters logging with get_log_level.
import { Host, LogLevel, Var } from "extism-as-pdk";

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}

export function echo_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}

export function vars(): i32 {
  Var.set("v", Host.input());
  Host.outputMemory(Var.getMemory("v")!);
  return 0;
}

@json
class Order {
  id: i64 = 0;
  customer: string = "";
  items: string[] = [];
  total: f64 = 0;
  express: bool = false;
}

@json
class Receipt {
  id: i64 = 0;
  message: string = "";
  count: i32 = 0;
}

export function json(): i32 {
  const order = Host.inputJSON<Order>();
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  Host.outputJSON(receipt);
  return 0;
}

export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) Host.log(LogLevel.Debug, "debug message");
  return 0;
}
