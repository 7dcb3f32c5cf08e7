// Compile-time assertions for the type fixtures (never run: the fixtures are
// only type-checked, by __test__/types.test.mjs).

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only for `check<true>()`: `check<Equal<typeof x, number>>()`. */
export declare function check<T extends true>(): void;
