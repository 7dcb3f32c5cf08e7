// The benchmark's target functions and handlers. `realistic` does a small
// amount of real work (~20–40 ns: builds a small object from its arguments);
// `trivial` is a + b.
//
// Every row gets copies of its own, compiled from a unique source text: rows
// of a family share a process, and functions compiled from the same text
// would share V8's type feedback and allocation sites (so one row's garbage
// and call sites would tilt another's).
let serial = 0;
const fresh = (src) => new Function(`"use strict"; return (${src}); //# bench fn ${++serial}`)();

export const targets = {
  realistic: () => fresh("(a, b) => ({ id: a, total: a + b, tags: [String(b)], ok: a > b })"),
  trivial: () => fresh("(a, b) => a + b"),
  realisticAsync: () => fresh("async (a, b) => ({ id: a, total: a + b, tags: [String(b)], ok: a > b })"),
};

/**
 * The handlers every row runs, adapted by each peer to its calling
 * convention: `bump` makes new arguments, `keep` returns the result.
 */
export function handlers() {
  const bump = fresh("(args) => [args[0] + 1, args[1]]");
  const keep = fresh("(result) => result");
  return {
    bump,
    keep,
    before: fresh("(bump) => ({ args }) => bump(args)")(bump),
    after: fresh("(keep) => ({ result }) => keep(result)")(keep),
    always: fresh("() => {}"),
  };
}
