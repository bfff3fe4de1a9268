//! Undo and redo for the workflow editor.
//!
//! The editor keeps its draft in a [`History`]: every edit records the state before it, so
//! Ctrl+Z and Ctrl+Shift+Z walk back and forth. A new edit after an undo drops the redo
//! branch, as editors do. The history is bounded so a long session does not grow forever.

/// Past and future states around the present one.
#[derive(Clone, Debug, PartialEq)]
pub struct History<T> {
    past: Vec<T>,
    present: T,
    future: Vec<T>,
    limit: usize,
}

/// The number of undo steps kept by [`History::new`].
pub const UNDO_LIMIT: usize = 100;

impl<T: Clone + PartialEq> History<T> {
    /// A history starting at `present`, keeping [`UNDO_LIMIT`] undo steps.
    pub fn new(present: T) -> Self {
        Self::with_limit(present, UNDO_LIMIT)
    }

    /// A history keeping at most `limit` undo steps.
    pub fn with_limit(present: T, limit: usize) -> Self {
        Self {
            past: Vec::new(),
            present,
            future: Vec::new(),
            limit,
        }
    }

    /// The current state.
    pub fn current(&self) -> &T {
        &self.present
    }

    /// Records `next` as the new state (no-op when it equals the current one).
    pub fn push(&mut self, next: T) {
        if next == self.present {
            return;
        }
        let previous = std::mem::replace(&mut self.present, next);
        self.past.push(previous);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Applies an edit to a copy of the current state and records it when it succeeds.
    pub fn edit<E>(&mut self, f: impl FnOnce(&mut T) -> Result<(), E>) -> Result<(), E> {
        let mut next = self.present.clone();
        f(&mut next)?;
        self.push(next);
        Ok(())
    }

    /// Goes back one edit; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        match self.past.pop() {
            Some(previous) => {
                let now = std::mem::replace(&mut self.present, previous);
                self.future.push(now);
                true
            }
            None => false,
        }
    }

    /// Goes forward one undone edit; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        match self.future.pop() {
            Some(next) => {
                let now = std::mem::replace(&mut self.present, next);
                self.past.push(now);
                true
            }
            None => false,
        }
    }

    /// Whether undo would do something.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether redo would do something.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
