//! What the Workbench lists share. A list of events or requests shows the rows memory
//! holds, then those read from storage past them as **Show more** asks for more; the
//! part read from storage belongs to one key (the filter, where memory ends), so a new key
//! shows none of it until storage answers for that key. Also: the lookup of the selected
//! item, the detail pane's messages and the list footer.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::RERUN_WINDOW_SECONDS;

use super::PAGE;
use crate::state::{Hint, Older};
use crate::storage::StorageError;

/// How reading the older part of a list stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Progress {
    /// Storage has nothing older that matches.
    pub done: bool,
    /// A read is under way.
    pub loading: bool,
    /// Why the last read failed.
    pub error: Option<String>,
}

/// The rows storage gave past memory for one key, and where to read on from.
struct Part<K, R> {
    key: K,
    /// The read this part waits for or last took: an answer to another is dropped.
    ask: u64,
    rows: Vec<R>,
    next: Older,
    progress: Progress,
}

/// A Workbench list: the rows memory holds (`recent`), then those read from storage past
/// them for the current `key`, shown up to `limit`.
pub(super) struct Joined<K: Send + Sync + 'static, R: Send + Sync + 'static> {
    key: Memo<K>,
    recent: Memo<Vec<R>>,
    older: RwSignal<Option<Part<K, R>>, LocalStorage>,
    limit: RwSignal<usize>,
}

impl<K: Send + Sync, R: Send + Sync> Clone for Joined<K, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync, R: Send + Sync> Copy for Joined<K, R> {}

impl<K, R> Joined<K, R>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    R: Clone + PartialEq + Send + Sync + 'static,
{
    /// Reads the part storage gave for the current key (`None` when it has none yet).
    fn with_part<T>(self, f: impl FnOnce(Option<&Part<K, R>>) -> T) -> T {
        self.key
            .with(|key| self.older.with(|p| f(p.as_ref().filter(|p| p.key == *key))))
    }

    /// How many rows both parts hold.
    pub fn len(self) -> usize {
        self.recent.with(Vec::len) + self.with_part(|p| p.map_or(0, |p| p.rows.len()))
    }

    /// The rows shown: memory's, then storage's, up to the limit.
    pub fn shown(self) -> Vec<R> {
        self.recent.with(|recent| {
            self.with_part(|p| {
                let older = p.map_or(&[][..], |p| &p.rows);
                recent
                    .iter()
                    .chain(older)
                    .take(self.limit.get())
                    .cloned()
                    .collect()
            })
        })
    }

    /// How reading the older part stands, for the current key.
    pub fn progress(self) -> Progress {
        self.with_part(|p| p.map(|p| p.progress.clone()).unwrap_or_default())
    }
}

/// Reads rows from storage while the list wants more than memory (`recent`) and storage
/// gave so far: `limit` grows with **Show more**. A new `key` starts a part of its own;
/// an answer to an earlier read is dropped.
pub(super) fn joined<K, R, Fut>(
    key: Memo<K>,
    recent: Memo<Vec<R>>,
    limit: RwSignal<usize>,
    fetch: impl Fn(K, Older) -> Fut + Copy + 'static,
) -> Joined<K, R>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    R: Clone + PartialEq + Send + Sync + 'static,
    Fut: Future<Output = Result<(Vec<R>, Older), StorageError>> + 'static,
{
    let list = Joined {
        key,
        recent,
        older: RwSignal::new_local(None),
        limit,
    };
    let older = list.older;
    let asks = StoredValue::new(0u64);
    // Talking to storage: each answer changes the part, which runs this again.
    Effect::new(move |_| {
        let Progress {
            done,
            loading,
            error,
        } = list.progress();
        if limit.get() <= list.len() || done || loading || error.is_some() {
            return;
        }
        asks.update_value(|n| *n += 1);
        let ask = asks.get_value();
        let key = key.get_untracked();
        let mut from = Older::Start;
        older.update(|part| match part {
            Some(p) if p.key == key => {
                from = p.next.clone();
                p.ask = ask;
                p.progress.loading = true;
            }
            _ => {
                *part = Some(Part {
                    key: key.clone(),
                    ask,
                    rows: Vec::new(),
                    next: Older::Start,
                    progress: Progress {
                        loading: true,
                        ..Progress::default()
                    },
                })
            }
        });
        spawn_local(async move {
            let result = fetch(key, from).await;
            older.try_update(|part| {
                let Some(p) = part.as_mut().filter(|p| p.ask == ask) else {
                    return;
                };
                p.progress.loading = false;
                match result {
                    Ok((found, next)) => {
                        p.progress.done = matches!(next, Older::Done);
                        p.next = next;
                        p.rows.extend(found);
                    }
                    Err(e) => p.progress.error = Some(e.to_string()),
                }
            });
        });
    });
    list
}

/// What [`lookup`] answers: the id it was asked for, and the item found (or why not).
type Answer<T> = (Option<String>, Result<Option<T>, String>);

/// Finds the selected item (in memory, else in storage, helped by the address's hint),
/// answering with the id it was asked for.
pub(super) fn lookup<T, Fut>(
    selected: Memo<Option<String>>,
    hint: Memo<Hint>,
    find: impl Fn(String, Hint) -> Fut + Copy + 'static,
) -> LocalResource<Answer<T>>
where
    T: 'static,
    Fut: Future<Output = Result<Option<T>, StorageError>> + 'static,
{
    LocalResource::new(move || {
        let (id, hint) = (selected.get(), hint.get());
        async move {
            let found = match &id {
                Some(id) => find(id.clone(), hint).await.map_err(|e| e.to_string()),
                None => Ok(None),
            };
            (id, found)
        }
    })
}

/// The detail pane for `id` from what [`lookup`] answered: while the answer is for
/// another id or not in, it says it is looking.
pub(super) fn detail<T>(
    id: String,
    answer: Option<Answer<T>>,
    what: &str,
    show: impl FnOnce(T, String) -> AnyView,
) -> AnyView {
    match answer {
        Some((asked, _)) if asked.as_deref() != Some(id.as_str()) => looking(),
        None => looking(),
        Some((_, Ok(Some(item)))) => show(item, id),
        Some((_, Ok(None))) => gone(what, &id),
        Some((_, Err(e))) => failed(&e),
    }
}

/// "Showing 100 of 2,345" and **Show more**, for a list wholly in memory.
#[component]
pub(super) fn ListFooter(
    shown: Signal<usize>,
    limit: RwSignal<usize>,
    noun: &'static str,
    /// For a list that goes on in storage: whether it has more, is reading, or failed.
    #[prop(optional)]
    older: Option<Signal<Progress>>,
) -> impl IntoView {
    let more_in_storage = move || older.is_some_and(|o| o.with(|o| !o.done));
    let has_more = move || shown.get() > limit.get() || more_in_storage();
    view! {
        {move || older.and_then(|o| o.get().error).map(|e| view! {
            <p class="field__error" role="alert">{trf!("Older {noun} could not be read: {e}", noun = noun, e = e)}</p>
        })}
        <Show when=move || older.is_some_and(|o| o.with(|o| o.loading))>
            <p class="list__footer muted" role="status">{trf!("Reading older {noun} from storage…", noun = noun)}</p>
        </Show>
        <Show when=has_more>
            <p class="list__footer">
                {move || {
                    let (limit, shown) = (limit.get(), shown.get());
                    if more_in_storage() {
                        trf!("Showing {n} {noun}; older ones are in storage", n = limit.min(shown), noun = noun)
                    } else {
                        trf!("Showing {limit} of {shown} {noun}", limit = limit, shown = shown, noun = noun)
                    }
                }} " "
                <button type="button" class="button button--small" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {tr!("Show more")}
                </button>
            </p>
        </Show>
    }
}

/// What the detail pane says before anything is picked.
/// The address that opens item `id` of `tab`, naming the stored record that holds it when
/// it was read from storage (`&in=`), so it is found again without a search.
pub(super) fn item_href(tab: &str, id: &str, record: Option<&str>) -> String {
    let mut href = format!("/workbench?tab={tab}&id={id}");
    if let Some(record) = record {
        href.push_str(&format!("&in={record}"));
    }
    href
}

pub(super) fn pick(what: &str) -> AnyView {
    view! { <p class="muted">{trf!("Select {what} to see its JSON.", what = what)}</p> }.into_any()
}

/// What the detail pane says for an id the history does not hold.
pub(super) fn gone(what: &str, id: &str) -> AnyView {
    let days = 2 * RERUN_WINDOW_SECONDS / 86_400;
    let text = trf!(
        "{what} {id} is not in the sandbox history: history older than {days} days of sandbox time is removed, and a reset empties it.",
        what = what,
        id = id,
        days = days
    );
    view! { <p class="muted">{text}</p> }.into_any()
}

/// What the detail pane says while storage is searched.
pub(super) fn looking() -> AnyView {
    view! { <p class="muted" role="status">{tr!("Looking for it in the stored history…")}</p> }
        .into_any()
}

/// What the detail pane says when storage could not be read.
pub(super) fn failed(error: &str) -> AnyView {
    let text = trf!(
        "The stored history could not be read: {error}",
        error = error
    );
    view! { <p class="field__error" role="alert">{text}</p> }.into_any()
}
