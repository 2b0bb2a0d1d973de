//! What the features write through: the journal's writer (see `crate::journal`).

pub(crate) use crate::journal::{RowWrite, Scope, Writer};
