//! What the features write through: the journal's writer (see `crate::journal`).

pub(crate) use crate::journal::{now_ms, RowWrite, Scope, Writer};
