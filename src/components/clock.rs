//! The sandbox clock in the page header: the current sandbox time, always visible, and
//! **Advance time** by hours, by days or to a date, with the events that causes.
//!
//! What moving time does (trials ending, renewals, retries, overdue invoices, ...) is the
//! sandbox's business (`Sandbox::advance`); this only asks for it and reports the count.

use leptos::prelude::*;
use sandflow_engine::sandbox::TimeEffect;

use crate::components::timestamp::{format_time, Timestamp};
use crate::i18n::switch::LanguageSwitch;
use crate::state::{on_demand, use_app};

/// The header bar with the sandbox time and its **Advance time** panel.
#[component]
pub fn Clock() -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(false);
    let amount = RwSignal::new("1".to_owned());
    let unit = RwSignal::new("days".to_owned());
    let date = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);

    let now = Signal::derive(move || state.sandbox.with(|sb| sb.now()));

    let advance = move |seconds: i64, label: String| {
        leptos::task::spawn_local(async move {
            let result = on_demand::advance_clock(state, seconds).await;
            outcome.try_set(Some(match result {
                Ok(events) => Ok(trn!(
                    events,
                    "Advanced {label}: {n} event happened.",
                    "Advanced {label}: {n} events happened.",
                    label = label,
                    n = events
                )),
                Err(e) => Err(trf!("Time did not move: {e}", e = e)),
            }));
        });
    };
    let by_amount = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unit = unit.get_untracked();
        let per_unit = if unit == "hours" { 3_600 } else { 86_400 };
        match amount.get_untracked().trim().parse::<i64>() {
            Ok(n) if (1..=3_650).contains(&n) => {
                let label = if unit == "hours" {
                    trn!(n, "{n} hour", "{n} hours", n = n)
                } else {
                    trn!(n, "{n} day", "{n} days", n = n)
                };
                advance(n * per_unit, label)
            }
            _ => outcome.set(Some(Err(
                tr!("Enter a whole number between 1 and 3650.").to_owned()
            ))),
        }
    };
    let to_date = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date.get_untracked();
        // A `datetime-local` value ("2025-01-05T14:03"), read as UTC like every sandbox time.
        let millis = js_sys::Date::parse(&format!("{text}Z"));
        if text.is_empty() || millis.is_nan() {
            outcome.set(Some(Err(tr!("Pick a date and time.").to_owned())));
            return;
        }
        let seconds = (millis / 1000.0) as i64 - state.now();
        if seconds <= 0 {
            outcome.set(Some(Err(tr!(
                "Pick a date after the current sandbox time: the clock only moves forward."
            )
            .to_owned())));
        } else {
            advance(
                seconds,
                trf!("to {time}", time = format_time(state.now() + seconds)),
            );
        }
    };

    view! {
        <div class="clock" on:keydown=move |e| {
            // The panel lies over the page: Escape closes it, back on its button.
            if e.key() == "Escape" && open.get_untracked() {
                open.set(false);
                crate::components::focus::focus_soon(".clock__bar button");
            }
        }>
            <div class="clock__bar">
                <span class="clock__label">{tr!("Sandbox time")}</span>
                // Until start-up has read the stored clock, there is no sandbox time to show
                // (the default would be the real time, a wrong instant).
                <span class="clock__now" data-testid="sandbox-time" aria-busy=move || (!state.ready.get()).then_some("true")>
                    {move || if state.ready.get() { view! { <Timestamp seconds=now /> }.into_any() } else { "…".into_any() }}
                </span>
                <button
                    type="button"
                    class="button button--small"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="clock-panel"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {tr!("Advance time")}
                </button>
                <LanguageSwitch />
            </div>
            <Show when=move || open.get()>
                <section id="clock-panel" class="clock__panel" aria-label=tr!("Advance time")>
                    <form class="clock__form" on:submit=by_amount>
                        <label class="field field--inline">
                            <span class="field__label">{tr!("Advance by")}</span>
                            <input type="number" min="1" max="3650" step="1" bind:value=amount />
                        </label>
                        <label class="field field--inline">
                            <span class="field__label">{tr!("Unit")}</span>
                            <select bind:value=unit>
                                <option value="hours">{tr!("hours")}</option>
                                <option value="days">{tr!("days")}</option>
                            </select>
                        </label>
                        <button type="submit" class="button button--primary" disabled=move || !state.ready.get()>{tr!("Advance")}</button>
                    </form>
                    <form class="clock__form" on:submit=to_date>
                        <label class="field field--inline">
                            <span class="field__label">{tr!("To date (UTC)")}</span>
                            <input type="datetime-local" bind:value=date />
                        </label>
                        <button type="submit" class="button" disabled=move || !state.ready.get()>{tr!("Advance to date")}</button>
                    </form>
                    {move || outcome.get().map(|o| match o {
                        Ok(text) => view! {
                            <p class="clock__outcome" role="status">
                                {text} " " <a href=crate::base::href("/workbench?tab=events")>{tr!("See them in Workbench")}</a>
                            </p>
                        }.into_any(),
                        Err(text) => view! { <p class="field__error" role="alert">{text}</p> }.into_any(),
                    })}
                    <details class="clock__effects">
                        <summary>{tr!("What moving time does")}</summary>
                        <ul>{TimeEffect::ALL.into_iter().map(|e| view! { <li>{crate::i18n::words::time_effect(crate::i18n::lang(), e)}</li> }).collect_view()}</ul>
                    </details>
                </section>
            </Show>
        </div>
    }
}
