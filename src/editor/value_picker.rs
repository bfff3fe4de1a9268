//! The "+" next to a parameter: picks a dynamic value from the trigger or an earlier step.
//! Picking or closing gives focus back to the "+".

use leptos::html;
use leptos::prelude::*;
use sandflow_engine::SourceField;

use crate::components::focus::refocus_after_render;
use crate::editor::field_picker::FieldPicker;

/// A "+" button that opens the field picker and hands back the chosen reference.
#[component]
pub fn ValuePicker(
    /// What the value is for, e.g. "Customer" (names the button for assistive technology).
    #[prop(into)]
    target: String,
    /// The fields on offer: the trigger and the steps that run before this one.
    #[prop(into)]
    options: Signal<Vec<SourceField>>,
    /// Called with the chosen reference, e.g. `trigger.data.object.id`.
    on_pick: Callback<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let close = move || {
        open.set(false);
        refocus_after_render(move || {
            if let Some(b) = button.try_get_untracked().flatten() {
                let _ = b.focus();
            }
        });
    };
    let pick = Callback::new(move |o: SourceField| {
        close();
        on_pick.run(o.reference);
    });
    view! {
        <span class="value-picker">
            <button
                type="button"
                class="button button--icon"
                node_ref=button
                aria-label=trf!("Insert a dynamic value into {target}", target = target)
                title=tr!("Insert a dynamic value")
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "+"
            </button>
            <Show when=move || open.get()>
                <div class="popover">
                    <div class="popover__header">
                        <strong>{tr!("Dynamic value")}</strong>
                        <button type="button" class="button button--ghost" on:click=move |_| close()>{tr!("Cancel")}</button>
                    </div>
                    <FieldPicker options=options on_pick=pick on_close=Callback::new(move |()| close()) />
                </div>
            </Show>
        </span>
    }
}
