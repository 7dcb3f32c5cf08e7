// Timed spans for every call of a wrapped API, without writing a hook:
// createHooks({ tracing: true }) publishes each call on Node's
// diagnostics_channel TracingChannel "slothook:call", and a plain subscriber
// turns start → end (a sync call) or start → asyncEnd (a promise) into a span.
// AsyncLocalStorage bound to `start` nests the spans: a call made inside
// another call runs in its span.
// Run: node examples/tracing.mjs
import diagnostics_channel from "node:diagnostics_channel";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHooks } from "slothook";

// ---------------------------------------------------------------- the subscriber
const channel = diagnostics_channel.tracingChannel("slothook:call");
const currentSpan = new AsyncLocalStorage();
/** The span of each call, by the call's context object. */
const spans = new WeakMap();
let finished = 0;

// `start` enters the store for the whole call: the transform makes the call's span.
channel.start.bindStore(currentSpan, (call) => {
  const parent = currentSpan.getStore();
  const span = { path: call.path, depth: parent === undefined ? 0 : parent.depth + 1, startedAt: process.hrtime.bigint() };
  spans.set(call, span);
  return span;
});

function finish(call) {
  const span = spans.get(call);
  const ms = Number(process.hrtime.bigint() - span.startedAt) / 1e6;
  const outcome = "error" in call ? `error: ${call.error.message}` : "ok";
  console.log(`${"  ".repeat(span.depth)}${span.path} ${outcome} ${ms.toFixed(1)} ms`);
  finished++;
}

const handlers = {
  // A sync call is over at `end` (its context has `result` or `error` by
  // then); a promise's `end` comes when it is returned, before it settles.
  end(call) {
    if ("result" in call || "error" in call) finish(call);
  },
  // The promise settled.
  asyncEnd: finish,
};
channel.subscribe(handlers);

// ---------------------------------------------------------------- the application
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const PRICES = { book: 12, pen: 1.5 };

const hooks = createHooks({ tracing: true });
const api = hooks.wrap({
  users: {
    async get(id) {
      await sleep(15);
      return { id, name: `user ${id}` };
    },
  },
  prices: {
    total(item, count) {
      if (!(item in PRICES)) throw new Error(`no price for ${item}`);
      return PRICES[item] * count;
    },
  },
  orders: {
    async place(userId, item) {
      const user = await api.users.get(userId);
      return { user: user.name, item, total: api.prices.total(item, 2) };
    },
  },
});
// Hooks run inside the call's span: this one's time is part of prices.total's.
hooks.hook.on("prices.total:after", ({ result }) => Math.round(result * 100) / 100);

console.log("place(1, 'book'):", JSON.stringify(await api.orders.place(1, "book")));
try {
  await api.orders.place(2, "unicorn");
} catch (err) {
  console.log("place(2, 'unicorn') failed:", err.message);
}

// Without a subscriber nothing is published (and a call costs what it costs untraced).
channel.unsubscribe(handlers);
channel.start.unbindStore(currentSpan);
const before = finished;
api.prices.total("pen", 4);
console.log(`after unsubscribing: ${finished - before} span(s) for 1 call`);
