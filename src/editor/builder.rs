//! The workflow editor's shared state: the draft under edit with its undo history, the part
//! selected for the right-hand panel, and the last refused edit to explain.
//!
//! The workflow page creates one [`Builder`] and provides it as context, so the step list,
//! the panels and the pickers edit the same draft without threading callbacks through every
//! level. Every change goes through [`Builder::edit`], which applies it to a copy with the
//! engine's edit functions and records it in the engine's [`History`] only when it
//! succeeds; a refusal (the 13th step, say) is kept in `refusal` with the engine's reason.

use crate::i18n::errors::Worded;

use leptos::prelude::*;
use sandflow_engine::{update_step, validate, History, Problem, SandboxCatalog, Step, Workflow};

/// What the right-hand panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The trigger and its conditions.
    Trigger,
    /// The step with this id.
    Step(String),
}

/// The editor's state, shared by the parts of the builder.
#[derive(Clone, Copy)]
pub struct Builder {
    /// The draft and its undo / redo history.
    pub history: RwSignal<History<Workflow>>,
    /// The part open in the configuration panel.
    pub selected: RwSignal<Option<Selection>>,
    /// Why the last edit was refused, if it was.
    pub refusal: RwSignal<Option<String>>,
    /// The engine's validation of the draft, errors and warnings.
    pub problems: Memo<Vec<Problem>>,
}

impl Builder {
    /// A builder editing `workflow`, provided as context.
    pub fn provide(workflow: Workflow) -> Self {
        let history = RwSignal::new(History::new(workflow));
        let problems = Memo::new(move |_| history.with(|h| validate(h.current(), &SandboxCatalog)));
        let builder = Self {
            history,
            selected: RwSignal::new(None),
            refusal: RwSignal::new(None),
            problems,
        };
        provide_context(builder);
        builder
    }

    /// Reads the draft.
    pub fn with<R>(&self, f: impl FnOnce(&Workflow) -> R) -> R {
        self.history.with(|h| f(h.current()))
    }

    /// Applies an edit that may be refused; `true` when it was applied.
    pub fn edit<E: Worded>(&self, f: impl FnOnce(&mut Workflow) -> Result<(), E>) -> bool {
        let mut outcome = Ok(());
        self.history.update(|h| outcome = h.edit(f));
        match outcome {
            Ok(()) => {
                self.refusal.set(None);
                true
            }
            Err(e) => {
                self.refusal.set(Some(e.worded()));
                false
            }
        }
    }

    /// Applies an edit that cannot be refused.
    pub fn change(&self, f: impl FnOnce(&mut Workflow)) {
        self.edit(|w| {
            f(w);
            Ok::<(), std::convert::Infallible>(())
        });
    }

    /// Applies a change to the step with this id, wherever it is. A step deleted meanwhile
    /// (a panel closing after its step went) is left alone without a refusal to show.
    pub fn change_step(&self, id: &str, f: impl FnOnce(&mut Step)) {
        self.change(|w| {
            let _ = update_step(w, id, f);
        });
    }

    /// Goes back one edit.
    pub fn undo(&self) {
        self.history.update(|h| {
            h.undo();
        });
        self.refusal.set(None);
    }

    /// Goes forward one undone edit.
    pub fn redo(&self) {
        self.history.update(|h| {
            h.redo();
        });
        self.refusal.set(None);
    }

    /// The problems located on this step (`None`: the trigger and the workflow).
    pub fn problems_at(&self, step: Option<&str>) -> Vec<Problem> {
        self.problems.with(|all| {
            all.iter()
                .filter(|p| p.location.step_id.as_deref() == step)
                .cloned()
                .collect()
        })
    }
}

/// The builder provided by the workflow page.
pub fn use_builder() -> Builder {
    expect_context::<Builder>()
}
