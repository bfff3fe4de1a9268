//! The tally: for each step and each side of each condition, how many runs reached it.
//!
//! A run records every step of its definition, ran or skipped, and the side each branch
//! took, so counting is reading those records. A step counts as reached when it ran,
//! failed included (it was reached; the failure is its own finding). Trigger conditions
//! have two sides too: the events they let through (runs) and those they filtered out
//! (no run), so a tally is fed one outcome per event, `None` for an event of the trigger
//! type that started no run.

use serde::{Deserialize, Serialize};

use crate::run::{Run, StepStatus};
use crate::workflow::{Arm, Step, Workflow};

/// A place in a workflow that runs can reach.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "point", rename_all = "snake_case")]
pub enum Point {
    /// The trigger conditions held (the workflow ran) or did not (the event was filtered
    /// out); only for a trigger that has conditions.
    Trigger {
        /// True for "ran", false for "filtered".
        holds: bool,
    },
    /// A step ran (succeeded or failed).
    Step {
        /// The step.
        step_id: String,
    },
    /// A condition step took this side.
    Branch {
        /// The condition step.
        step_id: String,
        /// Then or else.
        arm: Arm,
    },
}

/// How many runs reached one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTally {
    /// The step.
    pub step_id: String,
    /// Runs in which it ran (succeeded or failed).
    pub reached: usize,
    /// Runs in which it failed.
    pub failed: usize,
}

/// How many runs took each side of one condition step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BranchTally {
    /// The condition step.
    pub step_id: String,
    /// Runs that took "then".
    pub then: usize,
    /// Runs that took "else".
    pub otherwise: usize,
}

/// How many events the trigger conditions let through and filtered out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerTally {
    /// Events that started a run.
    pub ran: usize,
    /// Events of the trigger type that started none.
    pub filtered: usize,
}

/// What the runs of one workflow reached, counted per step and per side of each condition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Outcomes counted (runs, and events that started none).
    pub events: usize,
    /// The trigger conditions' two sides, when the trigger has conditions.
    pub trigger: Option<TriggerTally>,
    /// Every step, in editor order.
    pub steps: Vec<StepTally>,
    /// Every condition step, in editor order.
    pub branches: Vec<BranchTally>,
}

impl Coverage {
    /// A tally of `workflow` with nothing counted yet.
    pub fn new(workflow: &Workflow) -> Self {
        let has_conditions = workflow
            .trigger
            .as_ref()
            .is_some_and(|t| t.condition.is_some());
        let all = workflow.all_steps();
        Self {
            events: 0,
            trigger: has_conditions.then(TriggerTally::default),
            steps: all
                .iter()
                .map(|s| StepTally {
                    step_id: s.id().to_owned(),
                    reached: 0,
                    failed: 0,
                })
                .collect(),
            branches: all
                .iter()
                .filter(|s| matches!(s, Step::Branch { .. }))
                .map(|s| BranchTally {
                    step_id: s.id().to_owned(),
                    then: 0,
                    otherwise: 0,
                })
                .collect(),
        }
    }

    /// Counts one event's outcome: its run, or `None` when the event (of the trigger type)
    /// started no run. Records of steps the workflow no longer has are ignored.
    pub fn add(&mut self, run: Option<&Run>) {
        self.events += 1;
        let Some(run) = run else {
            if let Some(t) = &mut self.trigger {
                t.filtered += 1;
            }
            return;
        };
        if let Some(t) = &mut self.trigger {
            t.ran += 1;
        }
        for record in &run.steps {
            if record.status == StepStatus::Skipped {
                continue;
            }
            if let Some(step) = self.steps.iter_mut().find(|s| s.step_id == record.step_id) {
                step.reached += 1;
                if record.status == StepStatus::Failed {
                    step.failed += 1;
                }
            }
            if let (Some(arm), Some(branch)) = (
                record.branch,
                self.branches
                    .iter_mut()
                    .find(|b| b.step_id == record.step_id),
            ) {
                match arm {
                    Arm::Then => branch.then += 1,
                    Arm::Else => branch.otherwise += 1,
                }
            }
        }
    }

    /// How many counted runs reached `point` (0 for a point the workflow does not have).
    pub fn reached(&self, point: &Point) -> usize {
        match point {
            Point::Trigger { holds } => {
                self.trigger
                    .map_or(0, |t| if *holds { t.ran } else { t.filtered })
            }
            Point::Step { step_id } => self
                .steps
                .iter()
                .find(|s| &s.step_id == step_id)
                .map_or(0, |s| s.reached),
            Point::Branch { step_id, arm } => self
                .branches
                .iter()
                .find(|b| &b.step_id == step_id)
                .map_or(0, |b| match arm {
                    Arm::Then => b.then,
                    Arm::Else => b.otherwise,
                }),
        }
    }

    /// Every side of a condition: the trigger conditions' two (when there are some), then
    /// each condition step's then and else, in editor order.
    pub fn branch_points(&self) -> Vec<Point> {
        let mut out = Vec::new();
        if self.trigger.is_some() {
            out.push(Point::Trigger { holds: true });
            out.push(Point::Trigger { holds: false });
        }
        for b in &self.branches {
            for arm in [Arm::Then, Arm::Else] {
                out.push(Point::Branch {
                    step_id: b.step_id.clone(),
                    arm,
                });
            }
        }
        out
    }

    /// What no counted run reached: sides of conditions, then steps, in editor order.
    pub fn never_exercised(&self) -> Vec<Point> {
        let mut out: Vec<Point> = self
            .branch_points()
            .into_iter()
            .filter(|p| self.reached(p) == 0)
            .collect();
        out.extend(
            self.steps
                .iter()
                .filter(|s| s.reached == 0)
                .map(|s| Point::Step {
                    step_id: s.step_id.clone(),
                }),
        );
        out
    }

    /// Sides of conditions reached at least once, and how many there are.
    pub fn branches_covered(&self) -> (usize, usize) {
        let points = self.branch_points();
        let covered = points.iter().filter(|p| self.reached(p) > 0).count();
        (covered, points.len())
    }

    /// The share of sides of conditions reached, in percent; 100 for a workflow without
    /// conditions (nothing to cover).
    pub fn percent(&self) -> f64 {
        match self.branches_covered() {
            (_, 0) => 100.0,
            (covered, total) => covered as f64 * 100.0 / total as f64,
        }
    }

    /// Counts another tally of the same workflow into this one (saved tests' runs and
    /// generated events' runs, say).
    pub fn merge(&mut self, other: &Coverage) {
        self.events += other.events;
        if let (Some(a), Some(b)) = (&mut self.trigger, other.trigger) {
            a.ran += b.ran;
            a.filtered += b.filtered;
        }
        for s in &mut self.steps {
            if let Some(o) = other.steps.iter().find(|o| o.step_id == s.step_id) {
                s.reached += o.reached;
                s.failed += o.failed;
            }
        }
        for b in &mut self.branches {
            if let Some(o) = other.branches.iter().find(|o| o.step_id == b.step_id) {
                b.then += o.then;
                b.otherwise += o.otherwise;
            }
        }
    }
}

/// Tallies `outcomes` (one per event of the trigger type: its run, or `None` when it
/// started none) against `workflow`.
pub fn tally<'a>(
    workflow: &Workflow,
    outcomes: impl IntoIterator<Item = Option<&'a Run>>,
) -> Coverage {
    let mut coverage = Coverage::new(workflow);
    for run in outcomes {
        coverage.add(run);
    }
    coverage
}

/// Whether `run` reached `point`.
pub(crate) fn run_reaches(run: &Run, point: &Point) -> bool {
    match point {
        Point::Trigger { holds } => *holds,
        Point::Step { step_id } => run
            .steps
            .iter()
            .any(|r| &r.step_id == step_id && r.status != StepStatus::Skipped),
        Point::Branch { step_id, arm } => run
            .steps
            .iter()
            .any(|r| &r.step_id == step_id && r.branch == Some(*arm)),
    }
}
