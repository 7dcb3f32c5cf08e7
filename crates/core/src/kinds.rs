//! The kinds every other module shares: the two closed vocabularies of the
//! hook system ([`HookType`], [`Subset`]) and the two ways a hook is named
//! ([`Handle`], [`HookId`]). This module depends on no other, so any module may
//! use them without an import circle.
//!
//! Types and subsets are parsed case-sensitively (`"Before"` is not a type)
//! and both have a fixed order that the plan follows: types are independent
//! lists, subsets are the first ordering key inside one type (spec §5). The
//! binding exports both lists, in this order, as the JS layer's vocabulary.

use std::fmt;

/// One of the four hook types (spec §0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HookType {
    /// Runs before the target; may rewrite the arguments or short-circuit.
    Before = 0,
    /// Runs after a successful target; may replace the result.
    After = 1,
    /// Runs once per call, whatever the outcome.
    Always = 2,
    /// Runs when the call or one of its hooks fails.
    Error = 3,
}

impl HookType {
    /// All types, in list order (spec §7.4).
    pub const ALL: [HookType; 4] = [
        HookType::Before,
        HookType::After,
        HookType::Always,
        HookType::Error,
    ];

    /// Parses a type name exactly (`"before"`, `"after"`, `"always"`, `"error"`).
    pub fn parse(s: &str) -> Option<HookType> {
        match s {
            "before" => Some(HookType::Before),
            "after" => Some(HookType::After),
            "always" => Some(HookType::Always),
            "error" => Some(HookType::Error),
            _ => None,
        }
    }

    /// The type's name.
    pub fn as_str(self) -> &'static str {
        match self {
            HookType::Before => "before",
            HookType::After => "after",
            HookType::Always => "always",
            HookType::Error => "error",
        }
    }

    /// The type's position in [`HookType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One of the three ordering phases inside a hook type (spec §0, §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subset {
    /// Runs first (auth, validation).
    Before = 0,
    /// The default.
    Primary = 1,
    /// Runs last (audit, cleanup).
    After = 2,
}

impl Subset {
    /// All subsets, in firing order.
    pub const ALL: [Subset; 3] = [Subset::Before, Subset::Primary, Subset::After];

    /// The subset of a hook registered without one (§3.5).
    pub const DEFAULT: Subset = Subset::Primary;

    /// Parses a subset name exactly (`"before"`, `"primary"`, `"after"`).
    pub fn parse(s: &str) -> Option<Subset> {
        match s {
            "before" => Some(Subset::Before),
            "primary" => Some(Subset::Primary),
            "after" => Some(Subset::After),
            _ => None,
        }
    }

    /// The subset's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Subset::Before => "before",
            Subset::Primary => "primary",
            Subset::After => "after",
        }
    }

    /// The subset's position in [`Subset::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A hook's slot number, handed to the JS side. Reused after removal.
pub type Handle = u32;

/// A hook id: a string, or an opaque key the JS side made for a non-string
/// id (so the number `7`, keyed `"number:7"`, and the string `"7"` stay
/// different ids, and neither collides with a generated `"hook-N"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HookId {
    /// A string id, given or generated (`"hook-N"`).
    Str(String),
    /// A non-string id's key, e.g. `"number:7"`.
    Opaque(String),
}

impl HookId {
    /// The id's text: the string, or the opaque key.
    pub fn as_str(&self) -> &str {
        match self {
            HookId::Str(s) | HookId::Opaque(s) => s,
        }
    }
}

impl fmt::Display for HookId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_parse_exactly() {
        for t in HookType::ALL {
            assert_eq!(HookType::parse(t.as_str()), Some(t));
        }
        assert_eq!(HookType::parse("Before"), None);
        assert_eq!(HookType::parse(""), None);
        assert_eq!(HookType::parse("before "), None);
        assert_eq!(HookType::Error.index(), 3);
    }

    #[test]
    fn subsets_parse_exactly_and_order() {
        for s in Subset::ALL {
            assert_eq!(Subset::parse(s.as_str()), Some(s));
        }
        assert_eq!(Subset::parse("Primary"), None);
        assert_eq!(Subset::parse("middle"), None);
        assert!(Subset::Before < Subset::Primary && Subset::Primary < Subset::After);
        assert_eq!(Subset::DEFAULT.as_str(), "primary");
        for (i, s) in Subset::ALL.into_iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }

    #[test]
    fn ids_show_their_text() {
        assert_eq!(HookId::Str("hook-1".into()).to_string(), "hook-1");
        assert_eq!(HookId::Opaque("number:7".into()).as_str(), "number:7");
        assert_ne!(HookId::Str("7".into()), HookId::Opaque("7".into()));
    }
}
