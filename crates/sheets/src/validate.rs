//! The ID-number and phone rules, from linli-domain: one implementation for the importer, the
//! store and the UI. Every module of this crate reaches them through `idcard::…` and `phone::…`
//! from here, so the crate names its dependency on the domain's validators in one place.

pub(crate) use linli_domain::{idcard, phone};
