// Conformance: spec §11 (s) — wrap keeps objects alive, not copied. A class instance is wrapped as a
// view whose prototype is the original; a class keeps its statics; one function under two keys is two
// paths. Each "reproduction" test is issue 12's bullet, verbatim in spirit.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";

function setup() {
  const hooks = createHooks(true);
  const log = [];
  hooks.hook.on("**:before", ({ path }) => {
    log.push(path);
  });
  return { hooks, hook: hooks.hook, log };
}

class Counter {
  count = 0;
  #secret = 40;
  constructor(items = ["a", "b"]) {
    this.items = items;
  }
  inc() {
    this.count++;
    return this.count;
  }
  get double() {
    return this.count * 2;
  }
  set double(v) {
    this.count = v / 2;
  }
  secret() {
    return this.#secret + 2;
  }
  *[Symbol.iterator]() {
    yield* this.items;
  }
}

// ------------------------------------------------------------------------------------------------
describe("issue 12 reproductions (§11 (s))", () => {
  test("after api.c.inc() twice the original's count is 2 and so is api.c.count", () => {
    const { hooks, log } = setup();
    const c = new Counter();
    const api = hooks.wrap({ c });
    api.c.inc();
    api.c.inc();
    assert.equal(c.count, 2);
    assert.equal(api.c.count, 2);
    assert.deepEqual(log, ["c.inc", "c.inc"]);
  });

  test("a prototype getter reads through the original (this = the original)", () => {
    const { hooks } = setup();
    const c = new Counter();
    const api = hooks.wrap({ c });
    api.c.inc();
    assert.equal(api.c.double, 2);
    api.c.double = 10;
    assert.equal(c.count, 5, "the prototype setter ran on the original");
    assert.equal(api.c.double, 10);
  });

  test("[...api.c] iterates (Symbol.iterator is called with this = the original, no hooks)", () => {
    const { hooks, log } = setup();
    const api = hooks.wrap({ c: new Counter(["x", "y", "z"]) });
    assert.deepEqual([...api.c], ["x", "y", "z"]);
    assert.deepEqual(log, [], "symbol-keyed methods run no hooks");
  });

  test("api.c instanceof Counter", () => {
    const { hooks } = setup();
    const c = new Counter();
    const api = hooks.wrap({ c });
    assert.ok(api.c instanceof Counter);
    assert.equal(Object.getPrototypeOf(api.c), c, "the view's prototype is the original");
  });

  test("a class's static methods are intercepted under K.make", () => {
    const { hooks, hook, log } = setup();
    class K {
      static make(n) {
        return { n, self: this };
      }
      static #hidden() {
        return "h";
      }
      static peek() {
        return K.#hidden();
      }
    }
    hook.on("K.make:after", ({ result }) => ({ ...result, hooked: true }));
    const api = hooks.wrap({ K });
    const r = api.K.make(3);
    assert.equal(r.n, 3);
    assert.equal(r.self, K, "a static runs with this = the original class");
    assert.equal(r.hooked, true);
    assert.equal(api.K.peek(), "h");
    assert.deepEqual(log, ["K.make", "K.peek"]);
  });

  test("one function under two keys is two paths, each firing its own hooks", () => {
    const { hooks, hook, log } = setup();
    const f = (x) => x;
    const seen = [];
    hook.on("get:after", ({ result }) => {
      seen.push(["get", result]);
    });
    hook.on("fetch:after", ({ result }) => {
      seen.push(["fetch", result]);
    });
    const api = hooks.wrap({ get: f, fetch: f });
    assert.notEqual(api.get, api.fetch);
    api.get(1);
    api.fetch(2);
    assert.deepEqual(seen, [
      ["get", 1],
      ["fetch", 2],
    ]);
    assert.deepEqual(log, ["get", "fetch"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("views of class instances", () => {
  test("private fields work through prototype methods (this = the original)", () => {
    const { hooks, log } = setup();
    const api = hooks.wrap({ c: new Counter() });
    assert.equal(api.c.secret(), 42);
    const { secret } = api.c;
    assert.equal(secret(), 42, "a detached method keeps this = the original");
    assert.deepEqual(log, ["c.secret", "c.secret"]);
  });

  test("methods of every level of the prototype chain are intercepted; the closest one wins", () => {
    const { hooks, log } = setup();
    class Base {
      hello() {
        return "base";
      }
      only() {
        return "only";
      }
    }
    class Derived extends Base {
      hello() {
        return `derived>${super.hello()}`;
      }
    }
    const d = new Derived();
    const api = hooks.wrap({ d });
    assert.equal(api.d.hello(), "derived>base");
    assert.equal(api.d.only(), "only");
    assert.deepEqual(log, ["d.hello", "d.only"]);
    assert.ok(api.d instanceof Derived && api.d instanceof Base);
  });

  test("own data properties are forwarding accessors: reads and writes go to the original, now", () => {
    const { hooks } = setup();
    const c = new Counter();
    const api = hooks.wrap({ c });
    c.count = 7;
    assert.equal(api.c.count, 7, "a later write to the original is seen");
    api.c.count = 9;
    assert.equal(c.count, 9, "a write through the view reaches the original");
    assert.equal(Object.hasOwn(api.c, "count"), true);
    assert.equal(typeof Object.getOwnPropertyDescriptor(api.c, "count").get, "function");
  });

  test("a read-only own property stays read-only through the view", () => {
    const { hooks } = setup();
    const c = new Counter();
    Object.defineProperty(c, "fixed", { value: 1, enumerable: true, writable: false });
    const api = hooks.wrap({ c });
    assert.equal(api.c.fixed, 1);
    assert.throws(() => {
      api.c.fixed = 2;
    }, TypeError);
    assert.equal(c.fixed, 1);
  });

  test("a property added to the original later is read through the prototype", () => {
    const { hooks, log } = setup();
    const c = new Counter();
    const api = hooks.wrap({ c });
    c.late = "late";
    assert.equal(api.c.late, "late");
    c.lateFn = () => "not wrapped";
    assert.equal(api.c.lateFn(), "not wrapped");
    assert.deepEqual(log, [], "a function added after wrap() is not intercepted (the view's shape is a snapshot)");
  });

  test("defining or deleting a property on the view affects the view only", () => {
    const { hooks } = setup();
    const c = new Counter();
    const api = hooks.wrap({ c });
    api.c.extra = 1;
    assert.equal(Object.hasOwn(c, "extra"), false);
    Object.defineProperty(api.c, "count", { value: "mine", configurable: true, writable: true });
    assert.equal(api.c.count, "mine");
    assert.equal(c.count, 0);
    delete api.c.count;
    assert.equal(c.count, 0, "deleting on the view leaves the original alone");
    assert.equal(api.c.count, 0, "after the delete, count reads through the prototype");
    api.c.inc = () => "replaced";
    assert.equal(api.c.inc(), "replaced");
    assert.equal(typeof Counter.prototype.inc, "function");
    assert.equal(c.inc(), 1);
  });

  test("own keys and JSON of the view are those of the original", () => {
    const { hooks } = setup();
    const c = new Counter();
    c.inc();
    const api = hooks.wrap({ c });
    assert.deepEqual(Object.keys(api.c), Object.keys(c));
    assert.equal(JSON.stringify(api.c), JSON.stringify(c));
    assert.deepEqual({ ...api.c }, { ...c });
  });

  test("constructor reads through the prototype", () => {
    const { hooks } = setup();
    const api = hooks.wrap({ c: new Counter() });
    assert.equal(api.c.constructor, Counter);
  });

  test("an own object property is a nested node (snapshot of its shape); functions in it are intercepted", () => {
    const { hooks, log } = setup();
    class Svc {
      constructor() {
        this.db = { get: (k) => `v:${k}` };
      }
    }
    const s = new Svc();
    const api = hooks.wrap({ s });
    assert.equal(api.s.db.get(1), "v:1");
    assert.deepEqual(log, ["s.db.get"]);
    assert.notEqual(api.s.db, s.db);
  });

  test("an instance nested in an instance is a view too", () => {
    const { hooks, log } = setup();
    class Inner {
      n = 1;
      bump() {
        return ++this.n;
      }
    }
    class Outer {
      inner = new Inner();
    }
    const o = new Outer();
    const api = hooks.wrap({ o });
    assert.equal(api.o.inner.bump(), 2);
    assert.equal(o.inner.n, 2);
    assert.equal(api.o.inner.n, 2);
    assert.ok(api.o.inner instanceof Inner);
    assert.deepEqual(log, ["o.inner.bump"]);
  });

  test("an instance that refers to itself maps to the same view", () => {
    const { hooks } = setup();
    const c = new Counter();
    c.self = c;
    const api = hooks.wrap({ c });
    assert.equal(api.c.self, api.c);
  });

  test("Symbol.asyncIterator methods run with this = the original, no hooks", async () => {
    const { hooks, log } = setup();
    class Stream {
      #chunks = [1, 2];
      async *[Symbol.asyncIterator]() {
        yield* this.#chunks;
      }
    }
    const api = hooks.wrap({ s: new Stream() });
    const got = [];
    for await (const x of api.s) got.push(x);
    assert.deepEqual(got, [1, 2]);
    assert.deepEqual(log, []);
  });

  test("an instance as the wrap root is a view", () => {
    const { hooks, log } = setup();
    const c = new Counter();
    const api = hooks.wrap(c);
    api.inc();
    assert.equal(api.count, 1);
    assert.equal(c.count, 1);
    assert.ok(api instanceof Counter);
    assert.equal(typeof api.slothlet.hook.on, "function");
    assert.equal(Object.hasOwn(c, "slothlet"), false);
    assert.deepEqual(log, ["inc"]);
  });

  test("an object whose prototype is a plain object (Object.create) is a view", () => {
    const { hooks, log } = setup();
    const proto = {
      greet() {
        return `hi ${this.name}`;
      },
    };
    const o = Object.create(proto);
    o.name = "ann";
    const api = hooks.wrap({ o });
    assert.equal(api.o.greet(), "hi ann");
    o.name = "bob";
    assert.equal(api.o.greet(), "hi bob");
    assert.equal(api.o.name, "bob");
    assert.deepEqual(log, ["o.greet", "o.greet"]);
  });

  test("built-ins with internal slots pass through as values", () => {
    const hooks = createHooks(true);
    const values = {
      map: new Map([[1, 2]]),
      set: new Set([1]),
      weakMap: new WeakMap(),
      weakSet: new WeakSet(),
      date: new Date(0),
      regexp: /x/g,
      promise: Promise.resolve(1),
      error: new RangeError("e"),
      buffer: new ArrayBuffer(8),
      bytes: new Uint8Array(2),
      view: new DataView(new ArrayBuffer(4)),
      weakRef: new WeakRef({}),
      boxed: Object(1),
    };
    class MyMap extends Map {
      extra() {
        return 1;
      }
    }
    class MyError extends Error {}
    values.myMap = new MyMap();
    values.myError = new MyError("m");
    const api = hooks.wrap({ v: values });
    for (const [k, v] of Object.entries(values)) assert.equal(api.v[k], v, k);
  });

  test("a method call on a view does not mutate the original or its prototype", () => {
    const { hooks } = setup();
    const c = new Counter();
    const protoKeys = Reflect.ownKeys(Counter.prototype);
    const ownKeys = Reflect.ownKeys(c);
    const api = hooks.wrap({ c });
    api.c.inc();
    assert.deepEqual(Reflect.ownKeys(Counter.prototype), protoKeys);
    assert.deepEqual(Reflect.ownKeys(c), ownKeys);
  });
});

// ------------------------------------------------------------------------------------------------
describe("classes keep their statics", () => {
  test("static accessors forward to the class; statics inherited from a parent class are intercepted too", () => {
    const { hooks, log } = setup();
    class A {
      static #n = 0;
      static next() {
        return ++A.#n;
      }
      static get current() {
        return A.#n;
      }
      static who() {
        return this.name;
      }
    }
    class B extends A {}
    const api = hooks.wrap({ A, B });
    assert.equal(api.A.next(), 1);
    assert.equal(api.A.current, 1);
    assert.equal(api.B.who(), "B", "an inherited static runs with this = the subclass");
    assert.deepEqual(log, ["A.next", "B.who"]);
  });

  test("static data is a snapshot, as for any function node (own and inherited); static accessors are live", () => {
    const { hooks } = setup();
    class A {
      static version = "1";
      static get live() {
        return A.version;
      }
    }
    class B extends A {}
    const api = hooks.wrap({ A, B });
    A.version = "2";
    assert.equal(api.A.version, "1");
    assert.equal(api.B.version, "1");
    assert.equal(api.A.live, "2");
    assert.equal(api.B.live, "2");
    assert.deepEqual(Object.keys(api.B), [], "inherited statics are not own enumerable keys");
  });

  test("new on a wrapped class still constructs the original", () => {
    const { hooks, log } = setup();
    class K {
      static make() {
        return new K();
      }
    }
    const api = hooks.wrap({ K });
    assert.ok(new api.K() instanceof K);
    assert.ok(api.K.make() instanceof K);
    assert.deepEqual(log, ["K.make"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("shared values under several keys (§11 (s))", () => {
  test("an object reachable under two keys gives two nodes with their own paths", () => {
    const { hooks, log } = setup();
    const users = { find: (id) => ({ id }) };
    const api = hooks.wrap({ users, legacyUsers: users });
    api.users.find(1);
    api.legacyUsers.find(2);
    assert.deepEqual(log, ["users.find", "legacyUsers.find"]);
  });

  test("an instance reachable under two keys gives two views of the same original", () => {
    const { hooks, log } = setup();
    const c = new Counter();
    const api = hooks.wrap({ a: c, b: c });
    api.a.inc();
    api.b.inc();
    assert.equal(c.count, 2);
    assert.equal(api.a.count, 2);
    assert.deepEqual(log, ["a.inc", "b.inc"]);
  });

  test("a method shared by two instances' prototypes is intercepted per path", () => {
    const { hooks, log } = setup();
    const api = hooks.wrap({ x: new Counter(), y: new Counter() });
    api.x.inc();
    api.y.inc();
    assert.deepEqual(log, ["x.inc", "y.inc"]);
  });
});
