// The benchmark's target functions. `realistic` does a small amount of real
// work (~30–50 ns: builds a small object from its arguments); `trivial` is a + b.
export const realistic = (a, b) => ({ id: a, total: a + b, tags: [String(b)], ok: a > b });
export const trivial = (a, b) => a + b;
export const realisticAsync = async (a, b) => ({ id: a, total: a + b, tags: [String(b)], ok: a > b });
