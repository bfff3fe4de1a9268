//! **Recent runs** of one workflow: a chart of runs per day by status, then the runs,
//! newest first, filterable by status and by version, and paginated; each row says which
//! version ran and opens the run. Runs are read from storage a page at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use sandflow_engine::{Run, RunStatus, Version};

use crate::components::link::A;
use crate::components::run_badge::RunBadge;
use crate::components::timestamp::{format_day, format_took, Timestamp};
use crate::state::{use_app, AppState, RunFilter};

/// Runs listed per page.
const PAGE_SIZE: usize = 25;
/// Days the chart covers, ending today in sandbox time.
const CHART_DAYS: i64 = 14;
const DAY: i64 = 86_400;

/// The part of a run a row shows.
#[derive(Clone, Debug, PartialEq)]
struct RunRow {
    id: String,
    started: i64,
    status: RunStatus,
    event_type: String,
    event_id: String,
    duration: Option<String>,
    version: u32,
    /// The run this one reran, if it is a rerun.
    rerun_of: Option<String>,
}

impl From<&Run> for RunRow {
    fn from(run: &Run) -> Self {
        Self {
            id: run.id.clone(),
            started: run.started,
            status: run.status,
            event_type: run.event_type().to_owned(),
            event_id: run.event_id().to_owned(),
            duration: run
                .ended
                .map(|end| format_took(run.duration_ms, end - run.started)),
            version: run.workflow.version,
            rerun_of: run.rerun_of.clone(),
        }
    }
}

/// Which runs the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    All,
    Only(RunStatus),
}

impl Filter {
    fn parse(value: &str) -> Self {
        match value {
            "succeeded" => Self::Only(RunStatus::Succeeded),
            "failed" => Self::Only(RunStatus::Failed),
            "running" => Self::Only(RunStatus::Running),
            "interrupted" => Self::Only(RunStatus::Interrupted),
            _ => Self::All,
        }
    }
}

/// The runs of one day, by status, for the chart.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct DayCount {
    day: i64,
    succeeded: usize,
    failed: usize,
    other: usize,
}

/// The **Recent runs** section of a workflow page.
///
/// Each page is read from IndexedDB through an index with a cursor, keyed by the last run
/// of the page before it, and the figures (total, per day) are index counts: nothing here
/// grows with the workflow's history.
#[component]
pub fn RecentRuns(
    /// The workflow whose runs are listed.
    #[prop(into)]
    workflow_id: Signal<String>,
) -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    let filter = RwSignal::new(Filter::All);
    // Runs ticked for Compare (two at most: a third replaces the older tick).
    let picked = RwSignal::new(Vec::<String>::new());
    let version = RwSignal::new(None::<u32>);
    // The versions to filter by: those published, newest first.
    let live_version = move || {
        state
            .workflows
            .with(|all| all.get(&workflow_id.get()).map_or(0, |w| w.version))
    };
    // The `(started, id)` each visited page starts before; the last one is the page shown.
    let cursors = RwSignal::new(vec![None::<(i64, String)>]);
    let status = move || match filter.get() {
        Filter::All => None,
        Filter::Only(s) => Some(s),
    };
    let run_filter = move || RunFilter {
        status: status(),
        version: version.get(),
    };

    let page = LocalResource::new(move || {
        let id = workflow_id.get();
        let run_filter = run_filter();
        let before = cursors.with(|c| c.last().cloned().flatten());
        state.runs_revision.track();
        state.ready.track();
        async move {
            state
                .runs_page(id, run_filter, before, PAGE_SIZE + 1)
                .await
                .map(|runs| runs.iter().map(RunRow::from).collect::<Vec<_>>())
                .map_err(|e| e.to_string())
        }
    });
    // With a filter, an index count; without, the count the state keeps anyway.
    let filtered_total = LocalResource::new(move || {
        let id = workflow_id.get();
        let run_filter = run_filter();
        state.runs_revision.track();
        state.ready.track();
        async move {
            if run_filter == RunFilter::default() {
                return 0;
            }
            state
                .count_runs(id, run_filter, vec![None])
                .await
                .map(|c| c.first().copied().unwrap_or(0) as usize)
                .unwrap_or(0)
        }
    });
    let total = Signal::derive(move || {
        if run_filter() == RunFilter::default() {
            Some(
                state
                    .run_stats
                    .with(|s| s.get(&workflow_id.get()).map_or(0, |s| s.count as usize)),
            )
        } else {
            filtered_total.get()
        }
    });
    let chart = LocalResource::new(move || {
        let id = workflow_id.get();
        let today = state.sandbox.with(|sb| sb.now()).div_euclid(DAY);
        state.runs_revision.track();
        state.ready.track();
        async move { day_counts(state, id, today).await }
    });

    let rows = move || {
        page.with(|p| match p {
            Some(Ok(rows)) => rows.iter().take(PAGE_SIZE).cloned().collect(),
            _ => Vec::new(),
        })
    };
    let has_next = move || page.with(|p| matches!(p, Some(Ok(rows)) if rows.len() > PAGE_SIZE));
    let page_number = move || cursors.with(Vec::len);
    let pages = move || total.get().unwrap_or(0).div_ceil(PAGE_SIZE).max(1);
    let no_runs = move || {
        state
            .run_stats
            .with(|s| s.get(&workflow_id.get()).is_none_or(|s| s.count == 0))
    };
    let next = move |_| {
        let last = page.with_untracked(|p| match p {
            Some(Ok(rows)) => rows.get(PAGE_SIZE - 1).map(|r| (r.started, r.id.clone())),
            _ => None,
        });
        if let Some(last) = last {
            cursors.update(|c| c.push(Some(last)));
        }
    };
    let previous = move |_| {
        cursors.update(|c| {
            if c.len() > 1 {
                c.pop();
            }
        })
    };

    let href =
        move |run_id: &str| format!("/workflows/{}/runs/{run_id}", workflow_id.get_untracked());
    let row_view = move |row: RunRow| {
        let link = href(&row.id);
        let go = {
            let navigate = navigate.clone();
            let link = link.clone();
            move |_| navigate(&link, Default::default())
        };
        let status = row.status;
        let run_id = row.id.clone();
        let ticked = {
            let run_id = run_id.clone();
            move || picked.with(|p| p.contains(&run_id))
        };
        view! {
            <tr class="runs__row" on:click=go>
                <td on:click=|e| e.stop_propagation()>
                    <input
                        type="checkbox"
                        aria-label=trf!("Pick run {run} to compare", run = run_id)
                        prop:checked=ticked
                        on:change=move |_| picked.update(|p| {
                            if let Some(i) = p.iter().position(|x| *x == run_id) {
                                p.remove(i);
                            } else {
                                p.push(run_id.clone());
                                if p.len() > 2 {
                                    p.remove(0);
                                }
                            }
                        })
                    />
                </td>
                <td><A href=link><Timestamp seconds=row.started /></A></td>
                <td>
                    <code class="runs__event-type">{row.event_type}</code>
                    <span class="runs__event-id muted">{row.event_id}</span>
                    {row.rerun_of.map(|original| view! {
                        <span class="runs__rerun" on:click=|e| e.stop_propagation()>
                            <span class="badge badge--info">{tr!("Rerun of")}</span>
                            " "
                            <A href=href(&original)>{original.clone()}</A>
                        </span>
                    })}
                </td>
                <td><span class="version-tag">{Version::label(row.version)}</span></td>
                <td><RunBadge status=status /></td>
                <td>{row.duration.unwrap_or_else(|| "…".to_owned())}</td>
            </tr>
        }
    };

    view! {
        <section class="card runs" aria-labelledby="recent-runs-heading">
            <header class="card__header">
                <h2 id="recent-runs-heading">{tr!("Recent runs")}</h2>
                <label class="field field--inline">
                    <span class="field__label">{tr!("Status")}</span>
                    <select on:change=move |ev| {
                        filter.set(Filter::parse(&event_target_value(&ev)));
                        cursors.set(vec![None]);
                    }>
                        <option value="all">{tr!("All")}</option>
                        <option value="succeeded">{tr!("Succeeded")}</option>
                        <option value="failed">{tr!("Failed")}</option>
                        <option value="running">{tr!("Running")}</option>
                        <option value="interrupted">{tr!("Interrupted")}</option>
                    </select>
                </label>
                <label class="field field--inline">
                    <span class="field__label">{tr!("Version")}</span>
                    <select on:change=move |ev| {
                        version.set(event_target_value(&ev).parse().ok());
                        cursors.set(vec![None]);
                    }>
                        <option value="all">{tr!("All")}</option>
                        {move || (1..=live_version()).rev().map(|n| view! {
                            <option value=n.to_string() selected=move || version.get() == Some(n)>
                                {Version::label(n)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </header>
            {move || chart.get().map(|days| chart_view(&days))}
            {move || page.with(|p| match p {
                Some(Err(e)) => Some(view! { <p class="notice notice--error" role="alert">{trf!("Runs could not be read: {e}", e = e)}</p> }),
                _ => None,
            })}
            <Show
                when=move || !rows().is_empty()
                fallback=move || view! {
                    <p class="runs__empty">
                        {move || if page.with(Option::is_none) {
                            {tr!("Loading runs…")}
                        } else if no_runs() {
                            {tr!("No runs yet. Runs appear here when an event this workflow listens to happens while it is active.")}
                        } else {
                            if version.get().is_some() { {tr!("No run of this version matches.")} } else { {tr!("No run has this status.")} }
                        }}
                    </p>
                }
            >
                <table class="table">
                    <thead>
                        <tr><th><span class="visually-hidden">{tr!("Pick")}</span></th><th>{tr!("Time")}</th><th>{tr!("Trigger event")}</th><th>{tr!("Version")}</th><th>{tr!("Status")}</th><th>{tr!("Duration")}</th></tr>
                    </thead>
                    <tbody>{let row_view = row_view.clone(); move || rows().into_iter().map(row_view.clone()).collect_view()}</tbody>
                </table>
                <p class="runs__compare">
                    {move || {
                        let p = picked.get();
                        if p.len() == 2 {
                            view! {
                                <A href=format!("/workflows/{}/runs/{}/compare/{}", workflow_id.get_untracked(), p[0], p[1]) attr:class="button button--small">{tr!("Compare")}</A>
                            }.into_any()
                        } else {
                            view! { <span class="muted">{tr!("Tick two runs to compare them.")}</span> }.into_any()
                        }
                    }}
                </p>
                <nav class="pager" aria-label=tr!("Recent runs pages")>
                    <button
                        type="button"
                        class="button button--small"
                        disabled=move || page_number() <= 1
                        on:click=previous
                    >
                        {tr!("Previous")}
                    </button>
                    <span>{move || {
                        let total = total.get().unwrap_or(0);
                        trn!(total, "Page {page} of {pages} · {total} run", "Page {page} of {pages} · {total} runs", page = page_number().min(pages()), pages = pages(), total = crate::i18n::format::count(total as f64))
                    }}</span>
                    <button
                        type="button"
                        class="button button--small"
                        disabled=move || !has_next()
                        on:click=next
                    >
                        {tr!("Next")}
                    </button>
                </nav>
            </Show>
        </section>
    }
}

/// Runs per day by status over the chart's days, ending with `today` (a day number).
async fn day_counts(state: AppState, workflow_id: String, today: i64) -> Vec<DayCount> {
    let first = today - CHART_DAYS + 1;
    let spans: Vec<Option<(i64, i64)>> = (first..=today)
        .map(|d| Some((d * DAY, (d + 1) * DAY)))
        .collect();
    let mut days: Vec<DayCount> = (first..=today)
        .map(|day| DayCount {
            day,
            ..DayCount::default()
        })
        .collect();
    for status in [
        RunStatus::Succeeded,
        RunStatus::Failed,
        RunStatus::Running,
        RunStatus::Interrupted,
    ] {
        let Ok(counts) = state
            .count_runs(
                workflow_id.clone(),
                RunFilter {
                    status: Some(status),
                    version: None,
                },
                spans.clone(),
            )
            .await
        else {
            continue;
        };
        for (d, n) in days.iter_mut().zip(counts) {
            let n = n as usize;
            match status {
                RunStatus::Succeeded => d.succeeded += n,
                RunStatus::Failed => d.failed += n,
                _ => d.other += n,
            }
        }
    }
    days
}

/// Stacked bars: succeeded at the bottom, failed above, running or interrupted on top.
fn chart_view(days: &[DayCount]) -> impl IntoView {
    const BAR: f64 = 18.0;
    const GAP: f64 = 6.0;
    const HEIGHT: f64 = 64.0;
    let max = days
        .iter()
        .map(|d| d.succeeded + d.failed + d.other)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let width = days.len() as f64 * (BAR + GAP);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = i as f64 * (BAR + GAP);
            let mut y = HEIGHT;
            let mut segment = |count: usize, class: &'static str| {
                let h = count as f64 / max * HEIGHT;
                y -= h;
                (count > 0).then(|| {
                    view! { <rect class=class x=x y=y width=BAR height=h rx="2" /> }
                })
            };
            let ok = segment(d.succeeded, "chart__ok");
            let failed = segment(d.failed, "chart__failed");
            let other = segment(d.other, "chart__other");
            let title = trf!(
                "{day}: {succeeded} succeeded, {failed} failed, {other} other",
                day = format_day(d.day * DAY),
                succeeded = d.succeeded,
                failed = d.failed,
                other = d.other
            );
            view! {
                <g>
                    <title>{title}</title>
                    <rect class="chart__slot" x=x y="0" width=BAR height=HEIGHT />
                    {ok}{failed}{other}
                </g>
            }
        })
        .collect_view();
    let first = days
        .first()
        .map(|d| format_day(d.day * DAY))
        .unwrap_or_default();
    let last = days
        .last()
        .map(|d| format_day(d.day * DAY))
        .unwrap_or_default();
    view! {
        <figure class="chart">
            <svg
                role="img"
                aria-label=trf!("Runs per day by status, {first} to {last}", first = first, last = last)
                viewBox=format!("0 0 {width} {HEIGHT}")
                width=width
                height=HEIGHT
            >
                {bars}
            </svg>
            <figcaption class="chart__legend">
                <span class="legend legend--ok">{tr!("Succeeded")}</span>
                <span class="legend legend--failed">{tr!("Failed")}</span>
                <span class="legend legend--other">{tr!("Running / interrupted")}</span>
                <span class="muted">{format!("{first} – {last}")}</span>
            </figcaption>
        </figure>
    }
}
