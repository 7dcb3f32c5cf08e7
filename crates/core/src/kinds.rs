//! Hook types and subsets: the two closed vocabularies of the hook system.
//!
//! Both are parsed case-sensitively (`"Before"` is not a type) and both have a
//! fixed order that the plan follows: types are independent lists, subsets are
//! the first ordering key inside one type (spec §5).

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
    }
}
