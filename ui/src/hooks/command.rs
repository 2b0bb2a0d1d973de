//! `use_command`: the one request/busy/error/stale-answer dance for a page's call to the backend.
//! `run` sends a request; while it is out the handle is busy; its error (if any) is kept for the
//! page to show next to the action; an answer to a request that a newer `run` replaced is
//! dropped, so a slow old answer never overwrites a new one. `submit` is `run` for a form: it does
//! nothing while a request is out, so a double click saves once.

use std::cell::RefCell;
use std::rc::Rc;

use linli_protocol::{ApiError, Command};
use yew::prelude::*;

use super::latest::Latest;
use crate::ipc;

/// A page's handle on one kind of request.
pub struct CommandHandle<C: Command> {
    busy: UseStateHandle<bool>,
    error: UseStateHandle<Option<ApiError>>,
    latest: Rc<RefCell<Latest>>,
    _c: std::marker::PhantomData<C>,
}

impl<C: Command> Clone for CommandHandle<C> {
    fn clone(&self) -> Self {
        CommandHandle {
            busy: self.busy.clone(),
            error: self.error.clone(),
            latest: self.latest.clone(),
            _c: std::marker::PhantomData,
        }
    }
}

impl<C: Command> PartialEq for CommandHandle<C> {
    fn eq(&self, other: &Self) -> bool {
        self.busy == other.busy && self.error == other.error
    }
}

impl<C> CommandHandle<C>
where
    C: Command + 'static,
    C::Response: 'static,
{
    /// Whether a request is out.
    pub fn busy(&self) -> bool {
        *self.busy
    }

    /// The error of the last request, until the next one starts or it is cleared.
    pub fn error(&self) -> Option<&ApiError> {
        self.error.as_ref()
    }

    /// Sends `req`; `on_ok` gets the answer unless a newer `run` started meanwhile.
    pub fn run(&self, req: C, on_ok: impl FnOnce(C::Response) + 'static) {
        let n = self.latest.borrow_mut().start();
        self.busy.set(true);
        self.error.set(None);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let res = ipc::call(&req).await;
            if !this.latest.borrow().is_current(n) {
                return; // a newer request replaced this one
            }
            this.busy.set(false);
            match res {
                Ok(r) => on_ok(r),
                Err(e) => this.error.set(Some(e)),
            }
        });
    }

    /// `run`, unless a request is already out (a form's save button clicked twice).
    pub fn submit(&self, req: C, on_ok: impl FnOnce(C::Response) + 'static) {
        if !self.busy() {
            self.run(req, on_ok);
        }
    }
}

/// A handle for requests of type `C`.
#[hook]
pub fn use_command<C>() -> CommandHandle<C>
where
    C: Command + 'static,
    C::Response: 'static,
{
    let busy = use_state(|| false);
    let error = use_state(|| None as Option<ApiError>);
    let latest = use_mut_ref(Latest::default);
    CommandHandle {
        busy,
        error,
        latest,
        _c: std::marker::PhantomData,
    }
}
