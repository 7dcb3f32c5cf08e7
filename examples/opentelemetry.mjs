// Real OpenTelemetry spans for every call of a wrapped API, without writing a
// hook: createHooks({ tracing: true }) publishes each call on Node's
// diagnostics_channel TracingChannel "slothook:call", and instrumentSlothook()
// below turns the channel into spans with @opentelemetry/api, the way APM
// instrumentations consume TracingChannels: `start` enters the context
// manager's AsyncLocalStorage with the call's span (bindStore), so a wrapped
// call made inside another becomes its child, and so does any span your code
// starts inside the call.
//
// Run: node examples/opentelemetry.mjs
// (@opentelemetry/api and @opentelemetry/sdk-trace-base are dev dependencies of
// this repository — npm ci installs them; slothook itself depends on neither.)
import diagnostics_channel from "node:diagnostics_channel";
import { AsyncLocalStorage } from "node:async_hooks";
import { fileURLToPath } from "node:url";
import { context, trace, ROOT_CONTEXT, SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { createHooks } from "slothook";

/**
 * An OpenTelemetry context manager on an AsyncLocalStorage (what
 * @opentelemetry/context-async-hooks provides; written out here so the store
 * it reads is in reach of bindStore).
 */
export class StoreContextManager {
  constructor(store = new AsyncLocalStorage()) {
    this.store = store;
  }
  active() {
    return this.store.getStore() ?? ROOT_CONTEXT;
  }
  with(ctx, fn, thisArg, ...args) {
    return this.store.run(ctx, () => fn.apply(thisArg, args));
  }
  bind(ctx, target) {
    if (typeof target !== "function") return target;
    const manager = this;
    return function bound(...args) {
      return manager.with(ctx, target, this, ...args);
    };
  }
  enable() {
    return this;
  }
  disable() {
    return this;
  }
}

/**
 * Spans from slothook's TracingChannel: one per call, named by its path, a
 * child of the context active when the call starts, ended when the call is
 * over (`end` for a sync call, `asyncEnd` for a promise), with error status
 * and the exception on failure. `store` is the AsyncLocalStorage the global
 * context manager reads. Returns a function that stops the instrumentation.
 */
export function instrumentSlothook({ tracer, store, channel = "slothook:call" }) {
  const tc = diagnostics_channel.tracingChannel(channel);
  /** The span of each call, by the call's context object. */
  const spans = new WeakMap();
  tc.start.bindStore(store, (call) => {
    const parent = context.active();
    const span = tracer.startSpan(call.path, { attributes: { "slothook.path": call.path, "slothook.args": call.args.length } }, parent);
    spans.set(call, span);
    return trace.setSpan(parent, span);
  });
  const handlers = {
    error(call) {
      const span = spans.get(call);
      if (span === undefined) return;
      const { error } = call;
      if (error instanceof Error) span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    },
    // A sync call is over at `end` (its context has `result` or `error` by then).
    end(call) {
      if ("result" in call || "error" in call) spans.get(call)?.end();
    },
    // A promise settled.
    asyncEnd(call) {
      spans.get(call)?.end();
    },
  };
  tc.subscribe(handlers);
  return () => {
    tc.unsubscribe(handlers);
    tc.start.unbindStore(store);
  };
}

/** The example's application: an order calls users.get and prices.total. */
export function makeApi(hooks) {
  const PRICES = { book: 12, pen: 1.5 };
  const api = hooks.wrap({
    users: {
      async get(id) {
        await new Promise((resolve) => setTimeout(resolve, 5));
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
        // Inside a call, its span is the active span (and the parent of any span started here).
        trace.getActiveSpan()?.addEvent("user loaded", { user: user.name });
        return { user: user.name, item, total: api.prices.total(item, 2) };
      },
    },
  });
  return api;
}

async function main() {
  const manager = new StoreContextManager();
  context.setGlobalContextManager(manager);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const stop = instrumentSlothook({ tracer: provider.getTracer("slothook-example"), store: manager.store });

  const api = makeApi(createHooks({ tracing: true }));
  console.log("place(1, 'book'):", JSON.stringify(await api.orders.place(1, "book")));
  try {
    await api.orders.place(2, "unicorn");
  } catch (err) {
    console.log("place(2, 'unicorn') failed:", err.message);
  }
  stop();

  const spans = exporter.getFinishedSpans();
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  for (const s of spans) {
    const parent = byId.get(s.parentSpanContext?.spanId);
    const status = s.status.code === SpanStatusCode.ERROR ? `ERROR (${s.status.message})` : "OK";
    const ms = s.duration[0] * 1e3 + s.duration[1] / 1e6;
    console.log(`span ${s.name} parent=${parent ? parent.name : "-"} ${status} ${ms.toFixed(1)} ms`);
  }
  await provider.shutdown();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
