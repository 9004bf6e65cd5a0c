// This PDK, written as its README shows (default preset).
import { Host } from "extism-as-pdk";

@json
class Order {
  id: i64 = 0;
  customer: string = "";
  email: string = "";
  items: string[] = [];
  quantities: i32[] = [];
  total: f64 = 0;
  express: bool = false;
  note: string = "";
}

@json
class Receipt {
  id: i64 = 0;
  message: string = "";
  count: i32 = 0;
  total: f64 = 0;
}

export function json(): i32 {
  const order = Host.inputJSON<Order>();
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  receipt.total = order.total;
  Host.outputJSON(receipt);
  return 0;
}
