//! The first-segment index: which pattern groups can match a path.
//!
//! A group whose every alternative starts with a literal first segment
//! (`math.*`, `{math,string}.add`) is filed under those segments; any other
//! group (`**`, `*.add`, negations) is *unindexed* and tested for every path.
//! A plan for `path` therefore tests only the groups filed under the path's
//! first segment plus the unindexed ones — with 10,000 `svcN.*` patterns a new
//! path costs a hash lookup, not 10,000 regex runs.

use std::collections::{HashMap, HashSet};

/// Group ids by first segment, plus the groups that can't be filed.
#[derive(Default, Debug)]
pub struct Index {
    by_segment: HashMap<String, Vec<usize>>,
    unindexed: HashSet<usize>,
}

impl Index {
    /// Files group `g` under `keys` (`None`: unindexed).
    pub fn insert(&mut self, g: usize, keys: Option<Vec<String>>) {
        match keys {
            None => {
                self.unindexed.insert(g);
            }
            Some(keys) => {
                for k in keys {
                    self.by_segment.entry(k).or_default().push(g);
                }
            }
        }
    }

    /// Removes group `g`, filed under `keys`.
    pub fn remove(&mut self, g: usize, keys: Option<Vec<String>>) {
        match keys {
            None => {
                self.unindexed.remove(&g);
            }
            Some(keys) => {
                for k in keys {
                    if let Some(v) = self.by_segment.get_mut(&k) {
                        v.retain(|&x| x != g);
                        if v.is_empty() {
                            self.by_segment.remove(&k);
                        }
                    }
                }
            }
        }
    }

    /// The groups that may match a path whose first segment is `segment`
    /// (each at most once).
    pub fn candidates(&self, segment: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_segment
            .get(segment)
            .into_iter()
            .flatten()
            .copied()
            .chain(self.unindexed.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_unfiles() {
        let mut i = Index::default();
        i.insert(0, Some(vec!["math".into()]));
        i.insert(1, None);
        i.insert(2, Some(vec!["math".into(), "str".into()]));
        let mut c: Vec<_> = i.candidates("math").collect();
        c.sort();
        assert_eq!(c, [0, 1, 2]);
        let mut c: Vec<_> = i.candidates("other").collect();
        c.sort();
        assert_eq!(c, [1]);
        i.remove(2, Some(vec!["math".into(), "str".into()]));
        i.remove(1, None);
        assert_eq!(i.candidates("str").count(), 0);
        assert_eq!(i.candidates("math").collect::<Vec<_>>(), [0]);
    }
}
