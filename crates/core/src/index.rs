//! The first-segment index: which pattern groups can match a path.
//!
//! A group whose pattern promises a literal first segment
//! ([`Pattern::first_segment_keys`](crate::Pattern::first_segment_keys):
//! `math.*`, `{math,string}.add`) is filed under those segments; any other
//! group (`**`, `*.add`, negations) is *unindexed* and a candidate for every
//! path. A plan for `path` therefore tests only the groups filed under the
//! path's first segment plus the unindexed ones: with 10,000 `svcN.*` patterns
//! a path costs one hash lookup, not 10,000 matcher runs.
//!
//! Groups are opaque `usize` ids chosen by the registry.

use std::collections::HashMap;

/// Group ids by first segment, plus the groups that can't be filed.
#[derive(Clone, Debug, Default)]
pub struct Index {
    by_segment: HashMap<String, Vec<usize>>,
    unindexed: Vec<usize>,
}

impl Index {
    /// Files group `g` under each of `keys` (`None`: unindexed). `keys` must
    /// not repeat a key (the compiler deduplicates them).
    pub fn insert(&mut self, g: usize, keys: Option<&[String]>) {
        match keys {
            None => self.unindexed.push(g),
            Some(keys) => {
                for k in keys {
                    self.by_segment.entry(k.clone()).or_default().push(g);
                }
            }
        }
    }

    /// Unfiles group `g`, which was filed under `keys`.
    pub fn remove(&mut self, g: usize, keys: Option<&[String]>) {
        match keys {
            None => self.unindexed.retain(|&x| x != g),
            Some(keys) => {
                for k in keys {
                    if let Some(v) = self.by_segment.get_mut(k) {
                        v.retain(|&x| x != g);
                        if v.is_empty() {
                            self.by_segment.remove(k);
                        }
                    }
                }
            }
        }
    }

    /// The groups that may match a path whose first segment is `segment`,
    /// each once: those filed under `segment`, then the unindexed ones.
    pub fn candidates(&self, segment: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_segment
            .get(segment)
            .into_iter()
            .flatten()
            .chain(&self.unindexed)
            .copied()
    }

    /// Whether no group is filed.
    pub fn is_empty(&self) -> bool {
        self.by_segment.is_empty() && self.unindexed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ks: &[&str]) -> Vec<String> {
        ks.iter().map(|k| (*k).to_owned()).collect()
    }

    fn sorted(i: &Index, segment: &str) -> Vec<usize> {
        let mut c: Vec<_> = i.candidates(segment).collect();
        c.sort_unstable();
        c
    }

    #[test]
    fn files_and_unfiles() {
        let mut i = Index::default();
        assert!(i.is_empty());
        i.insert(0, Some(&keys(&["math"])));
        i.insert(1, None);
        i.insert(2, Some(&keys(&["math", "str"])));
        i.insert(3, Some(&keys(&[""])));
        assert_eq!(sorted(&i, "math"), [0, 1, 2]);
        assert_eq!(sorted(&i, "str"), [1, 2]);
        assert_eq!(sorted(&i, "other"), [1]);
        assert_eq!(sorted(&i, ""), [1, 3]);
        assert_eq!(sorted(&i, "Math"), [1]);
        i.remove(2, Some(&keys(&["math", "str"])));
        i.remove(1, None);
        assert_eq!(i.candidates("str").count(), 0);
        assert_eq!(sorted(&i, "math"), [0]);
        i.remove(0, Some(&keys(&["math"])));
        i.remove(3, Some(&keys(&[""])));
        assert!(i.is_empty());
        // removing what isn't there is harmless
        i.remove(7, Some(&keys(&["x"])));
        i.remove(7, None);
        assert!(i.is_empty());
    }
}
