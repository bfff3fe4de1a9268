//! A JSON document as a collapsible tree, with a button that copies it.
//!
//! Stripe objects, events and request logs are JSON; the Workbench, the run page and the
//! customer page show them the way Stripe's Workbench does: keys and values coloured by
//! type, objects and lists folding open and closed, and the whole document one click from
//! the clipboard. Everything is rendered as text, never as HTML.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// Levels open when the tree is first shown; deeper ones start folded.
const OPEN_DEPTH: usize = 2;

/// Where an event keeps its object, shown open one level in the run page and Workbench.
pub const EVENT_OBJECT: &[&str] = &["data", "object"];

/// A JSON value as a collapsible tree with **Copy JSON**.
#[component]
pub fn JsonView(
    /// The document.
    #[prop(into)]
    value: Signal<Value>,
    /// The keys down to a part shown open one level (an event's `["data", "object"]`),
    /// past the levels open anyway.
    #[prop(optional)]
    open_to: &'static [&'static str],
) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let text = value.with_untracked(|v| serde_json::to_string_pretty(v).unwrap_or_default());
        spawn_local(async move {
            let outcome = match write_clipboard(&text).await {
                Ok(()) => tr!("Copied"),
                Err(_) => tr!("Copy failed: the browser refused the clipboard"),
            };
            copied.set(Some(outcome));
        });
    };
    view! {
        <div class="json">
            <div class="json__toolbar">
                <button type="button" class="button button--small" on:click=copy>{tr!("Copy JSON")}</button>
                <span class="json__copied" role="status">{move || copied.get()}</span>
            </div>
            <div class="json__tree">{move || value.with(|v| node(v, 0, Some(open_to)))}</div>
        </div>
    }
}

/// The view of `value` at `depth`; `path`: the keys left to the part to show open, when
/// `value` is on the way to it.
fn node(value: &Value, depth: usize, path: Option<&[&str]>) -> AnyView {
    let open = depth < OPEN_DEPTH || path.is_some();
    match value {
        Value::Object(map) if !map.is_empty() => {
            let items = map
                .iter()
                .map(|(key, v)| {
                    view! {
                        <li>
                            <span class="json__key">{format!("\"{key}\"")}</span>
                            ": "
                            {node(v, depth + 1, path.and_then(|p| p.split_first()).filter(|(first, _)| *first == key).map(|(_, rest)| rest))}
                        </li>
                    }
                })
                .collect_view();
            let count = trn!(map.len(), "{n} key", "{n} keys", n = map.len());
            folded("{", "}", count, items.into_any(), open)
        }
        Value::Array(list) if !list.is_empty() => {
            let items = list
                .iter()
                .map(|v| view! { <li>{node(v, depth + 1, None)}</li> })
                .collect_view();
            let count = trn!(list.len(), "{n} item", "{n} items", n = list.len());
            folded("[", "]", count, items.into_any(), open)
        }
        Value::Object(_) => view! { <span class="json__punct">"{}"</span> }.into_any(),
        Value::Array(_) => view! { <span class="json__punct">"[]"</span> }.into_any(),
        Value::String(s) => {
            view! { <span class="json__string">{format!("\"{s}\"")}</span> }.into_any()
        }
        Value::Number(n) => view! { <span class="json__number">{n.to_string()}</span> }.into_any(),
        Value::Bool(b) => view! { <span class="json__bool">{b.to_string()}</span> }.into_any(),
        Value::Null => view! { <span class="json__null">"null"</span> }.into_any(),
    }
}

fn folded(
    open: &'static str,
    close: &'static str,
    count: String,
    items: AnyView,
    shown: bool,
) -> AnyView {
    view! {
        <details class="json__fold" open=shown>
            <summary>
                <span class="json__punct">{open}</span>
                <span class="json__count">{count}</span>
            </summary>
            <ul class="json__items">{items}</ul>
            <span class="json__punct">{close}</span>
        </details>
    }
    .into_any()
}

/// `navigator.clipboard.writeText(text)`, looked up at run time so no extra web-sys
/// features are needed.
async fn write_clipboard(text: &str) -> Result<(), JsValue> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())?;
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())?;
    let write: js_sys::Function =
        js_sys::Reflect::get(&clipboard, &"writeText".into())?.dyn_into()?;
    let promise: js_sys::Promise = write.call1(&clipboard, &text.into())?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}
