//! **Recent runs** of one workflow: a chart of runs per day by status, then the runs,
//! newest first, filterable by status and paginated; each row opens the run.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use sandflow_engine::{Run, RunStatus};

use crate::components::run_badge::RunBadge;
use crate::components::timestamp::{format_day, format_duration, Timestamp};
use crate::state::use_app;

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
    duration: Option<i64>,
}

impl From<&Run> for RunRow {
    fn from(run: &Run) -> Self {
        Self {
            id: run.id.clone(),
            started: run.started,
            status: run.status,
            event_type: run.event_type().to_owned(),
            event_id: run.event_id().to_owned(),
            duration: run.ended.map(|end| end - run.started),
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
            _ => Self::All,
        }
    }

    fn keeps(self, status: RunStatus) -> bool {
        match self {
            Self::All => true,
            Self::Only(s) => s == status,
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
#[component]
pub fn RecentRuns(
    /// The workflow whose runs are listed.
    #[prop(into)]
    workflow_id: Signal<String>,
) -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    let filter = RwSignal::new(Filter::All);
    let page = RwSignal::new(0_usize);

    let rows = Memo::new(move |_| {
        let id = workflow_id.get();
        state.runs.with(|runs| {
            runs.iter()
                .filter(|r| r.workflow_id == id)
                .map(RunRow::from)
                .collect::<Vec<_>>()
        })
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        rows.with(|rows| {
            rows.iter()
                .filter(|r| f.keeps(r.status))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let pages = move || shown.with(|s| s.len().div_ceil(PAGE_SIZE)).max(1);
    let page_rows = move || {
        let p = page.get().min(pages() - 1);
        shown.with(|s| {
            s.iter()
                .skip(p * PAGE_SIZE)
                .take(PAGE_SIZE)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let chart = Memo::new(move |_| {
        let today = state.sandbox.with(|sb| sb.now()).div_euclid(DAY);
        let mut days: Vec<DayCount> = (0..CHART_DAYS)
            .map(|i| DayCount {
                day: today - CHART_DAYS + 1 + i,
                ..DayCount::default()
            })
            .collect();
        rows.with(|rows| {
            for r in rows {
                let index = r.started.div_euclid(DAY) - (today - CHART_DAYS + 1);
                if let Some(d) = usize::try_from(index).ok().and_then(|i| days.get_mut(i)) {
                    match r.status {
                        RunStatus::Succeeded => d.succeeded += 1,
                        RunStatus::Failed => d.failed += 1,
                        _ => d.other += 1,
                    }
                }
            }
        });
        days
    });

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
        view! {
            <tr class="runs__row" on:click=go>
                <td><A href=link><Timestamp seconds=row.started /></A></td>
                <td><code>{row.event_type}</code> <span class="muted">{row.event_id}</span></td>
                <td><RunBadge status=status /></td>
                <td>{row.duration.map_or_else(|| "…".to_owned(), format_duration)}</td>
            </tr>
        }
    };

    view! {
        <section class="card runs" aria-labelledby="recent-runs-heading">
            <header class="card__header">
                <h2 id="recent-runs-heading">"Recent runs"</h2>
                <label class="field field--inline">
                    <span class="field__label">"Status"</span>
                    <select on:change=move |ev| {
                        filter.set(Filter::parse(&event_target_value(&ev)));
                        page.set(0);
                    }>
                        <option value="all">"All"</option>
                        <option value="succeeded">"Succeeded"</option>
                        <option value="failed">"Failed"</option>
                        <option value="running">"Running"</option>
                    </select>
                </label>
            </header>
            {move || chart_view(&chart.get())}
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="runs__empty">
                        {move || if rows.with(Vec::is_empty) {
                            "No runs yet. Runs appear here when an event this workflow listens to happens while it is active."
                        } else {
                            "No run has this status."
                        }}
                    </p>
                }
            >
                <table class="table">
                    <thead>
                        <tr><th>"Time"</th><th>"Trigger event"</th><th>"Status"</th><th>"Duration"</th></tr>
                    </thead>
                    <tbody>{let row_view = row_view.clone(); move || page_rows().into_iter().map(row_view.clone()).collect_view()}</tbody>
                </table>
                <nav class="pager" aria-label="Recent runs pages">
                    <button
                        type="button"
                        class="button button--small"
                        disabled=move || page.get() == 0
                        on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                    >
                        "Previous"
                    </button>
                    <span>{move || format!("Page {} of {} · {} runs", page.get().min(pages() - 1) + 1, pages(), shown.with(Vec::len))}</span>
                    <button
                        type="button"
                        class="button button--small"
                        disabled=move || page.get() + 1 >= pages()
                        on:click=move |_| page.update(|p| *p += 1)
                    >
                        "Next"
                    </button>
                </nav>
            </Show>
        </section>
    }
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
            let title = format!(
                "{}: {} succeeded, {} failed, {} other",
                format_day(d.day * DAY),
                d.succeeded,
                d.failed,
                d.other
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
                aria-label=format!("Runs per day by status, {first} to {last}")
                viewBox=format!("0 0 {width} {HEIGHT}")
                width=width
                height=HEIGHT
            >
                {bars}
            </svg>
            <figcaption class="chart__legend">
                <span class="legend legend--ok">"Succeeded"</span>
                <span class="legend legend--failed">"Failed"</span>
                <span class="legend legend--other">"Running / interrupted"</span>
                <span class="muted">{format!("{first} – {last}")}</span>
            </figcaption>
        </figure>
    }
}
