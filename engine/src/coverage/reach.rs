//! Reachability: what the conditions on the way to a point ask of the fields they read,
//! whether anything can satisfy them all, and which values do.
//!
//! The conditions to satisfy (the trigger conditions, each branch around the point, with
//! the side wanted) are split into a conjunction of units: an `all` that must hold, an
//! `any` that must not, and a `not`, are opened up; what remains (a comparison, or an
//! `any` that must hold) is one unit. Each field the units read gets a short list of
//! **witness values**: every constant the comparisons on it name (amounts converted to the
//! minor units of a two-, zero- and three-decimal currency), a value just below and just
//! above each, a value between each two, the empty text, another text, and the field
//! missing. Fields that only meet each other through a unit are tried together; the rest
//! separately. Each combination is judged by the conditions themselves (the same
//! [`Condition::eval`] a run uses), in a scope built from it.
//!
//! ## When "unreachable" is said
//!
//! For comparisons whose truth depends only on which side of each constant a number lies,
//! or on which constant a text or boolean equals (equality, ordering, one of, empty,
//! exists, on one kind of value, read as a single value), the witnesses hold one value from
//! every region that the constants cut the values into, so when none satisfies the units,
//! no value does. A field is read as a single value when the sandbox's field list knows it
//! as a number, text or boolean (not a list, nor inside one) or it is a metadata key; the
//! trigger's envelope (`trigger.type`, ...) and the output of a step that is not an action
//! are not varied. Text operators such as `contains`, lists, `changed` and any field read
//! otherwise still get witnesses (lists of 0, 1, 100 and 101 items among them) for the
//! search, but the units that read them are never used to claim a contradiction. So a
//! contradiction is only reported when it is one; one that needs those operators to be
//! seen is not reported (the search then ends with nothing found).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::tally::Point;
use crate::condition::{Compare, Condition, Op, Quantifier};
use crate::event::{Event, EventData, EventRequest, API_VERSION};
use crate::field_spec::ValueKind;
use crate::json::json;
use crate::money;
use crate::path::Path;
use crate::reference::{Reference, Root};
use crate::sandbox;
use crate::scope::Scope;
use crate::workflow::{Step, Workflow};

/// Combinations of witness values tried at most for one group of fields; a group with
/// more is not judged (no contradiction is claimed from it).
const MAX_COMBINATIONS: usize = 20_000;

/// Satisfying combinations kept per group of fields, the most natural first.
const KEPT_SOLUTIONS: usize = 64;

/// One condition on the way to a point, with the side it must take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PathCondition {
    /// Where it sits, with the side wanted: the trigger conditions holding, or a condition
    /// step's then or else.
    pub at: Point,
    /// The condition that must hold, wrapped in [`Condition::Not`] when the condition
    /// written must not hold; the app words it (`describe` gives the English).
    pub condition: Condition,
}

/// Conditions on the way to a point that cannot all hold: no event reaches the point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// The conditions that conflict (a smallest set: without any one of them the rest
    /// could hold together), in the order they are met.
    pub conditions: Vec<PathCondition>,
}

impl fmt::Display for Contradiction {
    /// "unreachable: amount is greater than 100 (trigger conditions) and amount is less
    /// than 50 (condition “small”, then) cannot all hold".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .conditions
            .iter()
            .map(|c| {
                let place = match &c.at {
                    Point::Trigger { .. } => "trigger conditions".to_owned(),
                    Point::Branch { step_id, arm } => format!(
                        "condition “{step_id}”, {}",
                        match arm {
                            crate::workflow::Arm::Then => "then",
                            crate::workflow::Arm::Else => "else",
                        }
                    ),
                    Point::Step { step_id } => format!("step “{step_id}”"),
                };
                format!("{} ({place})", c.condition.describe())
            })
            .collect();
        match parts.len() {
            1 => write!(f, "unreachable: {} never holds", parts[0]),
            _ => write!(f, "unreachable: {} cannot all hold", parts.join(" and ")),
        }
    }
}

/// A condition that must hold (or not) on the way to a point.
#[derive(Clone, Debug)]
pub(crate) struct Goal<'a> {
    pub(crate) condition: &'a Condition,
    pub(crate) holds: bool,
    pub(crate) at: Point,
}

/// One field the units read, with the values tried for it.
#[derive(Clone, Debug)]
struct Field {
    reference: Reference,
    /// `None`: the field missing.
    witnesses: Vec<Option<Value>>,
    /// Whether the witnesses stand for every value the field can take (module doc).
    complete: bool,
}

/// A group of fields tried together, with the satisfying combinations found.
#[derive(Clone, Debug)]
struct Group {
    fields: Vec<usize>,
    solutions: Vec<Vec<usize>>,
}

/// What the analysis of the conditions on the way to a point found.
#[derive(Clone, Debug)]
pub(crate) struct Analysis {
    fields: Vec<Field>,
    groups: Vec<Group>,
    /// Set when the conditions cannot all hold.
    pub(crate) contradiction: Option<Contradiction>,
}

impl Analysis {
    /// How many distinct combinations of solutions there are to try (the largest group's
    /// count); 0 when some group has none.
    pub(crate) fn solution_count(&self) -> usize {
        if self.groups.iter().any(|g| g.solutions.is_empty()) {
            return 0;
        }
        self.groups
            .iter()
            .map(|g| g.solutions.len())
            .max()
            .unwrap_or(0)
    }

    /// The `i`-th combination of values (each group's `i`-th solution, cycling): each
    /// field with its value, `None` for missing.
    pub(crate) fn values(&self, i: usize) -> Vec<(&Reference, Option<&Value>)> {
        let mut out = Vec::new();
        for g in &self.groups {
            if g.solutions.is_empty() {
                continue;
            }
            let solution = &g.solutions[i % g.solutions.len()];
            for (&f, &w) in g.fields.iter().zip(solution) {
                let field = &self.fields[f];
                out.push((&field.reference, field.witnesses[w].as_ref()));
            }
        }
        out
    }
}

/// A unit of the conjunction: one condition that must hold or not.
#[derive(Clone, Debug)]
struct Unit<'a> {
    condition: &'a Condition,
    holds: bool,
    at: Point,
    fields: Vec<usize>,
}

/// Analyses `goals` (the conditions on the way to a point, in `workflow`).
pub(crate) fn analyse(workflow: &Workflow, goals: &[Goal<'_>]) -> Analysis {
    let mut units = Vec::new();
    for g in goals {
        split(g.condition, g.holds, &g.at, &mut units);
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut compares: Vec<Vec<&Compare>> = Vec::new();
    for unit in &mut units {
        for c in unit.condition.compares() {
            let mut refs = vec![c.field.clone()];
            if c.kind == ValueKind::Money && c.currency.is_none() {
                refs.extend(currency_fields(&c.field));
            }
            for (n, r) in refs.into_iter().enumerate() {
                let at = match fields.iter().position(|f| f.reference == r) {
                    Some(at) => at,
                    None => {
                        fields.push(Field {
                            reference: r,
                            witnesses: Vec::new(),
                            complete: true,
                        });
                        compares.push(Vec::new());
                        fields.len() - 1
                    }
                };
                if n == 0 {
                    compares[at].push(c);
                }
                if !unit.fields.contains(&at) {
                    unit.fields.push(at);
                }
            }
        }
    }
    let currencies: Vec<bool> = fields
        .iter()
        .map(|f| {
            units.iter().any(|u| {
                u.condition.compares().iter().any(|c| {
                    c.kind == ValueKind::Money
                        && c.currency.is_none()
                        && currency_fields(&c.field).contains(&f.reference)
                })
            })
        })
        .collect();
    for (i, field) in fields.iter_mut().enumerate() {
        let (witnesses, complete) =
            witnesses(workflow, &field.reference, &compares[i], currencies[i]);
        field.witnesses = witnesses;
        field.complete = complete;
    }
    // A field inside another (`metadata` and `metadata.tier`) is read through both: not
    // judged.
    for i in 0..fields.len() {
        for j in 0..fields.len() {
            if i != j && is_inside(&fields[i].reference, &fields[j].reference) {
                fields[i].complete = false;
                fields[j].complete = false;
            }
        }
    }
    let event_type = workflow.event_type().unwrap_or_default().to_owned();
    let judge = Judge {
        fields: &fields,
        event_type: &event_type,
    };
    // A contradiction among the units that only read fully judged fields.
    let judged: Vec<&Unit<'_>> = units
        .iter()
        .filter(|u| u.fields.iter().all(|&f| fields[f].complete))
        .collect();
    let mut contradiction = None;
    for group in components(&judged, fields.len()) {
        let members: Vec<&Unit<'_>> = group.1.iter().map(|&u| judged[u]).collect();
        if judge.satisfiable(&group.0, &members) == Some(false) {
            contradiction = Some(judge.core(&group.0, members));
            break;
        }
    }
    // Solutions over every unit, for the search.
    let all: Vec<&Unit<'_>> = units.iter().collect();
    let groups = components(&all, fields.len())
        .into_iter()
        .filter(|(f, _)| !f.is_empty())
        .map(|(fs, us)| {
            let members: Vec<&Unit<'_>> = us.iter().map(|&u| all[u]).collect();
            let solutions = judge.solutions(&fs, &members);
            Group {
                fields: fs,
                solutions,
            }
        })
        .collect();
    Analysis {
        fields,
        groups,
        contradiction,
    }
}

/// Opens `condition` (which must hold, or not) into units of a conjunction.
fn split<'a>(condition: &'a Condition, holds: bool, at: &Point, out: &mut Vec<Unit<'a>>) {
    match (condition, holds) {
        (Condition::All(cs), true) | (Condition::Any(cs), false) => {
            for c in cs {
                split(c, holds, at, out);
            }
        }
        (Condition::Not(c), _) => split(c, !holds, at, out),
        _ => out.push(Unit {
            condition,
            holds,
            at: at.clone(),
            fields: Vec::new(),
        }),
    }
}

/// The fields a money comparison on `field` reads its currency from: the `currency` next
/// to it, and the one of the object it is in.
fn currency_fields(field: &Reference) -> Vec<Reference> {
    let sibling = Reference {
        root: field.root.clone(),
        path: field.path.parent().child("currency"),
    };
    let root = Reference {
        root: field.root.clone(),
        path: match field.root {
            Root::Trigger => Path::parse("data.object.currency").unwrap_or_default(),
            Root::Step(_) => Path::parse("currency").unwrap_or_default(),
        },
    };
    let mut out = vec![sibling];
    if !out.contains(&root) {
        out.push(root);
    }
    out
}

/// Whether `inner` is a field inside `outer` (same root, `outer`'s path a proper prefix).
fn is_inside(inner: &Reference, outer: &Reference) -> bool {
    inner.root == outer.root
        && inner.path.len() > outer.path.len()
        && inner
            .path
            .keys()
            .zip(outer.path.keys())
            .all(|(a, b)| a == b)
}

/// Where a field sits: in the trigger's object, its previous attributes, or a step's
/// output; `None` for what cannot be varied (the envelope).
enum Slot<'r> {
    Object(Vec<&'r str>),
    Previous(Vec<&'r str>),
    Step(&'r str, Vec<&'r str>),
}

fn slot(reference: &Reference) -> Option<Slot<'_>> {
    let keys: Vec<&str> = reference.path.keys().collect();
    match &reference.root {
        Root::Trigger => match keys.as_slice() {
            ["data", "object", rest @ ..] if !rest.is_empty() => Some(Slot::Object(rest.to_vec())),
            ["data", "previous_attributes", rest @ ..] if !rest.is_empty() => {
                Some(Slot::Previous(rest.to_vec()))
            }
            _ => None,
        },
        Root::Step(id) => Some(Slot::Step(id, keys)),
    }
}

/// The object type a field is read from, when the catalog knows it.
fn object_type<'w>(workflow: &'w Workflow, reference: &Reference) -> Option<&'w str> {
    match &reference.root {
        Root::Trigger => {
            let kind = workflow.event_type()?;
            Some(sandbox::event_type(kind)?.object)
        }
        Root::Step(id) => match workflow.step(id)? {
            Step::Action { action, .. } => Some(sandbox::action(action)?.returns),
            _ => None,
        },
    }
}

/// Whether the field at `keys` of an `object` holds a single value: the catalog lists it
/// as something other than a list, inside no list, or it is a metadata key.
fn single_valued(object: &str, keys: &[&str]) -> bool {
    if keys.contains(&"data") {
        return false;
    }
    if keys.len() == 2 && keys[0] == "metadata" {
        return true;
    }
    let specs = sandbox::fields(object);
    let mut listed = false;
    for i in 1..=keys.len() {
        let prefix = keys[..i].join(".");
        if let Some(spec) = specs.iter().find(|s| s.path == prefix) {
            if spec.kind == ValueKind::List {
                return false;
            }
            listed = i == keys.len();
        }
    }
    listed
}

/// Which values of a kind a comparison's truth depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Numeric,
    Text,
    Boolean,
    Other,
}

fn family(kind: ValueKind) -> Family {
    match kind {
        ValueKind::Number | ValueKind::Money | ValueKind::Timestamp => Family::Numeric,
        ValueKind::String => Family::Text,
        ValueKind::Boolean => Family::Boolean,
        ValueKind::List | ValueKind::Object => Family::Other,
    }
}

/// Whether `op`'s truth on a single value of `family` depends only on the regions the
/// constants cut the values into (module doc).
fn judged_op(family: Family, op: Op) -> bool {
    use Op::*;
    let presence = matches!(op, IsEmpty | IsNotEmpty | Exists | DoesNotExist);
    presence
        || match family {
            Family::Numeric => matches!(
                op,
                Equals
                    | NotEquals
                    | GreaterThan
                    | GreaterThanOrEqual
                    | LessThan
                    | LessThanOrEqual
                    | OneOf
                    | NotOneOf
            ),
            Family::Text => matches!(op, Equals | NotEquals | OneOf | NotOneOf),
            Family::Boolean => matches!(op, Equals | NotEquals),
            Family::Other => false,
        }
}

/// A currency of each number of decimals: two, zero, three.
const CURRENCIES: [&str; 3] = ["usd", "jpy", "kwd"];

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => crate::decimal::parse_f64(s.trim()),
        _ => None,
    }
}

/// A number as JSON: an integer when it is one.
fn num(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// The constants a comparison names, each item of a list on its own.
fn constants(c: &Compare) -> Vec<&Value> {
    match &c.value {
        Value::Null => Vec::new(),
        Value::Array(items) => items.iter().collect(),
        v => vec![v],
    }
}

/// The witness values of a field, natural ones first, and whether they stand for every
/// value it can take.
fn witnesses(
    workflow: &Workflow,
    reference: &Reference,
    compares: &[&Compare],
    is_currency: bool,
) -> (Vec<Option<Value>>, bool) {
    let families: Vec<Family> = compares.iter().map(|c| family(c.kind)).collect();
    let Some(placed) = slot(reference) else {
        // The envelope is the generated event's own: not varied.
        return (vec![None], false);
    };
    let keys = match &placed {
        Slot::Object(keys) | Slot::Previous(keys) | Slot::Step(_, keys) => keys,
    };
    let single = object_type(workflow, reference).is_some_and(|object| single_valued(object, keys));
    let list_shaped = compares
        .iter()
        .any(|c| c.kind == ValueKind::List || c.quantifier != Quantifier::Any)
        || keys.contains(&"data");
    let mut complete = single
        && !list_shaped
        && families.windows(2).all(|w| w[0] == w[1])
        && compares
            .iter()
            .all(|c| judged_op(family(c.kind), c.op) && c.quantifier == Quantifier::Any);
    let mut out: Vec<Option<Value>> = Vec::new();
    let push = |v: Value, out: &mut Vec<Option<Value>>| {
        if !out.iter().any(|w| w.as_ref() == Some(&v)) {
            out.push(Some(v));
        }
    };
    if is_currency {
        for c in CURRENCIES {
            push(json!(c), &mut out);
        }
    }
    // Numbers: each constant, then around and between them.
    let mut points: Vec<f64> = Vec::new();
    for c in compares
        .iter()
        .filter(|c| family(c.kind) == Family::Numeric)
    {
        for v in constants(c).into_iter().filter_map(number) {
            if c.kind == ValueKind::Money {
                match &c.currency {
                    Some(cur) => points.push(money::to_minor(v, cur)),
                    None => points.extend(CURRENCIES.iter().map(|cur| money::to_minor(v, cur))),
                }
            } else {
                points.push(v);
            }
        }
    }
    let mut sorted = points.clone();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    for &p in &points {
        push(num(p), &mut out);
    }
    for &p in &sorted {
        push(num(p - 1.0), &mut out);
        push(num(p + 1.0), &mut out);
    }
    for w in sorted.windows(2) {
        if w[0] + 1.0 >= w[1] {
            push(num((w[0] + w[1]) / 2.0), &mut out);
        }
    }
    // Texts and booleans: each constant, and for text operators, pairs of them joined.
    let texts: Vec<&Value> = compares
        .iter()
        .filter(|c| family(c.kind) != Family::Numeric)
        .flat_map(|c| constants(c))
        .collect();
    for v in &texts {
        push((*v).clone(), &mut out);
    }
    let text_ops = compares.iter().any(|c| {
        matches!(
            c.op,
            Op::Contains | Op::NotContains | Op::StartsWith | Op::EndsWith
        )
    });
    if text_ops {
        let words: Vec<&str> = texts.iter().filter_map(|v| v.as_str()).take(6).collect();
        for a in &words {
            for b in &words {
                push(json!(format!("{a}{b}")), &mut out);
            }
            push(json!(format!("x{a}x")), &mut out);
        }
    }
    if compares.iter().any(|c| family(c.kind) == Family::Boolean) {
        push(json!(true), &mut out);
        push(json!(false), &mut out);
    }
    push(json!(fresh(&texts)), &mut out);
    push(json!(""), &mut out);
    if is_currency {
        // Not a text: the amount falls back on the object's currency.
        push(json!(7), &mut out);
    }
    let mut scalars = out;
    scalars.push(None);
    if !list_shaped {
        return (scalars, complete);
    }
    // Lists of 0, 1, 100 and 101 items (the 101st past the 100 read).
    complete = false;
    let mut lists: Vec<Option<Value>> = vec![None, Some(json!([]))];
    let other = json!(fresh(&texts));
    for s in scalars.iter().flatten().take(3) {
        let mut hundred = vec![other.clone(); 99];
        hundred.push(s.clone());
        let mut past = vec![other.clone(); 100];
        past.push(s.clone());
        for list in [
            json!([s]),
            Value::Array(hundred),
            Value::Array(past),
            Value::Array(vec![s.clone(); 100]),
        ] {
            if !lists.iter().any(|w| w.as_ref() == Some(&list)) {
                lists.push(Some(list));
            }
        }
    }
    (lists, complete)
}

/// A text no comparison names ("another text").
fn fresh(texts: &[&Value]) -> String {
    let named = |t: &str| texts.iter().any(|v| v.as_str() == Some(t) || *v == t);
    (1..)
        .map(|n| {
            if n == 1 {
                "sandflow".to_owned()
            } else {
                format!("sandflow-{n}")
            }
        })
        .find(|t| !named(t))
        .unwrap_or_default()
}

/// Where to set a field, as a dotted path into its object, and the value to set there:
/// a list read through a Stripe list's `data` (`lines.data.amount`) is set as the list of
/// items, each with the rest of the path.
pub(crate) fn placement(keys: &[&str], value: &Value) -> (String, Value) {
    if let (Some(at), Value::Array(items)) = (keys.iter().position(|k| *k == "data"), value) {
        if at + 1 < keys.len() {
            let rest = &keys[at + 1..];
            let items = items
                .iter()
                .map(|item| {
                    let mut object = Value::Object(Map::new());
                    crate::sandbox::set_path(&mut object, &rest.join("."), item.clone());
                    object
                })
                .collect();
            return (keys[..=at].join("."), Value::Array(items));
        }
    }
    (keys.join("."), value.clone())
}

/// Judges combinations of witness values against units.
struct Judge<'f> {
    fields: &'f [Field],
    event_type: &'f str,
}

impl Judge<'_> {
    /// Whether the units hold for the values `choice` picks for `fields`.
    fn holds(&self, fields: &[usize], choice: &[usize], units: &[&Unit<'_>]) -> bool {
        let mut object = Value::Object(Map::new());
        let mut previous: Option<Value> = None;
        let mut steps: BTreeMap<&str, Value> = BTreeMap::new();
        for (&f, &w) in fields.iter().zip(choice) {
            let field = &self.fields[f];
            let Some(value) = &field.witnesses[w] else {
                continue;
            };
            match slot(&field.reference) {
                Some(Slot::Object(keys)) => {
                    let (path, v) = placement(&keys, value);
                    sandbox::set_path(&mut object, &path, v);
                }
                Some(Slot::Previous(keys)) => {
                    let (path, v) = placement(&keys, value);
                    let target = previous.get_or_insert_with(|| Value::Object(Map::new()));
                    sandbox::set_path(target, &path, v);
                }
                Some(Slot::Step(id, keys)) => {
                    let target = steps.entry(id).or_insert_with(|| Value::Object(Map::new()));
                    if keys.is_empty() {
                        *target = value.clone();
                    } else {
                        let (path, v) = placement(&keys, value);
                        sandbox::set_path(target, &path, v);
                    }
                }
                None => {}
            }
        }
        let event = Event {
            id: "evt_coverage".into(),
            object: "event".into(),
            api_version: API_VERSION.into(),
            created: 0,
            data: EventData {
                object: object.into(),
                previous_attributes: previous,
            },
            livemode: false,
            pending_webhooks: 0,
            request: EventRequest::default(),
            kind: self.event_type.to_owned(),
        };
        let mut scope = Scope::new(&event);
        for (id, output) in steps {
            scope.push_step(id, output);
        }
        units.iter().all(|u| u.condition.eval(&scope) == u.holds)
    }

    /// Every combination of the fields' witnesses, in order; `None` past the budget.
    fn combinations(&self, fields: &[usize]) -> Option<Combinations> {
        let sizes: Vec<usize> = fields
            .iter()
            .map(|&f| self.fields[f].witnesses.len())
            .collect();
        let mut total: usize = 1;
        for &s in &sizes {
            total = total.checked_mul(s).filter(|t| *t <= MAX_COMBINATIONS)?;
        }
        Some(Combinations {
            sizes,
            next: Some(Vec::new()),
            started: false,
        })
    }

    /// Whether some combination satisfies the units; `None` when there are too many to try.
    fn satisfiable(&self, fields: &[usize], units: &[&Unit<'_>]) -> Option<bool> {
        let mut combos = self.combinations(fields)?;
        Some(combos.any(|choice| self.holds(fields, &choice, units)))
    }

    /// The satisfying combinations, the most natural (smallest witness positions) first.
    fn solutions(&self, fields: &[usize], units: &[&Unit<'_>]) -> Vec<Vec<usize>> {
        let mut found: Vec<Vec<usize>> = match self.combinations(fields) {
            Some(combos) => combos
                .filter(|choice| self.holds(fields, choice, units))
                .collect(),
            None => {
                // Too many: the i-th witness of every field, for each i.
                let longest = fields
                    .iter()
                    .map(|&f| self.fields[f].witnesses.len())
                    .max()
                    .unwrap_or(0);
                (0..longest)
                    .map(|i| {
                        fields
                            .iter()
                            .map(|&f| i.min(self.fields[f].witnesses.len() - 1))
                            .collect::<Vec<usize>>()
                    })
                    .filter(|choice| self.holds(fields, choice, units))
                    .collect()
            }
        };
        found.sort_by_key(|choice| choice.iter().sum::<usize>());
        found.truncate(KEPT_SOLUTIONS);
        found
    }

    /// A smallest set of `units` that still cannot hold together (each unit dropped in
    /// turn, and left out when the rest still cannot hold).
    fn core(&self, fields: &[usize], units: Vec<&Unit<'_>>) -> Contradiction {
        let mut core = units;
        let mut i = 0;
        while i < core.len() {
            let mut rest = core.clone();
            rest.remove(i);
            if self.satisfiable(fields, &rest) == Some(false) {
                core = rest;
            } else {
                i += 1;
            }
        }
        Contradiction {
            conditions: core
                .iter()
                .map(|u| PathCondition {
                    at: u.at.clone(),
                    condition: if u.holds {
                        u.condition.clone()
                    } else {
                        Condition::Not(Box::new(u.condition.clone()))
                    },
                })
                .collect(),
        }
    }
}

/// Mixed-radix counting over the witness lists.
struct Combinations {
    sizes: Vec<usize>,
    next: Option<Vec<usize>>,
    started: bool,
}

impl Iterator for Combinations {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        if !self.started {
            self.started = true;
            if self.sizes.contains(&0) {
                self.next = None;
                return None;
            }
            let first = vec![0; self.sizes.len()];
            self.next = Some(first.clone());
            return Some(first);
        }
        let mut current = self.next.take()?;
        for i in (0..current.len()).rev() {
            current[i] += 1;
            if current[i] < self.sizes[i] {
                self.next = Some(current.clone());
                return Some(current);
            }
            current[i] = 0;
        }
        None
    }
}

/// Groups of fields that units tie together, each with its units (by position in
/// `units`); units that read no field form a group of their own, with no field.
fn components(units: &[&Unit<'_>], field_count: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut parent: Vec<usize> = (0..field_count).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for u in units {
        for w in u.fields.windows(2) {
            let (a, b) = (root(&mut parent, w[0]), root(&mut parent, w[1]));
            parent[a] = b;
        }
    }
    let mut groups: BTreeMap<Option<usize>, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        let key = u.fields.first().map(|&f| root(&mut parent, f));
        let entry = groups.entry(key).or_default();
        entry.1.push(i);
        for &f in &u.fields {
            if !entry.0.contains(&f) {
                entry.0.push(f);
            }
        }
    }
    groups.into_values().collect()
}
