//! One searchable, grouped list: a search box over groups of choices, each group under a
//! heading (or folded under one, for browsing a long catalog). The trigger, action, field
//! and event-type pickers are all this list; each hands it a filter that asks the engine's
//! own search (`search_event_types`, `search_actions`, `search_fields`) and groups what it
//! finds, so the list shows and moves, and decides nothing about what matches.
//!
//! Keyboard: a popover's search box has focus when it opens; ArrowDown and ArrowUp move
//! through the choices shown (ArrowUp from the first goes back to the search box); Enter
//! in the search box picks the first choice, on a choice picks it; Escape closes a popover.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// One choice of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// What picking it hands back: an event type, an action id, a field reference.
    pub key: String,
    /// The text shown.
    pub label: String,
    /// A second, softer text: a description, the event type, a field's kind.
    pub note: Option<String>,
    /// The accessible name, when label and note do not say enough (a field's
    /// "Source | Field").
    pub name: Option<String>,
    /// How deeply nested it is, shown as indentation.
    pub depth: usize,
}

/// Choices under one heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The heading: a category, a resource, a source.
    pub heading: String,
    /// The choices, in the order shown.
    pub choices: Vec<Choice>,
    /// Shown folded, opened by its heading, with the number of choices it holds.
    pub folded: bool,
}

/// A search box over groups of choices; calls `on_pick` with the key of the one picked.
#[component]
pub fn GroupedSearch(
    /// The search box's label, e.g. "Search triggers".
    label: &'static str,
    /// The search box's example text.
    placeholder: &'static str,
    /// What the list says when nothing matches.
    empty: &'static str,
    /// The groups shown for what is typed (all of them for an empty search).
    filter: Callback<String, Vec<Group>>,
    /// Called with the key of the choice picked.
    on_pick: Callback<String>,
    /// The key of the current choice, shown pressed, for a list that keeps one.
    #[prop(optional_no_strip)]
    selected: Option<Signal<Option<String>>>,
    /// Closes the list, for one shown as a popover: it then takes focus when it opens, and
    /// Escape closes it.
    #[prop(optional_no_strip)]
    on_close: Option<Callback<()>>,
    /// Label and note side by side, for long lists of short choices.
    #[prop(optional)]
    rows: bool,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let root = NodeRef::<html::Div>::new();
    let input = NodeRef::<html::Input>::new();
    let groups = Memo::new(move |_| filter.run(query.get()));
    if on_close.is_some() {
        // Talking to the browser: focus moves to the search box once it is on the page.
        Effect::new(move || {
            if let Some(input) = input.get() {
                let _ = input.focus();
            }
        });
    }

    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let (Some(root), Some(input)) = (root.get_untracked(), input.get_untracked()) else {
            return;
        };
        let key = ev.key();
        match key.as_str() {
            "Escape" => {
                if let Some(close) = on_close {
                    ev.prevent_default();
                    close.run(());
                }
            }
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                step(&root, &input, key == "ArrowDown");
            }
            "Enter" if ev.target().is_some_and(|t| &t == input.as_ref()) => {
                ev.prevent_default();
                if let Some(first) = options(&root).first() {
                    first.click();
                }
            }
            _ => {}
        }
    };

    let item = move |choice: Choice| {
        let Choice {
            key,
            label,
            note,
            name,
            depth,
        } = choice;
        let picked = key.clone();
        let pressed =
            move || selected.map(|s| s.with(|s| s.as_deref() == Some(key.as_str())).to_string());
        let indent = (depth > 0).then(|| format!("padding-left: {}px", 8 + depth * 16));
        view! {
            <li>
                <button
                    type="button"
                    class="picker__option"
                    style=indent
                    aria-label=name
                    aria-pressed=pressed
                    on:click=move |_| on_pick.run(picked.clone())
                >
                    <span class="picker__label">{label}</span>
                    {note.map(|n| view! { <span class="picker__note">{n}</span> })}
                </button>
            </li>
        }
    };
    let group = move |group: Group| {
        let count = group.choices.len();
        let list = view! {
            <ul class="picker__list" aria-label=group.heading.clone()>
                {group.choices.into_iter().map(item).collect_view()}
            </ul>
        };
        if group.folded {
            view! {
                <details class="picker__group">
                    <summary>{group.heading} " " <span class="picker__count">{count}</span></summary>
                    {list}
                </details>
            }
            .into_any()
        } else {
            view! { <h4>{group.heading}</h4> {list} }.into_any()
        }
    };

    view! {
        <div class="picker__search" class:picker--rows=rows node_ref=root on:keydown=keydown>
            <label class="field">
                <span class="field__label">{label}</span>
                <input type="search" placeholder=placeholder node_ref=input bind:value=query />
            </label>
            <div class="picker__scroll">
                {move || {
                    let groups = groups.get();
                    if groups.iter().all(|g| g.choices.is_empty()) {
                        return view! { <p class="muted">{empty}</p> }.into_any();
                    }
                    groups.into_iter().map(group).collect_view().into_any()
                }}
            </div>
        </div>
    }
}

/// The choices a person can reach now: those not inside a folded group.
fn options(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(".picker__option") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|o| matches!(o.closest("details:not([open])"), Ok(None)))
        .collect()
}

/// Moves focus one choice down or up; up from the first goes back to the search box.
fn step(root: &Element, input: &HtmlElement, down: bool) {
    let options = options(root);
    let active = document().active_element();
    let at = active.and_then(|a| options.iter().position(|o| o.is_same_node(Some(&a))));
    let next = match (at, down) {
        (None, true) => options.first(),
        (Some(i), true) => options.get(i + 1),
        (None | Some(0), false) => Some(input),
        (Some(i), false) => options.get(i - 1),
    };
    if let Some(next) = next {
        let _ = next.focus();
    }
}
