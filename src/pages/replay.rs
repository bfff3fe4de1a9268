//! **Replay** (`/workflows/:id/replay`): what a definition (the draft, or any version)
//! would have done with events that already happened, or with events imported from Stripe,
//! with no side effect. The engine replays them on one copy of the sandbox as it is now
//! (nothing is stored, no object changes, no email reaches the Outbox, no other workflow
//! runs) and judges each against the stored run of the live version: **same**, **different
//! path**, **different output**, **now runs**, **no longer runs**. The page only picks the
//! events and the definition, shows the progress (with Stop) and the verdicts.

use crate::i18n::errors::Worded;
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use sandflow_engine::sandbox::EVENT_HISTORY_LIMIT;
use sandflow_engine::{
    run_diff, Event, ReplayRow, ReplaySummary, Replayer, Run, RunStatus, TimeRange, Verdict,
    Version, Workflow,
};

use crate::components::import_events::ImportEvents;
use crate::components::link::A;
use crate::components::run_badge::RunBadge;
use crate::components::run_diff_view::RunDiffView;
use crate::components::save_as_test::SaveAsTest;
use crate::components::timestamp::Timestamp;
use crate::state::{sleep, use_app, RunFilter};

/// Events replayed between two pauses for the browser.
const CHUNK: usize = 50;
/// Events of the trigger type replayed by default.
const DEFAULT_COUNT: usize = 100;
/// Stored runs read for the "events of a version's runs" source.
const RUNS_READ: usize = 5_000;
/// Stored runs read at a time to find the live outcome of each event.
const RUNS_PAGE: usize = 1_000;

/// Where the events come from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// The newest events of the trigger type in the sandbox.
    Recent,
    /// The trigger events of the stored runs of a published version.
    OfVersion(u32),
    /// The events of the trigger type in a span of sandbox time.
    Range,
    /// Events imported from a Stripe export.
    Imported(Vec<Event>),
}

/// A verdict as the person reads it.
fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Same => tr!("same"),
        Verdict::DifferentPath => tr!("different path"),
        Verdict::DifferentOutput => tr!("different output"),
        Verdict::NowRuns => tr!("now runs"),
        Verdict::NoLongerRuns => tr!("no longer runs"),
    }
}

/// The counts of a replay: "87 same, 9 different path, 4 no longer run" (counts of zero
/// left out; "nothing replayed" when all are).
fn summary_text(s: &ReplaySummary) -> String {
    let parts: Vec<String> = [
        (s.same, trn!(s.same, "{n} same", "{n} same", n = s.same)),
        (
            s.different_path,
            trn!(
                s.different_path,
                "{n} different path",
                "{n} different path",
                n = s.different_path
            ),
        ),
        (
            s.different_output,
            trn!(
                s.different_output,
                "{n} different output",
                "{n} different output",
                n = s.different_output
            ),
        ),
        (
            s.now_runs,
            trn!(s.now_runs, "{n} now runs", "{n} now run", n = s.now_runs),
        ),
        (
            s.no_longer_runs,
            trn!(
                s.no_longer_runs,
                "{n} no longer runs",
                "{n} no longer run",
                n = s.no_longer_runs
            ),
        ),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(_, text)| text)
    .collect();
    if parts.is_empty() {
        tr!("nothing replayed").to_owned()
    } else {
        parts.join(", ")
    }
}

/// A `datetime-local` value ("2025-01-05T14:03") read as UTC, like every sandbox time.
fn utc_seconds(text: &str) -> Option<i64> {
    let millis = js_sys::Date::parse(&format!("{text}Z"));
    (!text.is_empty() && !millis.is_nan()).then(|| (millis / 1000.0) as i64)
}

/// `seconds` as a `datetime-local` value in UTC.
fn utc_input(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let iso: String = date.to_iso_string().into();
    iso.chars().take(16).collect()
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Same => "same",
        Verdict::DifferentPath => "different path",
        Verdict::DifferentOutput => "different output",
        Verdict::NowRuns => "now runs",
        Verdict::NoLongerRuns => "no longer runs",
    }
}

const VERDICTS: [Verdict; 5] = [
    Verdict::Same,
    Verdict::DifferentPath,
    Verdict::DifferentOutput,
    Verdict::NowRuns,
    Verdict::NoLongerRuns,
];

/// The replay page of a workflow.
#[component]
pub fn ReplayPage() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let workflow = Memo::new(move |_| state.workflows.with(|all| all.get(&id.get()).cloned()));
    let has_draft = Memo::new(move |_| state.workflows.with(|all| all.has_unpublished(&id.get())));
    // "draft", or a version number.
    let which = RwSignal::new(String::from("draft"));
    let count = RwSignal::new(DEFAULT_COUNT.to_string());
    let source = RwSignal::new(Source::Recent);
    let rows = RwSignal::new(Vec::<ReplayRow>::new());
    let summary = RwSignal::new(ReplaySummary::default());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let running = RwSignal::new(false);
    let stop = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let shown = RwSignal::new(None::<Verdict>);
    let live_runs = StoredValue::new_local(HashMap::<String, Run>::new());
    // The events and the definition of the last replay, for Save as test on a row.
    let replayed_events = StoredValue::new_local(HashMap::<String, Event>::new());
    let replayed_definition = StoredValue::new_local(None::<Workflow>);

    // The range defaults to the last day of sandbox time.
    let range_to = RwSignal::new(utc_input(state.now()));
    let range_from = RwSignal::new(utc_input(state.now() - 86_400));

    let run_replay = move |_| {
        let Some(live) = workflow.get_untracked() else {
            return;
        };
        let chosen = which.get_untracked();
        problem.set(None);
        rows.set(Vec::new());
        summary.set(ReplaySummary::default());
        stop.set(false);
        running.set(true);
        spawn_local(async move {
            // The definition: the draft (or the unpublished definition), or a version.
            let definition: Result<Workflow, String> = if chosen == "draft" {
                state
                    .workflows
                    .with_untracked(|all| all.editing(&live.id).cloned())
                    .ok_or_else(|| tr!("The workflow was deleted.").to_owned())
            } else {
                let number: u32 = chosen.parse().unwrap_or(0);
                match state.version(live.id.clone(), number).await {
                    Ok(Some(v)) => Ok(v.definition),
                    Ok(None) => Err(trf!(
                        "{version} is not stored.",
                        version = Version::label(number)
                    )),
                    Err(e) => Err(e.to_string()),
                }
            };
            let definition = match definition {
                Ok(d) => d,
                Err(e) => {
                    problem.try_set(Some(e));
                    running.try_set(false);
                    return;
                }
            };
            let Some(kind) = live.event_type().map(str::to_owned) else {
                problem.try_set(Some(
                    tr!("Add a trigger first: replay sends events of the trigger's type.").into(),
                ));
                running.try_set(false);
                return;
            };
            let events: Vec<Event> = match source.get_untracked() {
                Source::Imported(events) => events,
                Source::OfVersion(number) => {
                    let filter = RunFilter {
                        status: None,
                        version: Some(number),
                    };
                    let runs = state
                        .runs_page(live.id.clone(), filter, None, RUNS_READ)
                        .await
                        .unwrap_or_default();
                    let mut seen = std::collections::HashSet::new();
                    let mut events: Vec<Event> = runs
                        .into_iter()
                        .filter(|r| r.rerun_of.is_none() && seen.insert(r.event_id().to_owned()))
                        .map(|r| r.event)
                        .collect();
                    events.reverse();
                    events
                }
                Source::Range => {
                    // Minutes as the inputs give them; the end's minute counts whole.
                    let (Some(from), Some(to)) = (
                        utc_seconds(&range_from.get_untracked()),
                        utc_seconds(&range_to.get_untracked()).map(|t| t + 59),
                    ) else {
                        problem.try_set(Some(
                            tr!("Pick the start and the end of the range (sandbox time, UTC).")
                                .into(),
                        ));
                        running.try_set(false);
                        return;
                    };
                    let picked = match TimeRange::new(from, to) {
                        Ok(range) => state.events_in_range(&kind, range).await,
                        Err(e) => Ok(Err(e)),
                    };
                    match picked {
                        Ok(Ok(events)) => events,
                        Ok(Err(e)) => {
                            problem.try_set(Some(trf!("Not replayed: {e}.", e = e.worded())));
                            running.try_set(false);
                            return;
                        }
                        Err(e) => {
                            problem.try_set(Some(trf!(
                                "The stored events could not be read: {e}.",
                                e = e
                            )));
                            running.try_set(false);
                            return;
                        }
                    }
                }
                Source::Recent => {
                    let n = count.get_untracked().trim().parse::<usize>().unwrap_or(0);
                    if !(1..=EVENT_HISTORY_LIMIT).contains(&n) {
                        problem.try_set(Some(trf!(
                            "Enter a number of events from 1 to {limit}, the newest events the sandbox keeps at hand; for more, import them.",
                            limit = crate::i18n::format::count(EVENT_HISTORY_LIMIT as f64)
                        )));
                        running.try_set(false);
                        return;
                    }
                    let mut events: Vec<Event> = state.sandbox.with_untracked(|sb| {
                        sb.events()
                            .filter(|e| e.kind == kind)
                            .take(n)
                            .cloned()
                            .collect()
                    });
                    events.reverse();
                    events
                }
            };
            if events.is_empty() {
                problem.try_set(Some(trf!(
                    "No `{kind}` event to replay: send some from the Event generator, or import events from Stripe.",
                    kind = kind
                )));
                running.try_set(false);
                return;
            }
            // The stored runs of the workflow on these events, by event: read newest first,
            // a page at a time, until every event has its run or the runs are older than
            // the oldest event (a run never starts before its event).
            let wanted: std::collections::HashSet<&str> =
                events.iter().map(|e| e.id.as_str()).collect();
            let oldest = events.iter().map(|e| e.created).min().unwrap_or_default();
            let mut by_event: HashMap<String, Run> = HashMap::new();
            let mut before = None;
            loop {
                let page = match state
                    .runs_page(
                        live.id.clone(),
                        RunFilter::default(),
                        before.clone(),
                        RUNS_PAGE,
                    )
                    .await
                {
                    Ok(page) => page,
                    Err(e) => {
                        problem.try_set(Some(trf!(
                            "The stored runs could not be read, so the live outcomes are unknown: {e}.",
                            e = e
                        )));
                        running.try_set(false);
                        return;
                    }
                };
                let done =
                    page.len() < RUNS_PAGE || page.last().is_some_and(|r| r.started < oldest);
                before = page.last().map(|r| (r.started, r.id.clone()));
                for run in page {
                    // Newest first: an original run wins over the reruns read before it.
                    if run.caused_by.is_none() && wanted.contains(run.event_id()) {
                        let id = run.event_id().to_owned();
                        if run.rerun_of.is_none() || !by_event.contains_key(&id) {
                            by_event.insert(id, run);
                        }
                    }
                }
                if done || by_event.len() == wanted.len() {
                    break;
                }
            }
            // Kept before the rows show, so each row can draw its difference.
            live_runs.set_value(by_event);
            replayed_events.set_value(events.iter().map(|e| (e.id.clone(), e.clone())).collect());
            replayed_definition.set_value(Some(definition.clone()));
            let seed = (js_sys::Math::random() * 4_294_967_295.0) as u64;
            let mut replayer = state
                .sandbox
                .with_untracked(|sb| Replayer::new(&definition, sb, seed));
            let total = events.len();
            progress.try_set(Some((0, total)));
            for (i, chunk) in events.chunks(CHUNK).enumerate() {
                if stop.get_untracked() {
                    break;
                }
                let done: Vec<ReplayRow> = live_runs.with_value(|by_event| {
                    chunk
                        .iter()
                        .map(|event| replayer.replay_event(event, by_event.get(&event.id)))
                        .collect()
                });
                summary.update(|s| done.iter().for_each(|r| s.add(r.verdict)));
                rows.update(|all| all.extend(done));
                progress.try_set(Some(((i * CHUNK + chunk.len()).min(total), total)));
                sleep(0).await;
            }
            running.try_set(false);
        });
    };

    // Drawn once the replay ends (a table redrawn per chunk would cost more than the
    // replay itself).
    let shown_rows = move || {
        if running.get() {
            return Vec::new();
        }
        rows.with(|all| {
            all.iter()
                .filter(|r| shown.get().is_none_or(|v| r.verdict == v))
                .take(500)
                .cloned()
                .collect::<Vec<_>>()
        })
    };

    view! {
        <header class="page-header">
            <div>
                <A href=move || format!("/workflows/{}", id.get()) attr:class="back-link">{tr!("← Editor")}</A>
                <h1>{tr!("Replay")}</h1>
                <p class="muted">{move || workflow.get().map(|w| crate::i18n::workflow_name(&w.name)).unwrap_or_default()}</p>
            </div>
        </header>
        <p class="muted">
            {tr!("Runs past or imported events through a definition on a copy of the sandbox: nothing is stored, no object changes, no email is sent and no other workflow runs.")}
        </p>
        <form class="card replay-form" on:submit=|e| e.prevent_default()>
            <label class="field field--inline">
                <span class="field__label">{tr!("Definition")}</span>
                <select aria-label=tr!("Definition") on:change=move |e| which.set(event_target_value(&e))>
                    <Show when=move || has_draft.get()>
                        <option value="draft" selected=true>{tr!("Draft")}</option>
                    </Show>
                    {move || {
                        let live = workflow.get().map_or(0, |w| w.version);
                        (1..=live).rev().map(|n| view! {
                            <option value=n.to_string() selected=move || !has_draft.get() && n == live>
                                {if n == live { trf!("{version} (live)", version = Version::label(n)) } else { Version::label(n) }}
                            </option>
                        }).collect_view()
                    }}
                </select>
            </label>
            <fieldset class="replay-form__source">
                <legend>{tr!("Events")}</legend>
                <label class="field field--inline">
                    <input type="radio" name="source" checked=move || source.with(|s| *s == Source::Recent) on:change=move |_| source.set(Source::Recent) />
                    " " {tr!("The last")} " "
                    <input type="number" min="1" max=EVENT_HISTORY_LIMIT.to_string() aria-label=tr!("Number of events") class="input input--narrow" prop:value=move || count.get() on:input=move |e| count.set(event_target_value(&e)) />
                    " " {tr!("events of the trigger type")}
                </label>
                <label class="field field--inline">
                    <input type="radio" name="source" checked=move || source.with(|s| matches!(s, Source::OfVersion(_))) on:change=move |_| source.set(Source::OfVersion(workflow.get_untracked().map_or(1, |w| w.version.max(1)))) />
                    " " {tr!("The events that runs of")} " "
                    <select aria-label=tr!("Runs of version") on:change=move |e| {
                        if let Ok(n) = event_target_value(&e).parse() {
                            source.set(Source::OfVersion(n));
                        }
                    }>
                        {move || {
                            let live = workflow.get().map_or(0, |w| w.version);
                            (1..=live).rev().map(|n| view! { <option value=n.to_string()>{Version::label(n)}</option> }).collect_view()
                        }}
                    </select>
                    " " {tr!("ran on")}
                </label>
                <label class="field field--inline">
                    <input type="radio" name="source" checked=move || source.with(|s| *s == Source::Range) on:change=move |_| source.set(Source::Range) />
                    " " {tr!("The events of the trigger type from")} " "
                    <input type="datetime-local" aria-label=tr!("Range start (UTC)") prop:value=move || range_from.get() on:input=move |e| { range_from.set(event_target_value(&e)); source.set(Source::Range); } />
                    " " {tr!("to")} " "
                    <input type="datetime-local" aria-label=tr!("Range end (UTC)") prop:value=move || range_to.get() on:input=move |e| { range_to.set(event_target_value(&e)); source.set(Source::Range); } />
                    " (UTC)"
                </label>
                <ImportEvents
                    on_read=Callback::new(move |events: Vec<Event>| source.set(Source::Imported(events)))
                    add_hint=tr!("delivers them to the active workflows, like generated events, and keeps their objects; Replay runs them here with no side effect")
                />
            </fieldset>
            <div class="modal__actions">
                <Show when=move || running.get()>
                    <button type="button" class="button" on:click=move |_| stop.set(true)>{tr!("Stop")}</button>
                </Show>
                <button type="button" class="button button--primary" disabled=move || running.get() || !state.ready.get() on:click=run_replay>{tr!("Replay")}</button>
            </div>
        </form>
        {move || problem.get().map(|p| view! { <div class="callout callout--danger" role="alert">{p}</div> })}
        {move || progress.get().map(|(done, total)| view! {
            <div class="bulk-progress">
                <progress max=total.to_string() value=done.to_string() aria-label=tr!("Replay progress")></progress>
                <span>{trf!("{done} of {total} events replayed", done = done, total = total)}</span>
            </div>
        })}
        <Show when=move || !rows.with(Vec::is_empty)>
            <section class="card" aria-label=tr!("Replay results")>
                <header class="card__header">
                    <h2 data-testid="replay-summary">{move || summary_text(&summary.get())}</h2>
                    <label class="field field--inline">
                        <span class="field__label">{tr!("Show")}</span>
                        <select aria-label=tr!("Verdict") on:change=move |e| {
                            let v = event_target_value(&e);
                            shown.set(VERDICTS.into_iter().find(|x| verdict_name(*x) == v));
                        }>
                            <option value="all">{tr!("All")}</option>
                            {VERDICTS.into_iter().map(|v| view! { <option value=verdict_name(v)>{verdict_label(v)}</option> }).collect_view()}
                        </select>
                    </label>
                </header>
                <table class="table">
                    <thead>
                        <tr><th>{tr!("Event")}</th><th>{tr!("Live")}</th><th>{tr!("Replay")}</th><th>{tr!("Verdict")}</th><th><span class="visually-hidden">{tr!("Actions")}</span></th></tr>
                    </thead>
                    <tbody>
                        {move || shown_rows().into_iter().map(|row| {
                            let live = live_runs.with_value(|m| m.get(&row.event_id).cloned());
                            let event = replayed_events.with_value(|m| m.get(&row.event_id).cloned());
                            let definition = replayed_definition.get_value();
                            row_view(row, live, event.zip(definition))
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}

fn outcome(status: Option<RunStatus>, none: &'static str) -> AnyView {
    match status {
        Some(status) => view! { <RunBadge status=status /> }.into_any(),
        None => view! { <span class="muted">{none}</span> }.into_any(),
    }
}

/// One replayed event; `source` (its event and the replayed definition) offers Save as
/// test.
fn row_view(row: ReplayRow, live: Option<Run>, source: Option<(Event, Workflow)>) -> impl IntoView {
    let verdict = row.verdict;
    let detail = match (live, row.replayed.clone()) {
        (Some(stored), Some(replayed)) if verdict != Verdict::Same => {
            // The diff is computed and drawn when the row is opened.
            let open = RwSignal::new(false);
            let runs = StoredValue::new((stored, replayed));
            Some(view! {
                <tr class="replay__detail">
                    <td colspan="5">
                        <details on:toggle=move |_| open.set(true)>
                            <summary>{tr!("Show the difference")}</summary>
                            {move || open.get().then(|| runs.with_value(|(stored, replayed)| view! {
                                <RunDiffView diff=run_diff(stored, replayed) a_label=tr!("Live") b_label=tr!("Replay") />
                            }))}
                        </details>
                    </td>
                </tr>
            })
        }
        _ => None,
    };
    view! {
        <tr>
            <td><Timestamp seconds=row.created /> " " <code class="muted">{row.event_id.clone()}</code></td>
            <td>{outcome(row.live.as_ref().map(|l| l.status), {tr!("did not run")})}</td>
            <td>{outcome(row.replayed.as_ref().map(|r| r.status), {tr!("does not run")})}</td>
            <td><span class=format!("verdict verdict--{}", verdict_name(verdict).replace(' ', "-"))>{verdict_label(verdict)}</span></td>
            <td>{source.map(|(event, definition)| view! {
                <SaveAsTest definition=definition event=event run=row.replayed.clone() />
            })}</td>
        </tr>
        {detail}
    }
}
