//! The right-hand configuration panel: the trigger (picker and trigger conditions) or the
//! selected step (an action's parameters, a condition step's test, an email's fields), with
//! the engine's problems shown on the field they concern. "Done" (or Escape) closes it.
//!
//! Focus follows the person: opening a panel moves focus into it, on its first field (the
//! trigger picker's search box, the new step's first parameter); closing it gives focus
//! back to the card it configured. In a narrow window the panel is a full-width sheet
//! over the canvas (style/narrow.css), and "Done" is the way back.

use leptos::prelude::*;
use sandflow_engine::sandbox::{self, Method, ParamKind};
use sandflow_engine::{
    replace_trigger, source_fields, Condition, EmailRow, SandboxCatalog, SourceField, Step, Trigger,
};
use serde_json::Value;

use crate::components::focus::{focus_first, refocus_after_render};
use crate::editor::builder::{use_builder, Builder, Selection};
use crate::editor::condition_editor::ConditionEditor;
use crate::editor::param_input::ParamInput;
use crate::editor::sources::trigger_spec;
use crate::editor::trigger_picker::TriggerPicker;

/// The panel for the current selection (nothing when none).
#[component]
pub fn StepPanel() -> impl IntoView {
    let builder = use_builder();
    // Talking to the browser: focus goes into a panel that opens, back to its card when it
    // closes.
    Effect::new(move |before: Option<Option<Selection>>| {
        let now = builder.selected.get();
        match (&now, before.flatten()) {
            (Some(now), Some(before)) if *now == before => {}
            (Some(_), _) => refocus_after_render(focus_panel),
            (None, Some(before)) => refocus_after_render(move || focus_card(&before)),
            (None, None) => {}
        }
        now
    });
    move || match builder.selected.get() {
        None => ().into_any(),
        Some(Selection::Trigger) => trigger_panel().into_any(),
        Some(Selection::Step(id)) => step_panel(id).into_any(),
    }
}

/// Focuses the open panel's first field (or its first button, for a panel without one).
fn focus_panel() {
    let Some(panel) = document().query_selector("aside.panel").ok().flatten() else {
        return;
    };
    let fields = "input:not([disabled]), select:not([disabled]), textarea:not([disabled])";
    if panel.contains(document().active_element().as_ref().map(|e| e.as_ref())) {
        return;
    }
    let _ = focus_first(&panel, fields)
        || focus_first(&panel, ".panel__section:last-child button")
        || focus_first(&panel, "button");
}

/// Gives focus back to the card of what the panel configured.
fn focus_card(what: &Selection) {
    let Some(body) = document().body() else {
        return;
    };
    let card = match what {
        Selection::Trigger => ".step-card--trigger button".to_owned(),
        Selection::Step(id) => format!("#step-{id} .step-card__title"),
    };
    focus_first(&body, &card);
}

/// Closes the panel (Escape inside it does too, unless a popover in it took the key).
fn close_panel(builder: Builder, e: leptos::ev::KeyboardEvent) {
    if e.key() == "Escape" && !e.default_prevented() {
        e.prevent_default();
        builder.selected.set(None);
    }
}

/// Focuses the first element of the open panel matching `selector`, once drawn.
fn focus_in_panel(selector: &'static str) {
    refocus_after_render(move || {
        if let Some(panel) = document().query_selector("aside.panel").ok().flatten() {
            focus_first(&panel, selector);
        }
    });
}

fn done_button() -> impl IntoView {
    let builder = use_builder();
    view! {
        <button type="button" class="button button--primary" on:click=move |_| builder.selected.set(None)>{tr!("Done")}</button>
    }
}

fn trigger_panel() -> impl IntoView {
    let builder = use_builder();
    let kind = Memo::new(move |_| builder.with(|w| w.event_type().map(str::to_owned)));
    let changing = RwSignal::new(false);
    let warnings = RwSignal::new(Vec::<String>::new());
    let pick = Callback::new(move |event_type: String| {
        let mut found = Vec::new();
        builder.change(|w| {
            let condition = w.trigger.as_ref().and_then(|t| t.condition.clone());
            found = replace_trigger(
                w,
                Trigger {
                    event_type,
                    condition,
                },
                &SandboxCatalog,
            )
            .into_iter()
            .map(|p| {
                crate::i18n::catalog::issue_text(
                    crate::i18n::lang(),
                    &p.issue,
                    p.location.param.as_deref(),
                )
            })
            .collect();
        });
        warnings.set(found);
        changing.set(false);
        // The next thing to do with a trigger: narrow it with a condition, or be done.
        focus_in_panel(".conditions__actions button");
    });
    let close = Callback::new(move |()| {
        if kind.with_untracked(Option::is_none) {
            builder.selected.set(None);
        } else {
            focus_in_panel(".change-trigger");
        }
        changing.set(false);
    });
    let condition = Signal::derive(move || {
        builder.with(|w| w.trigger.as_ref().and_then(|t| t.condition.clone()))
    });
    let options = Signal::derive(move || builder.with(|w| source_fields(w, None, &SandboxCatalog)));
    let problems = Signal::derive(move || {
        builder
            .problems_at(None)
            .into_iter()
            .filter(|p| p.location.param.is_some())
            .collect::<Vec<_>>()
    });
    let on_condition = Callback::new(move |c: Option<Condition>| {
        builder.change(|w| {
            if let Some(t) = &mut w.trigger {
                t.condition = c;
            }
        });
    });
    view! {
        <aside class="panel" aria-label=tr!("Trigger configuration") on:keydown=move |e| close_panel(builder, e)>
            <header class="panel__header">
                <h2>{tr!("Trigger")}</h2>
                {done_button()}
            </header>
            {move || {
                if kind.get().is_none() || changing.get() {
                    return view! { <TriggerPicker on_pick=pick on_close=close /> }.into_any();
                }
                // Drawn again only when the trigger changes, not on each edit of its
                // conditions (which would take focus away from them).
                let spec = untrack(move || builder.with(trigger_spec));
                view! {
                    <div class="panel__section">
                        <p class="trigger-name">{spec.map(|s| crate::i18n::catalog::event_label(crate::i18n::lang(), s))}</p>
                        <code>{kind.get()}</code>
                        <p class="muted">{spec.map(|s| crate::i18n::catalog::event_description(crate::i18n::lang(), s))}</p>
                        <button type="button" class="button change-trigger" on:click=move |_| changing.set(true)>{tr!("Change trigger")}</button>
                        <ul class="inline-problems">
                            {move || warnings.get().into_iter().map(|w| view! { <li class="warning">{trf!("After changing the trigger: {warning}", warning = w)}</li> }).collect_view()}
                        </ul>
                    </div>
                    <div class="panel__section">
                        <h3>{tr!("Trigger conditions")}</h3>
                        <p class="muted">{tr!("The workflow runs only when these conditions hold.")}</p>
                        <ConditionEditor condition=condition options=options problems=problems event_type=Signal::derive(move || builder.with(|w| w.event_type().map(str::to_owned))) on_change=on_condition />
                    </div>
                }.into_any()
            }}
        </aside>
    }
}

fn step_panel(id: String) -> impl IntoView {
    let builder = use_builder();
    let id = StoredValue::new(id);
    let kind = Memo::new(move |_| {
        builder.with(|w| {
            w.step(&id.get_value()).map(|s| match s {
                Step::Action { action, .. } => PanelKind::Action(action.clone()),
                Step::Branch { .. } => PanelKind::Branch,
                Step::Email { .. } => PanelKind::Email,
            })
        })
    });
    let options = Signal::derive(move || {
        builder.with(|w| source_fields(w, Some(&id.get_value()), &SandboxCatalog))
    });
    let general = move || {
        builder
            .problems_at(Some(&id.get_value()))
            .into_iter()
            .filter(|p| {
                p.location.param.is_none()
                    || matches!(kind.get(), Some(PanelKind::Action(_)))
                        && !param_known(&kind.get(), p.location.param.as_deref())
            })
            .map(|p| {
                crate::i18n::catalog::issue_text(
                    crate::i18n::lang(),
                    &p.issue,
                    p.location.param.as_deref(),
                )
            })
            .collect::<Vec<_>>()
    };
    move || {
        let Some(k) = kind.get() else {
            return ().into_any();
        };
        let (title, body) = match k {
            PanelKind::Action(action) => match sandbox::action(&action) {
                Some(spec) => (crate::i18n::catalog::action_name(crate::i18n::lang(), spec).to_owned(), view! {
                    <p class="muted">{crate::i18n::catalog::action_description(crate::i18n::lang(), spec)}</p>
                    <p><code>{method_name(spec.method)} " " {spec.path}</code></p>
                    {spec.params.iter().map(|p| {
                        let name = p.name;
                        let value = Signal::derive(move || builder.with(|w| match w.step(&id.get_value()) {
                            Some(Step::Action { params, .. }) => params.get(name).cloned().unwrap_or(Value::Null),
                            _ => Value::Null,
                        }));
                        let on_change = Callback::new(move |v: Value| builder.change_step(&id.get_value(), |s| {
                            if let Step::Action { params, .. } = s {
                                if v.is_null() { params.remove(name); } else { params.insert(name.to_owned(), v); }
                            }
                        }));
                        view! {
                            <ParamInput
                                label=crate::i18n::catalog::param_label(crate::i18n::lang(), name).into_owned()
                                kind=p.kind
                                required=p.required
                                description=crate::i18n::catalog::param_description(crate::i18n::lang(), spec, None, p)
                                rows_of=(spec, name)
                                value=value
                                options=options
                                problems=param_problems(id, name)
                                on_change=on_change
                            />
                        }
                    }).collect_view()}
                }.into_any()),
                None => (action.clone(), view! { <p class="muted">{tr!("This action is not in the catalog: delete the step and choose another action.")}</p> }.into_any()),
            },
            PanelKind::Branch => {
                let condition = Signal::derive(move || builder.with(|w| match w.step(&id.get_value()) {
                    Some(Step::Branch { condition, .. }) if !condition.compares().is_empty() => Some(condition.clone()),
                    _ => None,
                }));
                let problems = Signal::derive(move || builder.problems_at(Some(&id.get_value())));
                let on_change = Callback::new(move |c: Option<Condition>| builder.change_step(&id.get_value(), |s| {
                    if let Step::Branch { condition, .. } = s {
                        *condition = c.unwrap_or(Condition::All(Vec::new()));
                    }
                }));
                (tr!("Condition").to_owned(), view! {
                    <p class="muted">{tr!("Steps under “If true” run when this holds; steps under “Else” run otherwise.")}</p>
                    <ConditionEditor condition=condition options=options problems=problems event_type=Signal::derive(move || builder.with(|w| w.event_type().map(str::to_owned))) on_change=on_change />
                }.into_any())
            }
            PanelKind::Email => (crate::i18n::catalog::email_step_name(crate::i18n::lang()).to_owned(), email_fields(id, options).into_any()),
        };
        view! {
            <aside class="panel" aria-label=tr!("Step configuration") on:keydown=move |e| close_panel(builder, e)>
                <header class="panel__header">
                    <h2>{title}</h2>
                    {done_button()}
                </header>
                <ul class="inline-problems">{move || general().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                <div class="panel__section">{body}</div>
            </aside>
        }
        .into_any()
    }
}

#[derive(Clone, Debug, PartialEq)]
enum PanelKind {
    Action(String),
    Branch,
    Email,
}

/// Whether a problem's parameter has its own input in an action's panel.
fn param_known(kind: &Option<PanelKind>, param: Option<&str>) -> bool {
    match (kind, param) {
        (Some(PanelKind::Action(action)), Some(param)) => {
            sandbox::action(action).is_some_and(|a| a.params.iter().any(|p| p.name == param))
        }
        _ => false,
    }
}

fn param_problems(id: StoredValue<String>, name: &'static str) -> Signal<Vec<String>> {
    let builder = use_builder();
    Signal::derive(move || {
        builder
            .problems_at(Some(&id.get_value()))
            .into_iter()
            .filter(|p| p.location.param.as_deref() == Some(name))
            .map(|p| {
                crate::i18n::catalog::issue_text(
                    crate::i18n::lang(),
                    &p.issue,
                    p.location.param.as_deref(),
                )
            })
            .collect()
    })
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Delete => "DELETE",
    }
}

/// Which text of an email step an input edits.
#[derive(Clone, Copy)]
enum EmailText {
    To,
    Subject,
    Body,
}

fn email_fields(id: StoredValue<String>, options: Signal<Vec<SourceField>>) -> impl IntoView {
    let builder = use_builder();
    let text = move |which: EmailText| {
        Signal::derive(move || {
            builder.with(|w| match w.step(&id.get_value()) {
                Some(Step::Email {
                    to, subject, body, ..
                }) => {
                    let t = match which {
                        EmailText::To => to,
                        EmailText::Subject => subject,
                        EmailText::Body => body,
                    };
                    if t.is_empty() {
                        Value::Null
                    } else {
                        Value::String(t.clone())
                    }
                }
                _ => Value::Null,
            })
        })
    };
    let set = move |which: EmailText| {
        Callback::new(move |v: Value| {
            let t = v.as_str().unwrap_or_default().to_owned();
            builder.change_step(&id.get_value(), |s| {
                if let Step::Email {
                    to, subject, body, ..
                } = s
                {
                    match which {
                        EmailText::To => *to = t,
                        EmailText::Subject => *subject = t,
                        EmailText::Body => *body = t,
                    }
                }
            });
        })
    };
    let rows = Memo::new(move |_| {
        builder.with(|w| match w.step(&id.get_value()) {
            Some(Step::Email { rows, .. }) => rows.len(),
            _ => 0,
        })
    });
    let change_rows = move |f: &dyn Fn(&mut Vec<EmailRow>)| {
        builder.change_step(&id.get_value(), |s| {
            if let Step::Email { rows, .. } = s {
                f(rows);
            }
        });
    };
    view! {
        <ParamInput label=tr!("To") kind=ParamKind::String required=true description=tr!("The team member's email address.") value=text(EmailText::To) options=options problems=param_problems(id, "to") on_change=set(EmailText::To) />
        <ParamInput label=tr!("Subject") kind=ParamKind::String required=true value=text(EmailText::Subject) options=options problems=param_problems(id, "subject") on_change=set(EmailText::Subject) />
        <ParamInput label=tr!("Body") kind=ParamKind::String value=text(EmailText::Body) options=options problems=param_problems(id, "body") on_change=set(EmailText::Body) />
        <h3>{tr!("Details")}</h3>
        <p class="muted">{tr!("Label and value rows shown under the body, e.g. Customer and its name.")}</p>
        {move || (0..rows.get()).map(|i| {
            let label = Signal::derive(move || builder.with(|w| match w.step(&id.get_value()) {
                Some(Step::Email { rows, .. }) => rows.get(i).map(|r| r.label.clone()).unwrap_or_default(),
                _ => String::new(),
            }));
            let value = Signal::derive(move || builder.with(|w| match w.step(&id.get_value()) {
                Some(Step::Email { rows, .. }) => rows.get(i).map(|r| Value::String(r.value.clone())).unwrap_or(Value::Null),
                _ => Value::Null,
            }));
            let row_label = move || trf!("Row {n} label", n = i + 1);
            view! {
                <div class="email-row">
                    <label class="field">
                        <span>{row_label}</span>
                        <input type="text" prop:value=move || label.get() on:change=move |e| {
                            let t = event_target_value(&e);
                            change_rows(&|rows| if let Some(r) = rows.get_mut(i) { r.label = t.clone(); });
                        } />
                    </label>
                    <ParamInput
                        label=trf!("Row {n} value", n = i + 1)
                        kind=ParamKind::String
                        value=value
                        options=options
                        problems=Signal::derive(Vec::new)
                        on_change=Callback::new(move |v: Value| {
                            let t = v.as_str().unwrap_or_default().to_owned();
                            change_rows(&|rows| if let Some(r) = rows.get_mut(i) { r.value = t.clone(); });
                        })
                    />
                    <button type="button" class="button button--ghost" on:click=move |_| change_rows(&|rows| { if i < rows.len() { rows.remove(i); } })>
                        {trf!("Remove row {n}", n = i + 1)}
                    </button>
                </div>
            }
        }).collect_view()}
        <button type="button" class="button" on:click=move |_| change_rows(&|rows| rows.push(EmailRow { label: String::new(), value: String::new() }))>{tr!("Add row")}</button>
    }
}
