//! The editor's saved tests: loaded with the workflow, run against the draft after every
//! edit (debounced, so typing never waits for them), counted next to the workflow's name,
//! and listed in the **Tests** section with, for a failing one, what each expectation found
//! and the run diff between the run the test was saved from and the draft's run. The engine
//! runs and checks them (`run_tests`); this file shows the results and asks for changes.

use crate::i18n::errors::Worded;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sandflow_engine::{
    run_tests, Arm, Check, Expectation, TestCase, TestFound, TestResult, TestTally, Workflow,
};
use serde_json::Value;

use crate::components::run_diff_view::RunDiffView;
use crate::editor::builder::{use_builder, Builder};
use crate::editor::step_list::step_title;
use crate::state::{use_app, AppState, Failed};

/// How long the draft must stay unchanged before the tests run again.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The tests of the workflow being edited and their results on the draft.
#[derive(Clone, Copy)]
pub struct TestBench {
    app: AppState,
    workflow_id: StoredValue<String>,
    /// The saved tests, oldest first.
    pub tests: RwSignal<Vec<TestCase>>,
    /// Stored tests that could not be read.
    pub problems: RwSignal<Vec<String>>,
    /// Each test's result on the draft, in the order of `tests`.
    pub results: RwSignal<Vec<TestResult>>,
    /// Whether the stored tests have been read.
    pub loaded: RwSignal<bool>,
    /// The outcome of the last change a person asked for: `Ok` text or `Err` text.
    pub message: RwSignal<Option<Result<String, String>>>,
    /// How long the last run of every test took, in milliseconds, and how many runs
    /// there were since the page opened.
    pub timing: RwSignal<(f64, u32)>,
    /// Bumped on every edit; a run scheduled before the latest edit does nothing.
    generation: StoredValue<u64>,
}

impl TestBench {
    /// The bench of workflow `workflow_id`, provided as context; its tests run against the
    /// draft `builder` holds whenever either changes.
    pub fn provide(workflow_id: String, builder: Builder) -> Self {
        let bench = Self {
            app: use_app(),
            workflow_id: StoredValue::new(workflow_id),
            tests: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            results: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            message: RwSignal::new(None),
            timing: RwSignal::new((0.0, 0)),
            generation: StoredValue::new(0),
        };
        provide_context(bench);
        bench.reload();
        // Another tab's write (or runs stored here) may have changed the tests: read them
        // again, so a change is always made to the tests as stored.
        let revision = bench.app.runs_revision;
        Effect::new(move |before: Option<u64>| {
            let now = revision.get();
            if before.is_some_and(|b| b != now) {
                bench.reload();
            }
            now
        });
        Effect::new(move |_| {
            // Only noted here, on every keystroke; the draft and the tests are read when
            // the pause is over, so typing never copies them.
            builder.history.track();
            bench.tests.track();
            let generation = bench.generation.get_value() + 1;
            bench.generation.set_value(generation);
            set_timeout(
                move || {
                    if bench.generation.try_get_value() == Some(generation) {
                        let Some(draft) =
                            builder.history.try_with_untracked(|h| h.current().clone())
                        else {
                            return;
                        };
                        let start = now_ms();
                        let results = bench
                            .tests
                            .try_with_untracked(|tests| run_tests(tests, &draft))
                            .unwrap_or_default();
                        let took = now_ms() - start;
                        bench.results.try_set(results);
                        bench.timing.try_update(|(ms, runs)| {
                            *ms = took;
                            *runs += 1;
                        });
                    }
                },
                DEBOUNCE,
            );
        });
        bench
    }

    /// Reads the stored tests again.
    pub fn reload(self) {
        let app = self.app;
        let id = self.workflow_id.get_value();
        spawn_local(async move {
            match app.tests(id).await {
                Ok(stored) => {
                    self.tests.try_set(stored.tests);
                    self.problems.try_set(stored.problems);
                }
                Err(e) => {
                    self.problems
                        .try_set(vec![trf!("The saved tests could not be read: {e}", e = e)]);
                }
            }
            self.loaded.try_set(true);
        });
    }

    /// How many pass and fail on the draft.
    pub fn tally(self) -> TestTally {
        self.results.with(|r| TestTally::of(r))
    }

    /// The names of the tests that fail on the draft.
    pub fn failing(self) -> Vec<String> {
        self.results.with(|results| {
            self.tests.with(|tests| {
                results
                    .iter()
                    .filter(|r| !r.passed())
                    .filter_map(|r| tests.iter().find(|t| t.id == r.test_id))
                    .map(|t| t.name.clone())
                    .collect()
            })
        })
    }

    /// Stores `changed`, the test that was shown as `shown`, then reads the tests again;
    /// `done` is what the page says once it is stored.
    fn save(self, shown: TestCase, changed: TestCase, done: String) {
        self.store(changed, Some(shown), done, || ());
    }

    /// Stores a new `test` (it gets its lasting id as it is stored), says `done`, and
    /// calls `then` once it is stored.
    pub fn add(self, test: TestCase, done: String, then: impl FnOnce() + 'static) {
        self.store(test, None, done, then);
    }

    /// `shown`: for a change, the test as the page showed it (`None` for a new test).
    fn store(
        self,
        test: TestCase,
        shown: Option<TestCase>,
        done: String,
        then: impl FnOnce() + 'static,
    ) {
        let app = self.app;
        spawn_local(async move {
            let stored = match shown {
                None => app.add_test(test).await.map(|_| ()),
                Some(shown) => app.save_test(test, shown).await,
            };
            let outcome = match stored {
                Ok(()) => {
                    then();
                    Ok(done)
                }
                Err(Failed::Refused(e)) => Err(trf!("Not saved: {e}", e = e)),
                Err(e) => Err(trf!("Not saved: {e}", e = e)),
            };
            self.message.try_set(Some(outcome));
            self.reload();
        });
    }
}

/// The page's monotonic clock, in milliseconds.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The bench the workflow page provides.
pub fn use_test_bench() -> TestBench {
    expect_context::<TestBench>()
}

/// "Tests 3 ✓ 1 ✗" beside the workflow's name: a link to the Tests section.
#[component]
pub fn TestCount() -> impl IntoView {
    let bench = use_test_bench();
    // Counted once per new result, read by the text and the three colours.
    let tally = Memo::new(move |_| bench.tally());
    let text = move || {
        let tally = tally.get();
        match (bench.tests.with(Vec::len), tally.failed) {
            (0, _) => tr!("No tests").to_owned(),
            (n, 0) if tally.passed == n => trf!("Tests: {n} passing", n = n),
            (_, failed) => trf!(
                "Tests: {passed} passing, {failed} failing",
                passed = tally.passed,
                failed = failed
            ),
        }
    };
    view! {
        <a
            href="#tests"
            class="badge"
            class:badge--success=move || { let t = tally.get(); t.failed == 0 && t.passed != 0 }
            class:badge--danger=move || tally.get().failed != 0
            class:badge--neutral=move || { let t = tally.get(); t.passed + t.failed == 0 }
            data-testid="test-count"
        >
            {text}
        </a>
    }
}

/// The **Tests** section of the editor.
#[component]
pub fn TestsPanel() -> impl IntoView {
    let app = use_app();
    let builder = use_builder();
    let bench = use_test_bench();
    let new_test = move |_| {
        let draft = builder.with(Clone::clone);
        let count = bench.tests.with(Vec::len) + 1;
        let id = app.new_test_id();
        let seed = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
        let made = app.sandbox.with_untracked(|account| {
            TestCase::generated(
                id,
                trf!("Test {count}", count = count),
                &draft,
                account,
                seed,
            )
        });
        match made {
            Ok(test) => {
                let name = test.name.clone();
                bench.add(
                    test,
                    trf!("Added “{name}”: edit its expectations below", name = name),
                    || (),
                );
            }
            Err(e) => bench
                .message
                .set(Some(Err(trf!("No test added: {e}", e = e.worded())))),
        }
    };
    view! {
        <section class="card tests" id="tests" aria-labelledby="tests-title">
            <div class="card__header">
                <h2 id="tests-title">{tr!("Tests")}</h2>
                <span
                    class="muted"
                    data-testid="test-timing"
                    data-runs=move || bench.timing.get().1
                    data-ms=move || format!("{:.2}", bench.timing.get().0)
                >{move || {
                    let tally = bench.tally();
                    if bench.tests.with(Vec::is_empty) {
                        String::new()
                    } else {
                        trf!(
                            "{passed} passing, {failed} failing on the draft · ran in {ms} ms",
                            passed = tally.passed,
                            failed = tally.failed,
                            ms = format!("{:.1}", bench.timing.get().0)
                        )
                    }
                }}</span>
                <button type="button" class="button button--small" disabled=move || !app.ready.get() on:click=new_test>
                    {tr!("New test from a generated event")}
                </button>
            </div>
            {move || bench.message.get().map(|m| match m {
                Ok(text) => view! { <div class="callout callout--success" role="status">{text}</div> }.into_any(),
                Err(text) => view! { <div class="callout callout--danger" role="alert">{text}</div> }.into_any(),
            })}
            {move || bench.problems.get().into_iter().map(|p| view! {
                <div class="callout callout--warning" role="status">{p}</div>
            }).collect_view()}
            <Show when=move || bench.loaded.get() && bench.tests.with(Vec::is_empty)>
                <p class="muted">
                    {tr!("No tests yet. Save a run as a test from its page (Save as test), or add one from a generated event: it runs again on every edit of the draft.")}
                </p>
            </Show>
            <ul class="list tests__list">
                <For
                    each=move || bench.tests.with(|all| all.iter().map(|t| t.id.clone()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    let:id
                >
                    <TestRow id=id />
                </For>
            </ul>
        </section>
    }
}

/// One saved test: its name and status; opened, its expectations with what each found,
/// the run diff of a failing one, and its actions.
#[component]
fn TestRow(id: String) -> impl IntoView {
    let app = use_app();
    let builder = use_builder();
    let bench = use_test_bench();
    // The test as stored now: the row stays (and stays open) while it changes.
    let test = {
        let id = id.clone();
        Memo::new(move |_| {
            bench
                .tests
                .with(|all| all.iter().find(|t| t.id == id).cloned())
        })
    };
    let result = {
        let id = id.clone();
        Memo::new(move |_| {
            bench
                .results
                .with(|all| all.iter().find(|r| r.test_id == id).cloned())
        })
    };
    let passed = move || result.with(|r| r.as_ref().map(TestResult::passed));
    let renaming = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<String>);
    let edit_error = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(false);

    let remove = move |index: usize| {
        let Some(shown) = test.get_untracked() else {
            return;
        };
        let mut changed = shown.clone();
        if index < changed.expectations.len() {
            changed.expectations.remove(index);
            bench.save(shown, changed, tr!("Expectation removed").to_owned());
        }
    };
    let rename = move |_| {
        let Some(name) = renaming.get_untracked() else {
            return;
        };
        let Some(shown) = test.get_untracked() else {
            return;
        };
        let mut changed = shown.clone();
        changed.name = name.trim().to_owned();
        renaming.set(None);
        bench.save(shown, changed, tr!("Test renamed").to_owned());
    };
    let save_event = move |_| {
        let Some(text) = editing.get_untracked() else {
            return;
        };
        let Some(shown) = test.get_untracked() else {
            return;
        };
        let mut changed = shown.clone();
        let draft = builder.with(Clone::clone);
        match changed.set_event_json(&text, &draft) {
            Ok(()) => {
                editing.set(None);
                edit_error.set(None);
                bench.save(shown, changed, tr!("Input event saved").to_owned());
            }
            Err(e) => edit_error.set(Some(trf!("Not saved: {e}", e = e.worded()))),
        }
    };
    let delete = move |_| {
        let (workflow_id, test_id, name) = test.with_untracked(|t| {
            t.as_ref()
                .map(|t| (t.workflow_id.clone(), t.id.clone(), t.name.clone()))
                .unwrap_or_default()
        });
        confirm_delete.set(false);
        spawn_local(async move {
            let outcome = match app.delete_test(workflow_id, test_id).await {
                Ok(()) => Ok(trf!("Deleted “{name}”", name = name)),
                Err(e) => Err(trf!("Not deleted: {e}", e = e)),
            };
            bench.message.try_set(Some(outcome));
            bench.reload();
        });
    };

    view! {
        <li class="list__item test" data-testid="test-row">
            <details>
                <summary class="test__summary">
                    <span
                        class="status"
                        class:status--ok=move || passed() == Some(true)
                        class:status--failed=move || passed() == Some(false)
                    >
                        {move || match passed() {
                            Some(true) => tr!("Passing"),
                            Some(false) => tr!("Failing"),
                            None => tr!("Not run yet"),
                        }}
                    </span>
                    <strong class="test__name">{move || test.with(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default())}</strong>
                    <span class="muted">{move || result.with(|r| match r {
                        Some(r) if r.error.is_some() => r.error.as_ref().map(|e| trf!("cannot run: {e}", e = e)).unwrap_or_default(),
                        Some(r) => {
                            let failed = r.failures().count();
                            if failed == 0 {
                                trf!("{n} expectations met", n = r.checks.len())
                            } else {
                                trf!("{failed} of {n} expectations not met", failed = failed, n = r.checks.len())
                            }
                        }
                        None => String::new(),
                    })}</span>
                </summary>
                <p class="muted">{move || test.with(|t| t.as_ref().map(|t| trf!("Input: {kind} {id}", kind = t.event.kind, id = t.event.id)).unwrap_or_default())}</p>
                <ul class="test__checks">
                    {move || {
                        let checks: Vec<Option<Check>> = test.with(|t| {
                            let Some(t) = t else {
                                return Vec::new();
                            };
                            result.with(|r| {
                                (0..t.expectations.len())
                                    .map(|i| r.as_ref().and_then(|r| r.checks.get(i).cloned()))
                                    .collect()
                            })
                        });
                        let draft = builder.with(Clone::clone);
                        test.with(|t| t.as_ref().map(|t| t.expectations.clone()).unwrap_or_default()).into_iter().zip(checks).enumerate().map(|(index, (expectation, check))| {
                            let ok = check.as_ref().map(|c| c.passed);
                            let found = check.as_ref().filter(|c| !c.passed).map(|c| found_text(&c.found, &draft));
                            view! {
                                <li class="test__check" class:test__check--failed=ok == Some(false)>
                                    <span class="visually-hidden">{match ok { Some(true) => tr!("Met:"), Some(false) => tr!("Not met:"), None => "" }}</span>
                                    <span aria-hidden="true">{match ok { Some(true) => "✓ ", Some(false) => "✗ ", None => "· " }}</span>
                                    {expectation_text(&expectation, &draft)}
                                    {found.map(|f| view! { <span class="test__found">{format!(" — {f}")}</span> })}
                                    <button
                                        type="button"
                                        class="button button--ghost button--small"
                                        title=tr!("Remove this expectation: the test no longer checks it")
                                        aria-label=tr!("Remove this expectation")
                                        on:click=move |_| remove(index)
                                    >{tr!("Remove")}</button>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
                {move || {
                    let diff = result.with(|r| r.as_ref().filter(|r| !r.passed()).and_then(|r| test.with(|t| t.as_ref().and_then(|t| r.diff(t)))));
                    diff.map(|diff| view! {
                        <p class="eyebrow">{tr!("Saved run → the draft's run")}</p>
                        <RunDiffView diff=diff a_label=tr!("Saved run") b_label=tr!("Draft") />
                    })
                }}
                {move || {
                    let clauses = result.with(|r| {
                        r.as_ref().filter(|r| !r.passed()).map(|r| r.trigger.clone()).unwrap_or_default()
                    });
                    (!clauses.is_empty()).then(|| view! {
                        <p class="eyebrow">{tr!("Why the draft does not run on this event")}</p>
                        <ul class="test__checks" data-testid="trigger-clauses">
                            {clauses.into_iter().map(|clause| {
                                let found = match &clause.found {
                                    Some(value) => format!(" — {}", trf!("the event holds {value}", value = value_text(value))),
                                    None => format!(" — {}", tr!("the event has no such field")),
                                };
                                view! {
                                    <li class="test__check" class:test__check--failed=!clause.held>
                                        <span class="visually-hidden">{if clause.held { tr!("Holds:") } else { tr!("Does not hold:") }}</span>
                                        <span aria-hidden="true">{if clause.held { "✓ " } else { "✗ " }}</span>
                                        {clause.description}
                                        <span class="test__found">{found}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                }}
                <div class="form__actions">
                    {move || match renaming.get() {
                        Some(name) => view! {
                            <label class="field field--inline">
                                <span class="field__label">{tr!("Name")}</span>
                                <input type="text" prop:value=name on:input=move |e| renaming.set(Some(event_target_value(&e))) />
                            </label>
                            <button type="button" class="button button--small button--primary" on:click=rename>{tr!("Save name")}</button>
                            <button type="button" class="button button--small" on:click=move |_| renaming.set(None)>{tr!("Cancel")}</button>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="button button--small" on:click=move |_| renaming.set(Some(test.with_untracked(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default())))>{tr!("Rename")}</button>
                        }.into_any(),
                    }}
                    <button
                        type="button"
                        class="button button--small"
                        on:click=move |_| editing.set(Some(test.with_untracked(|t| t.as_ref().and_then(|t| serde_json::to_string_pretty(&t.event).ok()).unwrap_or_default())))
                    >{tr!("Edit input event")}</button>
                    {move || if confirm_delete.get() {
                        view! {
                            <span>{tr!("Delete this test?")}</span>
                            <button type="button" class="button button--small" on:click=move |_| confirm_delete.set(false)>{tr!("Cancel")}</button>
                            <button type="button" class="button button--small button--danger" on:click=delete>{tr!("Delete test")}</button>
                        }.into_any()
                    } else {
                        view! { <button type="button" class="button button--small button--danger" on:click=move |_| confirm_delete.set(true)>{tr!("Delete")}</button> }.into_any()
                    }}
                </div>
                <Show when=move || editing.with(Option::is_some)>
                    <label class="field">
                        <span class="field__label">{tr!("Input event (JSON, a Stripe event of the trigger's type)")}</span>
                        <textarea
                            rows="12"
                            class="json-input"
                            prop:value=move || editing.get().unwrap_or_default()
                            on:input=move |e| editing.set(Some(event_target_value(&e)))
                        ></textarea>
                    </label>
                    {move || edit_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                    <div class="form__actions">
                        <button type="button" class="button button--small button--primary" on:click=save_event>{tr!("Save event")}</button>
                        <button type="button" class="button button--small" on:click=move |_| { editing.set(None); edit_error.set(None); }>{tr!("Cancel")}</button>
                    </div>
                </Show>
            </details>
        </li>
    }
}

/// "Step 2 · Update a customer", for the step `id` of `draft` (also Coverage's words).
pub(crate) fn step_label(id: &str, draft: &Workflow) -> String {
    let steps = draft.all_steps();
    match steps.iter().position(|s| s.id() == id) {
        Some(i) => trf!(
            "Step {n} · {title}",
            n = i + 1,
            title = step_title(steps[i])
        ),
        None => trf!("Step {id} (no longer in the workflow)", id = id),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => format!("“{s}”"),
        other => other.to_string(),
    }
}

fn arm_text(arm: Arm) -> &'static str {
    match arm {
        Arm::Then => tr!("the “if true” branch"),
        Arm::Else => tr!("the “otherwise” branch"),
    }
}

/// What an expectation asks, in words.
fn expectation_text(expectation: &Expectation, draft: &Workflow) -> String {
    match expectation {
        Expectation::Runs { runs: true } => tr!("The workflow runs on the event").to_owned(),
        Expectation::Runs { runs: false } => {
            tr!("The workflow does not run on the event").to_owned()
        }
        Expectation::Status { succeeds: true, .. } => tr!("The run succeeds").to_owned(),
        Expectation::Status {
            failing_step: Some(step),
            ..
        } => {
            trf!("The run fails at {step}", step = step_label(step, draft))
        }
        Expectation::Status { .. } => tr!("The run is stopped by a budget").to_owned(),
        Expectation::Branch { step, arm } => trf!(
            "{step} takes {branch}",
            step = step_label(step, draft),
            branch = arm_text(*arm)
        ),
        Expectation::Called { step, called: true } => {
            trf!("{step} runs", step = step_label(step, draft))
        }
        Expectation::Called {
            step,
            called: false,
        } => {
            trf!("{step} does not run", step = step_label(step, draft))
        }
        Expectation::Request { step, path, value } => trf!(
            "{step}: request {path} = {value}",
            step = step_label(step, draft),
            path = path,
            value = value_text(value)
        ),
        Expectation::Response { step, path, value } => trf!(
            "{step}: response {path} = {value}",
            step = step_label(step, draft),
            path = path,
            value = value_text(value)
        ),
        Expectation::EmailTo { step, to } => {
            trf!(
                "{step}: sent to {to}",
                step = step_label(step, draft),
                to = to
            )
        }
        Expectation::EmailSubject { step, subject } => trf!(
            "{step}: subject “{subject}”",
            step = step_label(step, draft),
            subject = subject
        ),
    }
}

/// What the draft's run did instead, in words.
fn found_text(found: &TestFound, draft: &Workflow) -> String {
    match found {
        TestFound::NoRun => tr!("the workflow did not run").to_owned(),
        TestFound::NoStep => tr!("the step is no longer in the workflow").to_owned(),
        TestFound::NotRun => tr!("the step did not run").to_owned(),
        TestFound::Missing => tr!("nothing is there").to_owned(),
        TestFound::Value { value } => trf!("found {value}", value = value_text(value)),
        TestFound::Ran { ran: true } => tr!("it ran").to_owned(),
        TestFound::Ran { ran: false } => tr!("it did not run").to_owned(),
        TestFound::Arm { arm } => trf!("took {branch}", branch = arm_text(*arm)),
        TestFound::Ended {
            succeeded: true, ..
        } => tr!("the run succeeded").to_owned(),
        TestFound::Ended {
            failing_step: Some(step),
            ..
        } => {
            trf!("the run failed at {step}", step = step_label(step, draft))
        }
        TestFound::Ended { .. } => tr!("the run was stopped").to_owned(),
    }
}
