// Every example runs with one command and prints what its comments promise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (name) => execFileSync(process.execPath, [`examples/${name}`], { cwd: root, encoding: "utf8" });

test("quick-start", () => {
  const out = run("quick-start.mjs");
  assert.match(out, /^add: 100$/m);
  assert.match(out, /^mul: 24$/m);
  assert.match(out, /^add without doubling: 50$/m);
  assert.match(out, /^math\.add 100$/m);
});

test("caching: the second call is served from the cache", () => {
  const out = run("caching.mjs");
  assert.match(out, /second is the cached object: true/);
  assert.match(out, /target ran 1 time\(s\)/);
});

test("auth: the before-subset hook runs first and rejects", () => {
  const out = run("auth.mjs");
  assert.match(out, /^admin: deleted 42$/m);
  assert.match(out, /^order: auth -> validate$/m);
  assert.match(out, /^bob: not allowed: admin\.deleteUser$/m);
  assert.match(out, /^public: pong$/m);
});

test("error-monitoring: errors reach the monitor, callers get undefined", () => {
  const out = run("error-monitoring.mjs");
  assert.match(out, /\[monitor\] payments\.charge RangeError from function: bad amount -1/);
  assert.match(out, /^charge\(-1\): undefined$/m);
  assert.match(out, /from after hook fraud-check: fraud check failed/);
  assert.match(out, /^refund\('x'\): undefined$/m);
  assert.match(out, /^stats: \{"function":2,"before":0,"after":1,"always":0\}$/m);
});

test("slothlet-compat: slothlet hook code runs unchanged", () => {
  const out = run("slothlet-compat.mjs");
  assert.match(out, /^math\.add\(1, 2\) = 6$/m);
  assert.match(out, /^string\.upper\('  hi '\) = HI$/m);
  assert.match(out, /^after disable: math\.add\(1, 2\) = 3$/m);
  assert.match(out, /^diag enabled: true$/m);
});

test("tracing: a plain TracingChannel subscriber times every call, nested", () => {
  const out = run("tracing.mjs");
  assert.match(out, /^place\(1, 'book'\): \{"user":"user 1","item":"book","total":24\}$/m);
  // users.get and prices.total run inside orders.place: indented one level, printed when they end
  assert.match(out, /^ {2}users\.get ok \d+\.\d ms\n {2}prices\.total ok \d+\.\d ms\norders\.place ok \d+\.\d ms$/m);
  assert.match(out, /^ {2}prices\.total error: no price for unicorn \d+\.\d ms\norders\.place error: no price for unicorn \d+\.\d ms$/m);
  assert.match(out, /^place\(2, 'unicorn'\) failed: no price for unicorn$/m);
  assert.match(out, /^after unsubscribing: 0 span\(s\) for 1 call$/m);
  // users.get waits 15 ms: its span and its parent's last at least that long
  const ms = (re) => Number(out.match(re)[1]);
  assert.ok(ms(/^ {2}users\.get ok (\d+\.\d) ms$/m) >= 14);
  assert.ok(ms(/^orders\.place ok (\d+\.\d) ms$/m) >= ms(/^ {2}users\.get ok (\d+\.\d) ms$/m));
});

test("opentelemetry: the example prints its spans", () => {
  const out = run("opentelemetry.mjs");
  assert.match(out, /^place\(1, 'book'\): \{"user":"user 1","item":"book","total":24\}$/m);
  assert.match(out, /^span users\.get parent=orders\.place OK /m);
  assert.match(out, /^span prices\.total parent=orders\.place OK /m);
  assert.match(out, /^span orders\.place parent=- OK /m);
  assert.match(out, /^span prices\.total parent=orders\.place ERROR \(no price for unicorn\) /m);
  assert.match(out, /^span orders\.place parent=- ERROR \(no price for unicorn\) /m);
});

test("opentelemetry: spans read back from an InMemorySpanExporter — names, nesting, error status", async () => {
  const { context, trace, SpanStatusCode } = await import("@opentelemetry/api");
  const { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } = await import("@opentelemetry/sdk-trace-base");
  const { createHooks } = await import("../index.mjs");
  const { StoreContextManager, instrumentSlothook, makeApi } = await import("../examples/opentelemetry.mjs");
  const manager = new StoreContextManager();
  assert.equal(context.setGlobalContextManager(manager), true);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const channel = `examples-test:otel:${process.pid}`;
  const stop = instrumentSlothook({ tracer: provider.getTracer("test"), store: manager.store, channel });
  try {
    const hooks = createHooks({ tracing: channel });
    const api = makeApi(hooks);
    assert.deepEqual(await api.orders.place(1, "book"), { user: "user 1", item: "book", total: 24 });
    await assert.rejects(api.orders.place(2, "unicorn"), /no price for unicorn/);
    // a sync wrapped call that calls another, and a span the caller started around it
    const sync = hooks.wrap({ outer: (x) => sync.inner(x) + 1, inner: (x) => x * 2 });
    const tracer = provider.getTracer("test");
    await tracer.startActiveSpan("request", async (span) => {
      assert.equal(sync.outer(2), 5);
      span.end();
    });
    // no subscriber after stop(): no more spans
    stop();
    assert.equal(sync.outer(1), 3);

    const spans = exporter.getFinishedSpans();
    const id = (s) => s.spanContext().spanId;
    const parentOf = (s) => spans.find((p) => id(p) === s.parentSpanContext?.spanId);
    assert.deepEqual(
      spans.map((s) => `${s.name} < ${parentOf(s)?.name ?? "-"}`),
      [
        "users.get < orders.place",
        "prices.total < orders.place",
        "orders.place < -",
        "users.get < orders.place",
        "prices.total < orders.place",
        "orders.place < -",
        "inner < outer",
        "outer < request",
        "request < -",
      ],
    );
    // the children of each order are its own, in its trace
    for (const s of spans) {
      const p = parentOf(s);
      if (p !== undefined) assert.equal(s.spanContext().traceId, p.spanContext().traceId);
    }
    assert.notEqual(spans[2].spanContext().traceId, spans[5].spanContext().traceId);
    assert.equal(parentOf(spans[0]), spans[2]);
    assert.equal(parentOf(spans[3]), spans[5]);
    // status: the failing price and the order it failed, with the exception recorded
    assert.deepEqual(
      spans.map((s) => s.status.code),
      [SpanStatusCode.UNSET, SpanStatusCode.UNSET, SpanStatusCode.UNSET, SpanStatusCode.UNSET, SpanStatusCode.ERROR, SpanStatusCode.ERROR, SpanStatusCode.UNSET, SpanStatusCode.UNSET, SpanStatusCode.UNSET],
    );
    assert.equal(spans[4].status.message, "no price for unicorn");
    assert.equal(spans[4].events[0].name, "exception");
    assert.equal(spans[4].events[0].attributes["exception.message"], "no price for unicorn");
    // inside a call its span is the active span: the event the order adds is on the order's span
    assert.deepEqual(spans[2].events.map((e) => e.name), ["user loaded"]);
    assert.equal(spans[0].attributes["slothook.path"], "users.get");
    // a parent's span lasts at least as long as its children's
    const ns = (s) => s.duration[0] * 1e9 + s.duration[1];
    assert.ok(ns(spans[2]) >= ns(spans[0]));
    assert.equal(trace.getActiveSpan(), undefined);
  } finally {
    stop();
    await provider.shutdown();
    context.disable();
  }
});
