//! **Coverage**: how many runs reached each step and each side of each condition of the
//! draft, counting the saved tests' runs and, optionally, runs on events generated for the
//! trigger (500 by default), drawn on the canvas; what was never exercised, with a search
//! for an event that reaches it (or the reason nothing can), and the generated runs that
//! failed. Each found event or failing run can be added as a test. The engine generates,
//! runs, tallies and searches (`generate_events`, `cover`, `search`); this file shows and
//! asks.

use crate::i18n::errors::Worded;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::limits::MAX_BULK_EVENTS;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    cover, generate_events, search, Arm, Coverage, Example, FailedRun, Point, Search, TestCase,
    Workflow, DEFAULT_GENERATED_EVENTS, DEFAULT_SEARCH_BUDGET,
};

use crate::editor::builder::use_builder;
use crate::editor::test_bench::{step_label, use_test_bench};
use crate::state::use_app;

/// What a search for one never-exercised point found, as the page keeps it.
#[derive(Clone)]
enum Found {
    /// Searching.
    Looking,
    /// An event that reaches it.
    Event(Box<Example>),
    /// Nothing can reach it, and why.
    Unreachable(String),
    /// Not found within the budget, or the search was refused.
    Nothing(String),
}

/// The last coverage measured, shared with the canvas.
#[derive(Clone, Copy)]
pub struct CoverageView {
    /// What the runs reached; `None` until measured.
    pub coverage: RwSignal<Option<Coverage>>,
    /// The draft it was measured on (a later edit makes it out of date).
    measured: RwSignal<Option<Workflow>>,
    /// Generated runs that failed.
    failures: RwSignal<Vec<FailedRun>>,
    /// The account the generated events live in (for adding a failing one as a test).
    generated: StoredValue<Option<Sandbox>, LocalStorage>,
    /// Searches, by point.
    searches: RwSignal<Vec<(Point, Found)>>,
    /// Measuring now.
    busy: RwSignal<bool>,
    /// Why the last measure was refused.
    problem: RwSignal<Option<String>>,
}

impl CoverageView {
    /// Provides an empty view as context.
    pub fn provide() -> Self {
        let view = Self {
            coverage: RwSignal::new(None),
            measured: RwSignal::new(None),
            failures: RwSignal::new(Vec::new()),
            generated: StoredValue::new_local(None),
            searches: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
        };
        provide_context(view);
        view
    }
}

/// "Reached by 12" / "Never exercised" on a step card or a branch, once coverage is measured.
#[component]
pub fn CoverageMark(
    /// The step or side it marks.
    point: Point,
) -> impl IntoView {
    let view = use_context::<CoverageView>();
    move || {
        let view = view?;
        let reached = view
            .coverage
            .with(|c| c.as_ref().map(|c| c.reached(&point)))?;
        Some(if reached == 0 {
            view! { <span class="badge badge--danger coverage-mark" data-testid="coverage-mark">{tr!("Never exercised")}</span> }.into_any()
        } else {
            view! { <span class="badge badge--info coverage-mark" data-testid="coverage-mark">{trf!("Reached by {reached}", reached = reached)}</span> }.into_any()
        })
    }
}

/// The **Coverage** section of the editor.
#[component]
pub fn CoveragePanel() -> impl IntoView {
    let app = use_app();
    let builder = use_builder();
    let bench = use_test_bench();
    let view = use_context::<CoverageView>().expect("the workflow page provides coverage");
    let count = RwSignal::new(DEFAULT_GENERATED_EVENTS.to_string());
    let stale = Memo::new(move |_| {
        view.measured
            .with(|m| m.as_ref().is_some_and(|m| builder.with(|w| w != m)))
    });

    let measure = move |_| {
        let n = match count.get_untracked().trim().parse::<usize>() {
            Ok(n) if n <= MAX_BULK_EVENTS => n,
            _ => {
                view.problem.set(Some(trf!(
                    "Enter a number of generated events from 0 to {limit}.",
                    limit = MAX_BULK_EVENTS
                )));
                return;
            }
        };
        view.problem.set(None);
        view.busy.set(true);
        spawn_local(async move {
            // Let the page draw "Measuring…" before the work.
            crate::state::sleep(0).await;
            let draft = builder.history.with_untracked(|h| h.current().clone());
            let mut coverage = Coverage::new(&draft);
            for result in bench.results.get_untracked() {
                coverage.add(result.run.as_ref());
            }
            let seed = (js_sys::Math::random() * 4_294_967_295.0) as u64;
            let mut failures = Vec::new();
            if n > 0 {
                let generated = app
                    .sandbox
                    .with_untracked(|sb| generate_events(&draft, sb, n, seed));
                match generated {
                    Ok(generated) => {
                        let exercise = cover(&draft, &generated.account, &generated.events, seed);
                        coverage.merge(&exercise.coverage);
                        failures = exercise.failures;
                        view.generated.set_value(Some(generated.account));
                    }
                    Err(e) => {
                        view.problem
                            .try_set(Some(trf!("Not measured: {e}.", e = e.worded())));
                        view.busy.try_set(false);
                        return;
                    }
                }
            }
            view.coverage.try_set(Some(coverage));
            view.failures.try_set(failures);
            view.searches.try_set(Vec::new());
            view.measured.try_set(Some(draft));
            view.busy.try_set(false);
        });
    };

    let find = move |point: Point| {
        view.searches.update(|all| {
            all.retain(|(p, _)| *p != point);
            all.push((point.clone(), Found::Looking));
        });
        spawn_local(async move {
            crate::state::sleep(0).await;
            let draft = builder.history.with_untracked(|h| h.current().clone());
            let seed = (js_sys::Math::random() * 4_294_967_295.0) as u64;
            let outcome = app
                .sandbox
                .with_untracked(|sb| search(&draft, sb, &point, seed, DEFAULT_SEARCH_BUDGET));
            let found = match outcome {
                Ok(Search::Found(example)) => Found::Event(example),
                Ok(Search::Unreachable(why)) => Found::Unreachable(why.to_string()),
                Ok(Search::NotFound { tried }) => Found::Nothing(trf!(
                    "No event found in {tried} tries. It may still be reachable: write the event yourself in a test (New test, then Edit input event).",
                    tried = tried
                )),
                Err(e) => Found::Nothing(trf!("Not searched: {e}.", e = e.worded())),
            };
            view.searches.try_update(|all| {
                if let Some(slot) = all.iter_mut().find(|(p, _)| *p == point) {
                    slot.1 = found;
                }
            });
        });
    };

    let add_found = move |point: Point, example: Example| {
        let draft = builder.history.with_untracked(|h| h.current().clone());
        let name = trf!("Reaches {point}", point = point_text(&point, &draft));
        let test = TestCase::from_outcome(
            app.new_test_id(),
            name.chars().take(100).collect(),
            &draft,
            &example.event,
            example.run.as_ref(),
            &example.account,
            app.now(),
        );
        // The search's own run reached the point: once the test is stored, it counts.
        let run = example.run;
        let done = trf!("Added “{name}” to the tests", name = test.name);
        bench.add(test, done, move || {
            view.coverage.try_update(|c| {
                if let Some(c) = c {
                    c.add(run.as_ref());
                }
            });
            view.searches
                .try_update(|all| all.retain(|(p, _)| *p != point));
        });
    };

    let add_failure = move |failure: FailedRun| {
        let draft = builder.history.with_untracked(|h| h.current().clone());
        let account = view
            .generated
            .get_value()
            .unwrap_or_else(|| app.sandbox.get_untracked());
        let test = TestCase::from_outcome(
            app.new_test_id(),
            trf!(
                "Fails at {place}",
                place = failure
                    .step_id
                    .as_deref()
                    .map_or_else(|| tr!("a budget").to_owned(), |s| step_label(s, &draft))
            )
            .chars()
            .take(100)
            .collect(),
            &draft,
            &failure.event,
            Some(&failure.run),
            &account,
            app.now(),
        );
        let id = failure.event.id.clone();
        let done = trf!("Added “{name}” to the tests", name = test.name);
        bench.add(test, done, move || {
            view.failures
                .try_update(|all| all.retain(|f| f.event.id != id));
        });
    };

    view! {
        <section class="card coverage" id="coverage" aria-labelledby="coverage-title">
            <div class="card__header">
                <h2 id="coverage-title">{tr!("Coverage")}</h2>
                <label class="field field--inline">
                    <span class="field__label">{tr!("Generated events")}</span>
                    <input
                        type="number"
                        min="0"
                        max=MAX_BULK_EVENTS.to_string()
                        class="input input--narrow"
                        aria-label=tr!("Generated events")
                        prop:value=move || count.get()
                        on:input=move |e| count.set(event_target_value(&e))
                    />
                </label>
                <button type="button" class="button button--small" disabled=move || view.busy.get() || !app.ready.get() on:click=measure>
                    {move || if view.busy.get() { tr!("Measuring…") } else { tr!("Measure coverage") }}
                </button>
            </div>
            <p class="muted">
                {tr!("Runs the saved tests and events generated for the trigger through the draft, with no side effect, and counts what each step and each side of each condition was reached by.")}
            </p>
            {move || view.problem.get().map(|p| view! { <div class="callout callout--danger" role="alert">{p}</div> })}
            <Show when=move || stale.get()>
                <div class="callout callout--warning" role="status">{tr!("The draft changed since: measure again.")}</div>
            </Show>
            {move || view.coverage.get().map(|coverage| {
                let draft = builder.with(Clone::clone);
                let (covered, total) = coverage.branches_covered();
                let never = coverage.never_exercised();
                let summary = if total == 0 {
                    trf!("No condition to cover · {n} outcomes counted", n = coverage.events)
                } else {
                    trf!(
                        "Branches covered: {covered} of {total} ({percent}%) · {n} outcomes counted",
                        covered = covered,
                        total = total,
                        percent = format!("{:.0}", coverage.percent()),
                        n = coverage.events
                    )
                };
                view! {
                    <p class="coverage__summary" data-testid="coverage-summary">{summary}</p>
                    {trigger_line(&coverage)}
                    <Show when={let empty = never.is_empty(); move || !empty}>
                        <p class="eyebrow">{tr!("Never exercised")}</p>
                    </Show>
                    <ul class="list coverage__never">
                        {never.into_iter().map(|point| {
                            let label = point_text(&point, &draft);
                            let for_search = point.clone();
                            let for_state = point.clone();
                            let state = move || view.searches.with(|all| all.iter().find(|(p, _)| *p == for_state).map(|(_, f)| f.clone()));
                            view! {
                                <li class="list__item" data-testid="never-exercised">
                                    <strong>{label}</strong>
                                    {
                                        let state = state.clone();
                                        move || match state() {
                                            None => view! {
                                                <button type="button" class="button button--small" on:click={let point = for_search.clone(); move |_| find(point.clone())}>{tr!("Find an event")}</button>
                                            }.into_any(),
                                            Some(Found::Looking) => view! { <span class="muted">{tr!("Searching…")}</span> }.into_any(),
                                            Some(Found::Event(example)) => {
                                                let text = trf!("Found on try {n}: {kind} {id}", n = example.attempt, kind = example.event.kind, id = example.event.id);
                                                let point = for_search.clone();
                                                let example = StoredValue::new_local(*example);
                                                view! {
                                                    <span class="callout callout--success" role="status">{text}</span>
                                                    <button type="button" class="button button--small button--primary" on:click=move |_| add_found(point.clone(), example.get_value())>{tr!("Add as test")}</button>
                                                }.into_any()
                                            }
                                            Some(Found::Unreachable(why)) => view! { <span class="callout callout--warning" role="status">{trf!("Unreachable: {why}", why = why)}</span> }.into_any(),
                                            Some(Found::Nothing(why)) => view! { <span class="muted" role="status">{why}</span> }.into_any(),
                                        }
                                    }
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
            {move || {
                let failures = view.failures.get();
                (!failures.is_empty()).then(|| {
                    let draft = builder.with(Clone::clone);
                    view! {
                        <p class="eyebrow">{trf!("Generated runs that failed ({n})", n = failures.len())}</p>
                        <ul class="list coverage__failures">
                            {failures.into_iter().take(20).map(|failure| {
                                let place = failure.step_id.as_deref().map_or_else(|| tr!("A budget stopped the run").to_owned(), |s| step_label(s, &draft));
                                let text = format!("{place}: {}", failure.error);
                                let failure = StoredValue::new_local(failure);
                                view! {
                                    <li class="list__item" data-testid="failing-run">
                                        <span>{text}</span>
                                        <button type="button" class="button button--small" on:click=move |_| add_failure(failure.get_value())>{tr!("Add as test")}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
        </section>
    }
}

/// The trigger's line: how many events its conditions let through and filtered out.
fn trigger_line(coverage: &Coverage) -> Option<impl IntoView> {
    let tally = coverage.trigger?;
    Some(view! {
        <p class="muted">{trf!(
            "Trigger conditions: {ran} events ran the workflow, {filtered} were filtered out",
            ran = tally.ran,
            filtered = tally.filtered
        )}</p>
    })
}

/// A point in words.
fn point_text(point: &Point, draft: &Workflow) -> String {
    match point {
        Point::Trigger { holds: true } => tr!("the trigger's conditions hold").to_owned(),
        Point::Trigger { holds: false } => {
            tr!("the trigger's conditions filter an event out").to_owned()
        }
        Point::Step { step_id } => step_label(step_id, draft),
        Point::Branch {
            step_id,
            arm: Arm::Then,
        } => trf!(
            "{step}: the “if true” branch",
            step = step_label(step_id, draft)
        ),
        Point::Branch {
            step_id,
            arm: Arm::Else,
        } => trf!(
            "{step}: the “else” branch",
            step = step_label(step_id, draft)
        ),
    }
}
