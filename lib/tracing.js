"use strict";
// Publishing calls on a diagnostics_channel TracingChannel (config `tracing`).
//
// A traced call is the whole intercepted call — before hooks, the target,
// after, always and error hooks — run inside the events Node's own
// TracingChannel#traceSync and #tracePromise publish, in their order:
//
//   sync success     start, end
//   sync throw       start, error, end
//   promise fulfils  start, end, asyncStart, asyncEnd
//   promise rejects  start, end, error, asyncStart, asyncEnd
//
// `start` is published through start.runStores, so stores bound to it
// (AsyncLocalStorage, as APM agents bind them) are entered for the call and
// the promise reactions. Whether a call is sync or a promise is decided by
// what the caller gets: a thenable result takes tracePromise's path and the
// caller gets the traced chain's promise (a native promise adopting the
// result); anything else takes traceSync's.
//
// The one addition to Node's sequences: a failure that suppressErrors hides
// from the caller still publishes `error` (the call's first failure), before
// `end` for a sync result and before `asyncStart` for a promise; `result` is
// then what the caller gets (undefined, or the after hooks' result when an
// after hook failed).
//
// Where the check sits: the wrapper emitted for an instance with `tracing`
// (lib/callpath.js) tests per call whether the channel has subscribers, as
// Node's traceSync does (reading CHANNELS' getters), and only with a
// subscriber leaves its fast path for traceCall below. An instance without
// `tracing` gets wrappers without the test.
//
// What that test costs depends on the channels' hidden class (map). All of
// Node's Channel objects are made by one constructor and share a map, and a
// channel that gains a subscriber changes its prototype (Channel ->
// ActiveChannel), which moves it off that map and marks the map unstable.
// While the map is stable, TurboFan folds each `hasSubscribers` of a channel
// held as a constant into a code dependency: nothing per call. Once any
// channel of the process — an APM's http channel, say — has had a
// subscriber, it is a map check per channel. So the five channels of a
// slothook TracingChannel are moved to a map of their own (OwnMap below): a
// private field, which no code outside this module can see or reach, added
// once per channel. Another library's channels subscribing no longer touch
// that map; a slothook channel subscribing still does, as all slothook
// channels share it: one map per channel name made the call sites inside
// Node's diagnostics_channel, which every library's channels go through,
// megamorphic once a process used a few names, and other libraries' calls
// slower; one map leaves them as they were. The counts of both are in the
// README's Tracing section (bench/tracing-icount.mjs).

const dc = require("node:diagnostics_channel");

/** The channel `tracing: true` publishes on. */
const DEFAULT_CHANNEL = "slothook:call";

// Captured once, as Node's primordials are: a user's patching of Promise
// cannot change what a traced call returns.
const NativePromise = Promise;
const promiseThen = Promise.prototype.then;
const promiseReject = Promise.reject;

/**
 * A TracingChannel's five channels, in Node's order. TracingChannel#hasSubscribers
 * on Node 20, 22 and 24 is whether any of them has subscribers.
 */
const CHANNELS = ["start", "end", "asyncStart", "asyncEnd", "error"];

/** The TracingChannel for a normalized `tracing` value (a channel name), or null. */
function tracingChannelFor(name) {
  if (name === null) return null;
  const tc = dc.tracingChannel(name);
  for (const k of CHANNELS) OwnMap.add(tc[k]);
  return tc;
}

// A base class whose constructor returns the object it is given: a subclass
// constructed on an existing object adds its private fields to that object.
class Adopt {
  constructor(object) {
    return object;
  }
}

/** Gives slothook's channels a map of their own (see the top of this file). */
class OwnMap extends Adopt {
  #slothook = true;

  static add(channel) {
    if (#slothook in channel) return;
    try {
      new OwnMap(channel);
    } catch {
      // A channel that cannot take the field (an engine that refuses private
      // fields on non-extensible objects) keeps Node's map: only slower.
    }
  }
}

/**
 * What tracePromise would chain on: `r` itself when it is a native promise,
 * a native promise adopting it when it is another thenable, else null (a
 * sync result). Reading `then` is guarded: a hostile result is a sync result,
 * handed to the caller untouched.
 */
function promiseOf(r) {
  if (r === null || (typeof r !== "object" && typeof r !== "function")) return null;
  let then;
  try {
    if (r instanceof NativePromise) return r;
    if (typeof r === "function") return null; // a function is never a thenable (§8.3)
    then = r.then;
  } catch {
    return null;
  }
  if (typeof then !== "function") return null;
  // The adopting promise calls the `then` read here (once: a getter is not
  // asked twice); a throw from it rejects the promise, as in PromiseResolve.
  return new NativePromise((resolve, reject) => then.call(r, resolve, reject));
}

/**
 * The record of a failure that suppressErrors hides from the caller
 * (execution.js fills it in); only an instance that suppresses needs one.
 */
function failureRecord() {
  return { failed: false, error: undefined };
}

/**
 * One traced call: `run(a, b, c, trace)` runs the intercepted call and
 * returns what the caller gets; `trace` (a failureRecord, or null when
 * nothing can be suppressed) receives a failure the caller does not see.
 * `context` is { path, args, self }.
 */
function traceCall(tc, context, trace, run, a, b, c) {
  const { start, end, asyncStart, asyncEnd, error } = tc;
  return start.runStores(context, () => {
    try {
      const r = run(a, b, c, trace);
      const promise = promiseOf(r);
      if (promise !== null) {
        // tracePromise: asyncStart and asyncEnd when the promise settles.
        const resolve = (result) => {
          context.result = result;
          if (trace !== null && trace.failed) {
            context.error = trace.error;
            error.publish(context);
          }
          asyncStart.publish(context);
          asyncEnd.publish(context);
          return result;
        };
        const reject = (err) => {
          context.error = err;
          error.publish(context);
          asyncStart.publish(context);
          asyncEnd.publish(context);
          return promiseReject.call(NativePromise, err);
        };
        return promiseThen.call(promise, resolve, reject);
      }
      // traceSync
      context.result = r;
      if (trace !== null && trace.failed) {
        context.error = trace.error;
        error.publish(context);
      }
      return r;
    } catch (err) {
      context.error = err;
      error.publish(context);
      throw err;
    } finally {
      end.publish(context);
    }
  });
}

module.exports = { DEFAULT_CHANNEL, CHANNELS, tracingChannelFor, traceCall, failureRecord, promiseOf };
