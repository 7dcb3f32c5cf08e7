//! napi bindings for slothook: a thin layer over `slothook-core`.
//!
//! Everything that *decides* lives in the core crate; this file only converts
//! arguments, maps core errors to coded JS errors, publishes the generation
//! counter and the global `enabled` flag into a shared `Uint32Array` (so the
//! JS call path reads them without crossing into Rust), and turns panics into
//! `INTERNAL_ERROR` instead of aborting the process.
//!
//! Errors thrown from here carry the error code as `code` and a short detail
//! as `message` (the JS layer builds the user-facing `HookError` from both).
#![deny(clippy::all)]
#![deny(unsafe_op_in_unsafe_fn)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};

use napi::bindgen_prelude::Uint32Array;
use napi_derive::napi;
use slothook_core::{
    EnabledFilter, Error as CoreError, Filter, HookId, HookType, Pattern, Registration, Registry,
};

type Result<T> = napi::Result<T, String>;

/// Index of the generation counter in the shared state array.
const STATE_GENERATION: usize = 0;
/// Index of the global `enabled` flag (0/1) in the shared state array.
const STATE_ENABLED: usize = 1;

/// The core's brace-expansion limit, for the JS layer's messages (one source
/// for the number): entering this expansion level fails, so at most
/// `MAX_BRACE_DEPTH - 1` brace groups fit along one expansion chain.
#[napi]
pub const MAX_BRACE_DEPTH: u32 = slothook_core::MAX_BRACE_DEPTH;

/// Number of native engines alive in this thread's (isolate's) addon instance.
static LIVE_ENGINES: AtomicU32 = AtomicU32::new(0);

fn coded(code: &str, detail: impl Into<String>) -> napi::Error<String> {
    napi::Error::new(code.to_owned(), detail.into())
}

fn core_error(e: CoreError) -> napi::Error<String> {
    let detail = match &e {
        CoreError::InvalidTypePattern { expected } => (*expected).to_owned(),
        CoreError::InvalidHookPattern { reason, .. } => reason.clone(),
        CoreError::PatternTooComplex { limit, .. } => limit.clone(),
        CoreError::BraceExpansionMaxDepth { max_depth } => max_depth.to_string(),
        _ => e.to_string(),
    };
    coded(e.code(), detail)
}

/// Runs `f`, turning a Rust panic into an `INTERNAL_ERROR` JS error.
fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(coded("INTERNAL_ERROR", what))
        }
    }
}

fn hook_id(id_str: Option<String>, id_opaque: Option<String>) -> Option<HookId> {
    match (id_str, id_opaque) {
        (Some(s), _) => Some(HookId::Str(s)),
        (None, Some(o)) => Some(HookId::Opaque(o)),
        (None, None) => None,
    }
}

fn hook_type_filter(t: Option<String>) -> Result<Option<HookType>> {
    match t {
        None => Ok(None),
        Some(s) => HookType::parse(&s)
            .map(Some)
            .ok_or_else(|| coded("INVALID_HOOK_FILTER", s)),
    }
}

fn filter(
    id_str: Option<String>,
    id_opaque: Option<String>,
    hook_type: Option<String>,
    pattern: Option<String>,
) -> Result<Filter> {
    Ok(Filter {
        id: hook_id(id_str, id_opaque),
        hook_type: hook_type_filter(hook_type)?,
        pattern,
    })
}

/// What `explain` knows about a path; hooks are flattened as
/// `[nBefore, nAfter, nAlways, nError, (handle, enabled, willFire)...]`.
#[napi(object)]
pub struct Explained {
    pub enabled: bool,
    pub filter_active: bool,
    pub filter_passes: bool,
    pub hooks: Vec<u32>,
}

/// The global path filter's state.
#[napi(object)]
pub struct FilterState {
    pub active: bool,
    pub patterns: Vec<String>,
}

/// One compiled pattern, for `diag.hook.compilePattern`.
#[napi]
pub struct NativePattern {
    pattern: Pattern,
}

#[napi]
impl NativePattern {
    #[napi(constructor)]
    pub fn new(pattern: String) -> Result<Self> {
        guard(|| {
            Pattern::compile(&pattern)
                .map(|pattern| NativePattern { pattern })
                .map_err(core_error)
        })
    }

    #[napi]
    pub fn is_match(&self, path: String) -> Result<bool> {
        guard(|| Ok(self.pattern.is_match(&path)))
    }
}

/// A hook registry with its plans, owned by one JS engine object.
#[napi]
pub struct NativeEngine {
    registry: Registry,
    state: Uint32Array,
}

impl Drop for NativeEngine {
    fn drop(&mut self) {
        LIVE_ENGINES.fetch_sub(1, Ordering::Relaxed);
    }
}

impl NativeEngine {
    fn publish(&mut self) {
        let generation = self.registry.generation();
        let enabled = u32::from(self.registry.enabled());
        // SAFETY: the typed array is kept alive by `self.state`'s reference;
        // JS only reads it between calls, on this same thread.
        let state: &mut [u32] = unsafe { self.state.as_mut() };
        if state.len() > STATE_ENABLED {
            state[STATE_GENERATION] = generation;
            state[STATE_ENABLED] = enabled;
        }
    }

    /// Runs a mutation under the panic guard and publishes the new state.
    fn mutate<T>(&mut self, f: impl FnOnce(&mut Registry) -> Result<T>) -> Result<T> {
        let r = guard(|| f(&mut self.registry));
        self.publish();
        r
    }
}

#[napi]
impl NativeEngine {
    /// `state` must be a `Uint32Array` of length ≥ 2; the engine keeps it
    /// updated with `[generation, enabled]`.
    #[napi(constructor)]
    pub fn new(state: Uint32Array, enabled: bool, default_pattern: Option<String>) -> Result<Self> {
        if state.len() < 2 {
            return Err(coded("INVALID_ARGUMENT", "state must have 2 slots"));
        }
        let registry =
            guard(|| Registry::new(enabled, default_pattern.as_deref()).map_err(core_error))?;
        LIVE_ENGINES.fetch_add(1, Ordering::Relaxed);
        let mut engine = NativeEngine { registry, state };
        engine.publish();
        Ok(engine)
    }

    /// Native engines alive in this thread's addon instance (worker threads
    /// each have their own).
    #[napi]
    pub fn live_engines() -> u32 {
        LIVE_ENGINES.load(Ordering::Relaxed)
    }

    /// Parses `"pattern:type"`; returns the type's index (0–3) plus 4 when
    /// the deprecated `"type:pattern"` form was used. (A number, not an
    /// object: the JS side slices the pattern itself, and object creation is
    /// the dominant cost of a small N-API call.)
    #[napi]
    pub fn parse_type_pattern(&self, type_pattern: String) -> Result<u32> {
        guard(|| {
            let p = slothook_core::parse_type_pattern(&type_pattern).map_err(core_error)?;
            Ok(p.hook_type.index() as u32 + if p.legacy { 4 } else { 0 })
        })
    }

    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn register(
        &mut self,
        hook_type: String,
        pattern: Option<String>,
        pattern_error: Option<String>,
        id_str: Option<String>,
        id_opaque: Option<String>,
        subset: Option<String>,
        priority: f64,
    ) -> Result<u32> {
        self.mutate(|reg| {
            let hook_type = HookType::parse(&hook_type)
                .ok_or_else(|| coded("INTERNAL_ERROR", "unknown hook type"))?;
            let pattern = match (&pattern_error, &pattern) {
                (Some(reason), _) => Err(reason.clone()),
                (None, Some(p)) => Ok(p.as_str()),
                (None, None) => Err("expected a string, received undefined".to_owned()),
            };
            let r = reg
                .register(Registration {
                    hook_type,
                    pattern,
                    id: hook_id(id_str, id_opaque),
                    subset: subset.as_deref(),
                    priority,
                })
                .map_err(core_error)?;
            Ok(r.handle)
        })
    }

    /// The string id of the hook in slot `handle` (how the JS side learns a
    /// generated id), or `undefined`.
    #[napi]
    pub fn string_id(&self, handle: u32) -> Result<Option<String>> {
        guard(|| {
            Ok(match self.registry.info(handle).map(|i| &i.id) {
                Some(HookId::Str(s)) => Some(s.clone()),
                _ => None,
            })
        })
    }

    /// Removes by filter; returns the removed handles.
    #[napi]
    pub fn remove(
        &mut self,
        id_str: Option<String>,
        id_opaque: Option<String>,
        hook_type: Option<String>,
        pattern: Option<String>,
    ) -> Result<Vec<u32>> {
        self.mutate(|reg| Ok(reg.remove(&filter(id_str, id_opaque, hook_type, pattern)?)))
    }

    /// Sets per-hook enabled flags by filter; returns the number visited.
    #[napi]
    pub fn set_enabled(
        &mut self,
        id_str: Option<String>,
        id_opaque: Option<String>,
        hook_type: Option<String>,
        pattern: Option<String>,
        on: bool,
    ) -> Result<u32> {
        self.mutate(|reg| Ok(reg.set_enabled(&filter(id_str, id_opaque, hook_type, pattern)?, on)))
    }

    /// Bumps the generation: every cached plan becomes stale.
    #[napi]
    pub fn invalidate(&mut self) -> Result<()> {
        self.mutate(|reg| {
            reg.invalidate();
            Ok(())
        })
    }

    #[napi]
    pub fn set_global_enabled(&mut self, on: bool) -> Result<()> {
        self.mutate(|reg| {
            reg.set_global_enabled(on);
            Ok(())
        })
    }

    /// Lists hooks as `[handle, enabled(0/1), ...]` in list order.
    /// `enabled`: -1 any, 0 only disabled, 1 only enabled, 2 nothing.
    #[napi]
    pub fn list(
        &self,
        id_str: Option<String>,
        id_opaque: Option<String>,
        hook_type: Option<String>,
        pattern: Option<String>,
        enabled: i32,
    ) -> Result<Vec<u32>> {
        guard(|| {
            let f = filter(id_str, id_opaque, hook_type, pattern)?;
            let ef = match enabled {
                -1 => EnabledFilter::Any,
                0 => EnabledFilter::Only(false),
                1 => EnabledFilter::Only(true),
                _ => EnabledFilter::Nothing,
            };
            let handles = self.registry.list(&f, ef).map_err(core_error)?;
            let mut out = Vec::with_capacity(handles.len() * 2);
            for h in handles {
                let on = self.registry.info(h).map(|i| i.enabled).unwrap_or(false);
                out.push(h);
                out.push(u32::from(on));
            }
            Ok(out)
        })
    }

    #[napi]
    pub fn hook_enabled(&self, handle: u32) -> Result<bool> {
        guard(|| {
            Ok(self
                .registry
                .info(handle)
                .map(|i| i.enabled)
                .unwrap_or(false))
        })
    }

    /// The plan for `path`: `[nBefore, nAfter, nAlways, nError, handles...]`.
    #[napi]
    pub fn plan(&self, path: String) -> Result<Vec<u32>> {
        guard(|| {
            let plan = self.registry.plan(&path);
            let total: usize = plan.by_type.iter().map(Vec::len).sum();
            let mut out = Vec::with_capacity(4 + total);
            out.extend(plan.by_type.iter().map(|v| v.len() as u32));
            for v in &plan.by_type {
                out.extend_from_slice(v);
            }
            Ok(out)
        })
    }

    #[napi]
    pub fn explain(&self, path: String) -> Result<Explained> {
        guard(|| {
            let x = self.registry.explain(&path);
            let mut hooks: Vec<u32> = x.hooks.iter().map(|v| v.len() as u32).collect();
            for v in &x.hooks {
                for h in v {
                    hooks.push(h.handle);
                    hooks.push(u32::from(h.enabled));
                    hooks.push(u32::from(h.will_fire));
                }
            }
            Ok(Explained {
                enabled: x.enabled,
                filter_active: x.filter_active,
                filter_passes: x.filter_passes,
                hooks,
            })
        })
    }

    #[napi]
    pub fn enable_pattern(&mut self, pattern: String) -> Result<u32> {
        self.mutate(|reg| {
            reg.enable_pattern(&pattern)
                .map(|n| n as u32)
                .map_err(core_error)
        })
    }

    #[napi]
    pub fn disable_pattern(&mut self, pattern: String) -> Result<u32> {
        self.mutate(|reg| Ok(reg.disable_pattern(&pattern) as u32))
    }

    #[napi]
    pub fn reset_pattern_filter(&mut self) -> Result<()> {
        self.mutate(|reg| {
            reg.reset_pattern_filter();
            Ok(())
        })
    }

    #[napi]
    pub fn filter_state(&self) -> Result<FilterState> {
        guard(|| {
            let s = self.registry.filter_state();
            Ok(FilterState {
                active: s.active,
                patterns: s.patterns,
            })
        })
    }

    /// Number of registered hooks.
    #[napi]
    pub fn size(&self) -> u32 {
        self.registry.len() as u32
    }

    /// Removes every hook and resets the id counter (`shutdown`).
    #[napi]
    pub fn clear_all(&mut self) -> Result<()> {
        self.mutate(|reg| {
            reg.clear_all();
            Ok(())
        })
    }
}

#[cfg(feature = "test-panic")]
#[napi]
impl NativeEngine {
    /// Panics inside the guarded core path (test builds only), to prove a
    /// panic surfaces as `INTERNAL_ERROR` and the engine keeps working.
    #[napi]
    pub fn panic_for_test(&mut self) -> Result<()> {
        self.mutate(|_| panic!("panic requested by a test"))
    }
}
