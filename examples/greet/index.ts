// JSON in, JSON out, with a greeting taken from the host's config.
import { Config, Host } from "extism-as-pdk";

@json
class Person {
  name: string = "";
  age: i32 = 0;
}

@json
class Greeting {
  message: string = "";
  adult: bool = false;
}

export function greet(): i32 {
  // Fails the call with a clear message if the input is not a Person.
  const person = Host.inputJSON<Person>();
  const greeting = Config.get("greeting");

  const reply = new Greeting();
  reply.message = (greeting !== null ? greeting : "Hello") + ", " + person.name + "!";
  reply.adult = person.age >= 18;
  Host.outputJSON(reply);
  return 0;
}
