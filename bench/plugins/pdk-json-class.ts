// build: minimal
// This PDK: the smallest realistic JSON plug-in, one @json class with a
// string, an integer and a string array, read as the call's input and
// written as its output (a typed plug-in function). Built for its size only.
import "extism-as-pdk";

@json
class Item {
  name: string = "";
  count: i32 = 0;
  tags: string[] = [];
}

export function tag(item: Item): Item {
  item.count += 1;
  item.tags.push("seen");
  return item;
}
