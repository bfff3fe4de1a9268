//! The engine's refusals in the app's language: why a workflow, a test, a rerun, a send,
//! an import or a coverage measure was refused.
//!
//! As for the catalogs (`catalog.rs`), English is the engine's own `Display` and French is
//! data in `fr.json`, one key per variant (`workflows_error.too_many_active`, ...), checked
//! natively by the engine's `i18n_catalog` test. The sandbox API's errors (`ApiError`)
//! stay as Stripe words them: Stripe's API answers in English whatever the Dashboard's
//! language, and a workflow author compares them with what Stripe returns.

use std::convert::Infallible;

use sandflow_engine::sandbox::{ApiError, GenerateError};
use sandflow_engine::{
    megabytes, ConditionEditError, CoverageError, EditError, ImportError, ImportProblem,
    RangeError, RerunError, TestError, WorkflowsError,
};

use super::catalog::{bounds_text, fill, problem_text};
use super::{lang, Lang};

/// An error as a person reads it, in the language the app speaks now.
pub trait Worded {
    /// The sentence.
    fn worded(&self) -> String;
}

/// `error`'s English, or the French of the variant `f` picks.
fn say<E: ToString>(error: &E, french: impl FnOnce() -> String) -> String {
    match lang() {
        Lang::En => error.to_string(),
        Lang::Fr => french(),
    }
}

fn n(value: impl ToString) -> String {
    value.to_string()
}

/// `one` for 1 of something, `other` otherwise (French counts 0 and 1 alike, but these
/// counts are never 0).
fn plural(count: usize, one: &'static str, other: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        other
    }
}

impl Worded for WorkflowsError {
    fn worded(&self) -> String {
        say(self, || match self {
            WorkflowsError::TooManyActive { limit } => {
                fill("workflows_error.too_many_active", &[("limit", &n(limit))])
            }
            WorkflowsError::TooManyWorkflows { limit } => fill(
                "workflows_error.too_many_workflows",
                &[("limit", &n(limit))],
            ),
            WorkflowsError::TooManySteps { count, limit } => fill(
                "workflows_error.too_many_steps",
                &[
                    ("count", &n(count)),
                    ("limit", &n(limit)),
                    ("excess", &n(count.saturating_sub(*limit))),
                ],
            ),
            WorkflowsError::NotFound { id } => fill("workflows_error.not_found", &[("id", id)]),
            WorkflowsError::OutOfBounds { problems } | WorkflowsError::Invalid { problems } => {
                let key = match (self, problems.len()) {
                    (WorkflowsError::OutOfBounds { .. }, count) => plural(
                        count,
                        "workflows_error.out_of_bounds_one",
                        "workflows_error.out_of_bounds_other",
                    ),
                    (_, count) => plural(
                        count,
                        "workflows_error.invalid_one",
                        "workflows_error.invalid_other",
                    ),
                };
                let first = problems
                    .first()
                    .map(|p| problem_text(Lang::Fr, p))
                    .unwrap_or_default();
                fill(key, &[("count", &n(problems.len())), ("first", &first)])
            }
            WorkflowsError::NothingToPublish => fill("workflows_error.nothing_to_publish", &[]),
            WorkflowsError::NoteTooLong { limit } => {
                fill("workflows_error.note_too_long", &[("limit", &n(limit))])
            }
            WorkflowsError::OtherWorkflow => fill("workflows_error.other_workflow", &[]),
            WorkflowsError::ChangedElsewhere => fill("workflows_error.changed_elsewhere", &[]),
        })
    }
}

impl Worded for TestError {
    fn worded(&self) -> String {
        say(self, || match self {
            TestError::EmptyName => fill("test_error.empty_name", &[]),
            TestError::TooMany { limit } => fill("test_error.too_many", &[("limit", &n(limit))]),
            TestError::TooLarge { bytes, limit } => fill(
                "test_error.too_large",
                &[("bytes", &n(bytes)), ("limit", &n(limit))],
            ),
            TestError::OutOfBounds(e) => bounds_text(Lang::Fr, e),
            TestError::BadEvent { reason } => fill("test_error.bad_event", &[("reason", reason)]),
            TestError::NoTrigger => fill("test_error.no_trigger", &[]),
            TestError::Generate(e) => e.worded(),
            TestError::WrongType { found, trigger } => fill(
                "test_error.wrong_type",
                &[("found", found), ("trigger", trigger)],
            ),
            TestError::ChangedElsewhere => fill("test_error.changed_elsewhere", &[]),
        })
    }
}

impl Worded for RangeError {
    fn worded(&self) -> String {
        say(self, || match self {
            RangeError::Backwards => fill("range_error.backwards", &[]),
            RangeError::TooMany { limit } => fill("range_error.too_many", &[("limit", &n(limit))]),
        })
    }
}

impl Worded for RerunError {
    fn worded(&self) -> String {
        say(self, || match self {
            RerunError::Inactive { name } => fill("rerun_error.inactive", &[("name", name)]),
            RerunError::TooOld { days, limit } => fill(
                "rerun_error.too_old",
                &[("days", &n(days)), ("limit", &n(limit))],
            ),
            RerunError::OtherWorkflow => fill("rerun_error.other_workflow", &[]),
            RerunError::TriggerChanged { was, now } => {
                fill("rerun_error.trigger_changed", &[("was", was), ("now", now)])
            }
            RerunError::ConditionsNotMet => fill("rerun_error.conditions_not_met", &[]),
        })
    }
}

impl Worded for GenerateError {
    fn worded(&self) -> String {
        say(self, || match self {
            GenerateError::UnknownEventType { kind } => {
                fill("generate_error.unknown_event_type", &[("kind", kind)])
            }
            GenerateError::BadOverride { path } => fill(
                "generate_error.bad_override",
                &[("path", &format!("{path:?}"))],
            ),
            // The refusal itself is the sandbox API's, worded as Stripe words it.
            GenerateError::Scenario { action, source } => fill(
                "generate_error.scenario",
                &[("action", action), ("source", &source.to_string())],
            ),
            GenerateError::NoEventTypes => fill("generate_error.no_event_types", &[]),
            GenerateError::OutOfBounds(e) => bounds_text(Lang::Fr, e),
            GenerateError::TooManyEvents { count, limit } => fill(
                "generate_error.too_many_events",
                &[("count", &n(count)), ("limit", &n(limit))],
            ),
        })
    }
}

impl Worded for CoverageError {
    fn worded(&self) -> String {
        say(self, || match self {
            CoverageError::NoTrigger => fill("coverage_error.no_trigger", &[]),
            CoverageError::TooManyEvents { count, limit } => fill(
                "coverage_error.too_many_events",
                &[("count", &n(count)), ("limit", &n(limit))],
            ),
            CoverageError::NoSuchPoint => fill("coverage_error.no_such_point", &[]),
            CoverageError::Generate(e) => e.worded(),
        })
    }
}

impl Worded for ImportError {
    fn worded(&self) -> String {
        say(self, || match self {
            ImportError::TooLarge { bytes, limit } => fill(
                "import_error.too_large",
                &[("size", &megabytes(bytes)), ("limit", &megabytes(limit))],
            ),
            ImportError::NotJson { message, .. } => {
                fill("import_error.not_json", &[("message", message)])
            }
            ImportError::NoEvents { found } => fill("import_error.no_events", &[("found", found)]),
            ImportError::Malformed { problem } => {
                fill("import_error.malformed", &[("problem", problem)])
            }
            ImportError::UnknownType { kind } => {
                fill("import_error.unknown_type", &[("kind", kind)])
            }
            ImportError::Thin => fill("import_error.thin", &[]),
            ImportError::TooDeep { limit } => {
                fill("import_error.too_deep", &[("limit", &n(limit))])
            }
        })
    }
}

impl Worded for ImportProblem {
    fn worded(&self) -> String {
        say(self, || match self {
            ImportProblem::TooBig { bytes, limit } => fill(
                "import_problem.too_big",
                &[("bytes", &n(bytes)), ("limit", &n(limit))],
            ),
            ImportProblem::Malformed {
                line,
                column,
                message,
            } => fill(
                "import_problem.malformed",
                &[
                    ("line", &n(line)),
                    ("column", &n(column)),
                    ("message", message),
                ],
            ),
            ImportProblem::NotAnExport => fill("import_problem.not_an_export", &[]),
            ImportProblem::NewerFormat { found, supported } => fill(
                "import_problem.newer_format",
                &[("found", &n(found)), ("supported", &n(supported))],
            ),
            ImportProblem::BadWorkflow { index, message } => fill(
                "import_problem.bad_workflow",
                &[("index", &n(index)), ("message", message)],
            ),
            ImportProblem::BadHistory {
                what,
                index,
                message,
            } => fill(
                "import_problem.bad_history",
                &[
                    ("what", &fill(&format!("import_problem.what_{what}"), &[])),
                    ("index", &n(index)),
                    ("message", message),
                ],
            ),
            ImportProblem::Invalid {
                index,
                name,
                problem,
            } => fill(
                "import_problem.invalid",
                &[
                    ("index", &n(index)),
                    ("name", name),
                    ("problem", &problem_text(Lang::Fr, problem)),
                ],
            ),
            ImportProblem::TooManyWorkflows {
                importing,
                existing,
                limit,
            } => fill(
                "import_problem.too_many_workflows",
                &[
                    ("importing", &n(importing)),
                    ("existing", &n(existing)),
                    ("limit", &n(limit)),
                ],
            ),
            ImportProblem::TooManyActive {
                importing,
                existing,
                limit,
            } => fill(
                "import_problem.too_many_active",
                &[
                    ("importing", &n(importing)),
                    ("existing", &n(existing)),
                    ("limit", &n(limit)),
                ],
            ),
        })
    }
}

impl Worded for EditError {
    fn worded(&self) -> String {
        say(self, || match self {
            EditError::StepNotFound { id } => fill("edit_error.step_not_found", &[("id", id)]),
            EditError::NotABranch { id } => fill("edit_error.not_a_branch", &[("id", id)]),
            EditError::OutOfRange { index, len } => fill(
                "edit_error.out_of_range",
                &[("index", &n(index)), ("len", &n(len))],
            ),
            EditError::TooManySteps { limit } => {
                fill("edit_error.too_many_steps", &[("limit", &n(limit))])
            }
            EditError::AtEdge { edge: "top" } => fill("edit_error.at_top", &[]),
            EditError::AtEdge { .. } => fill("edit_error.at_bottom", &[]),
            EditError::DuplicateId { id } => fill("edit_error.duplicate_id", &[("id", id)]),
        })
    }
}

impl Worded for ConditionEditError {
    fn worded(&self) -> String {
        let at = |path: &[usize]| format!("{path:?}");
        say(self, || match self {
            ConditionEditError::NotFound { path } => {
                fill("condition_edit_error.not_found", &[("path", &at(path))])
            }
            ConditionEditError::NotAGroup { path } => {
                fill("condition_edit_error.not_a_group", &[("path", &at(path))])
            }
            ConditionEditError::NotACompare { path } => {
                fill("condition_edit_error.not_a_compare", &[("path", &at(path))])
            }
            ConditionEditError::TopGroup => fill("condition_edit_error.top_group", &[]),
        })
    }
}

impl Worded for ApiError {
    fn worded(&self) -> String {
        self.to_string()
    }
}

impl Worded for String {
    fn worded(&self) -> String {
        self.clone()
    }
}

impl Worded for Infallible {
    fn worded(&self) -> String {
        match *self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::set_current;
    use sandflow_engine::{BoundsError, Issue, Location, Problem, Severity};

    /// One of every variant the app words (the sandbox API's stay Stripe's).
    fn every_error() -> Vec<(String, Box<dyn Worded>)> {
        let problem = || Problem {
            severity: Severity::Error,
            location: Location::default(),
            issue: Issue::NoTrigger,
        };
        let generate = GenerateError::UnknownEventType { kind: "x.y".into() };
        let mut all: Vec<(String, Box<dyn Worded>)> = Vec::new();
        let mut add = |e: Box<dyn Worded>, english: String| all.push((english, e));
        macro_rules! each {
            ($($e:expr),* $(,)?) => {$( add(Box::new($e.clone()), $e.to_string()); )*};
        }
        each![
            WorkflowsError::TooManyActive { limit: 6 },
            WorkflowsError::TooManyWorkflows { limit: 20 },
            WorkflowsError::TooManySteps {
                count: 14,
                limit: 12
            },
            WorkflowsError::NotFound { id: "wf_1".into() },
            WorkflowsError::OutOfBounds {
                problems: vec![problem()]
            },
            WorkflowsError::Invalid {
                problems: vec![problem(), problem()]
            },
            WorkflowsError::NothingToPublish,
            WorkflowsError::NoteTooLong { limit: 500 },
            WorkflowsError::OtherWorkflow,
            WorkflowsError::ChangedElsewhere,
            TestError::EmptyName,
            TestError::TooMany { limit: 50 },
            TestError::TooLarge {
                bytes: 600_000,
                limit: 524_288
            },
            TestError::BadEvent {
                reason: "no id".into()
            },
            TestError::NoTrigger,
            TestError::Generate(generate.clone()),
            TestError::WrongType {
                found: "a.b".into(),
                trigger: "c.d".into()
            },
            TestError::ChangedElsewhere,
            RangeError::Backwards,
            RangeError::TooMany { limit: 10_000 },
            RerunError::Inactive { name: "W".into() },
            RerunError::TooOld {
                days: 31,
                limit: 30
            },
            RerunError::OtherWorkflow,
            RerunError::TriggerChanged {
                was: "a.b".into(),
                now: "c.d".into()
            },
            RerunError::ConditionsNotMet,
            generate.clone(),
            GenerateError::BadOverride {
                path: "a..b".into()
            },
            GenerateError::NoEventTypes,
            GenerateError::TooManyEvents {
                count: 20_000,
                limit: 10_000
            },
            CoverageError::NoTrigger,
            CoverageError::TooManyEvents {
                count: 9_000,
                limit: 5_000
            },
            CoverageError::NoSuchPoint,
            ImportError::TooLarge {
                bytes: 60_000_000,
                limit: 50_000_000
            },
            ImportError::NotJson {
                line: 1,
                message: "expected value".into()
            },
            ImportError::NoEvents {
                found: "a number".into()
            },
            ImportError::Malformed {
                problem: "no id".into()
            },
            ImportError::UnknownType { kind: "a.b".into() },
            ImportError::Thin,
            ImportError::TooDeep { limit: 64 },
            ImportProblem::TooBig { bytes: 9, limit: 8 },
            ImportProblem::Malformed {
                line: 1,
                column: 2,
                message: "eof".into()
            },
            ImportProblem::NotAnExport,
            ImportProblem::NewerFormat {
                found: 9,
                supported: 1
            },
            ImportProblem::BadWorkflow {
                index: 1,
                message: "m".into()
            },
            ImportProblem::BadHistory {
                what: "draft",
                index: 1,
                message: "m".into()
            },
            ImportProblem::BadHistory {
                what: "version",
                index: 1,
                message: "m".into()
            },
            ImportProblem::BadHistory {
                what: "test",
                index: 1,
                message: "m".into()
            },
            ImportProblem::Invalid {
                index: 1,
                name: "W".into(),
                problem: problem()
            },
            ImportProblem::TooManyWorkflows {
                importing: 5,
                existing: 18,
                limit: 20
            },
            ImportProblem::TooManyActive {
                importing: 3,
                existing: 5,
                limit: 6
            },
            TestError::OutOfBounds(BoundsError::MetadataNotObject),
            EditError::StepNotFound { id: "s".into() },
            EditError::NotABranch { id: "s".into() },
            EditError::OutOfRange { index: 4, len: 3 },
            EditError::TooManySteps { limit: 12 },
            EditError::AtEdge { edge: "top" },
            EditError::AtEdge { edge: "bottom" },
            EditError::DuplicateId { id: "s".into() },
            ConditionEditError::NotFound { path: vec![0, 1] },
            ConditionEditError::NotAGroup { path: vec![0] },
            ConditionEditError::NotACompare { path: vec![0] },
            ConditionEditError::TopGroup,
        ];
        all
    }

    #[test]
    fn every_refusal_reads_in_english_as_the_engine_words_it_and_wholly_in_french() {
        let mut seen: Vec<(String, String)> = Vec::new();
        for (english, error) in every_error() {
            set_current(Lang::En);
            assert_eq!(error.worded(), english);
            set_current(Lang::Fr);
            let french = error.worded();
            assert_ne!(french, english, "no French for: {english}");
            // Every placeholder filled in, and no key shown for a missing text.
            assert!(!french.contains('{'), "{french}");
            assert!(
                !french.contains("_error.") && !french.contains("import_problem."),
                "{french}"
            );
            // Two variants never share one French sentence unless their English does.
            seen.push((english, french));
        }
        for (i, (en_a, fr_a)) in seen.iter().enumerate() {
            for (en_b, fr_b) in &seen[i + 1..] {
                assert!(fr_a != fr_b || en_a == en_b, "one French for two: {fr_a}");
            }
        }
        set_current(Lang::En);
    }

    #[test]
    fn numbers_and_names_given_reach_the_french() {
        set_current(Lang::Fr);
        let text = WorkflowsError::TooManySteps {
            count: 14,
            limit: 12,
        }
        .worded();
        assert!(
            text.contains("14") && text.contains("12") && text.contains('2'),
            "{text}"
        );
        let text = ImportError::TooLarge {
            bytes: 60_000_000,
            limit: 50_000_000,
        }
        .worded();
        let english = ImportError::TooLarge {
            bytes: 60_000_000,
            limit: 50_000_000,
        }
        .to_string();
        for number in english
            .split_whitespace()
            .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        {
            assert!(text.contains(number), "{text} lacks {number}");
        }
        set_current(Lang::En);
    }
}
