//! The engine's sentences in each language: a condition's sentence, the names the field
//! picker gives fields and their sources, what moving time does and what changed between
//! two versions. The engine decides what is said (the condition tree and
//! [`ConditionWords`], [`SourceName`], [`TimeEffect`], the [`Change`]s of a diff) and its
//! English; French is `fr.json` (keys `words.*`, `field.*`, `time_effect.*`, `diff.*`), read
//! here. Stripe's own names (field paths, event types, parameter paths, ids) stay as they
//! are in every language. Every function is pure: give it the language, get the text.

use sandflow_engine::sandbox::{self, TimeEffect};
use sandflow_engine::{
    describe_condition, search_fields as engine_search_fields, source_fields,
    step_name as engine_step_name, Arm, Change, ClauseChange, ClauseEdit, Compare, Condition,
    ConditionWords, EmailField, Group, Key, Op, Place, Quantifier, Reference, SandboxCatalog,
    SourceField, SourceName, Step, StepEdit, Summary, Workflow,
};

use super::catalog::{self, fill, fr, pick};
use super::Lang;

// ---- Conditions: step cards, the condition builder, the definition view, runs, diffs.

/// The French words of a condition's sentence; `field` names a field ("Client | Nom").
struct French<'a> {
    field: &'a dyn Fn(&Reference) -> Option<String>,
}

impl ConditionWords for French<'_> {
    fn always(&self) -> String {
        fill("words.always", &[])
    }
    fn never(&self) -> String {
        fill("words.never", &[])
    }
    fn joiner(&self, all: bool) -> String {
        format!(
            " {} ",
            fill(if all { "words.and" } else { "words.or" }, &[])
        )
    }
    fn not(&self, inner: &str) -> String {
        fill("words.not", &[("clause", inner)])
    }
    fn field(&self, field: &Reference) -> Option<String> {
        (self.field)(field)
    }
    fn items_of(&self, quantifier: Quantifier, field: &str) -> String {
        fill(
            "words.items_of",
            &[
                (
                    "quantifier",
                    catalog::quantifier_label(Lang::Fr, quantifier),
                ),
                ("field", field),
            ],
        )
    }
    fn op(&self, op: Op) -> String {
        catalog::operator_label(Lang::Fr, op).to_owned()
    }
    fn text(&self, text: &str) -> String {
        format!("«\u{a0}{text}\u{a0}»")
    }
    fn boolean(&self, value: bool) -> String {
        fill(if value { "words.true" } else { "words.false" }, &[])
    }
    fn money(&self, amount: &serde_json::Number, currency: Option<&str>) -> String {
        french_money(amount.as_f64().unwrap_or_default(), currency)
    }
}

/// An amount typed in a currency's major unit, in French: `100,00 $US` through `Intl` in the
/// browser (the currency's own decimals); natively, for the tests, `100,00 USD`.
fn french_money(amount: f64, currency: Option<&str>) -> String {
    let code = currency.unwrap_or("usd");
    #[cfg(target_arch = "wasm32")]
    {
        match currency {
            Some(c) => super::format::money(sandflow_engine::money::to_minor(amount, c) as i64, c),
            None => super::format::decimal(amount, sandflow_engine::money::decimals(code)),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let digits = sandflow_engine::money::decimals(code) as usize;
        let text = format!("{amount:.digits$}").replace('.', ",");
        match currency {
            Some(c) => format!("{text}\u{a0}{}", c.to_ascii_uppercase()),
            None => text,
        }
    }
}

/// A condition's sentence with fields by their paths (the definition view, the builder's
/// clauses it cannot edit, diffs): `name starts with "Jean"` / `name commence par « Jean »`.
pub fn condition(lang: Lang, condition: &Condition) -> String {
    match lang {
        Lang::En => condition.describe(),
        Lang::Fr => condition.describe_in(&French { field: &|_| None }),
    }
}

/// One comparison's sentence, fields by their paths (the test bench's clauses).
pub fn compare(lang: Lang, compare: &Compare) -> String {
    match lang {
        Lang::En => compare.describe(),
        Lang::Fr => compare.describe_in(&French { field: &|_| None }),
    }
}

/// The condition read at step `at` (`None`: the trigger conditions) with each field by its
/// field picker title and amounts as money: "Retrieve a charge | Amount is less than or
/// equal to 100.00" / "Récupérer un paiement | Montant est inférieur ou égal à 100,00".
pub fn condition_at(
    lang: Lang,
    condition: &Condition,
    workflow: &Workflow,
    at: Option<&str>,
) -> String {
    if lang == Lang::En {
        return describe_condition(condition, workflow, at, &SandboxCatalog);
    }
    let fields = source_fields(workflow, at, &SandboxCatalog);
    let name = |field: &Reference| {
        let reference = field.to_string();
        fields
            .iter()
            .find(|f| f.reference == reference)
            .map(|f| field_title(lang, f))
    };
    condition.describe_in(&French { field: &name })
}

// ---- Sources and fields: the field picker, value chips, condition sentences.

/// The French of one Stripe field or object name (`address`, `customer`): a parameter's
/// French names the field of the same name.
fn segment(name: &str) -> Option<&'static str> {
    fr(&format!("field.{name}")).or_else(|| fr(&format!("param.{name}")))
}

/// `Ville` → `ville`, but `URL` and `ID` stay.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => first
            .to_lowercase()
            .chain(text[first.len_utf8()..].chars())
            .collect(),
        _ => text.to_owned(),
    }
}

/// The French of a field path (`address.city` → "Adresse : ville"), when every part of it
/// has one.
fn french_path(path: &str) -> Option<String> {
    if let Some(whole) = fr(&format!("param.{path}")) {
        return Some(whole.to_owned());
    }
    let mut parts = path.split('.');
    let mut text = segment(parts.next()?)?.to_owned();
    for part in parts {
        let field = lower_first(segment(part)?);
        text = fill("field_nested", &[("parent", &text), ("field", &field)]);
    }
    Some(text)
}

/// What a source is called: "Customer" / "Client", "Retrieve a charge" / "Récupérer un
/// paiement", "Condition", "Trigger" / "Déclencheur". `english` is the engine's name.
pub fn source_name(lang: Lang, named: &SourceName, english: &str) -> String {
    if lang == Lang::En {
        return english.to_owned();
    }
    match named {
        SourceName::Trigger(Some(object)) => {
            french_path(object).unwrap_or_else(|| (*object).to_owned())
        }
        SourceName::Trigger(None) => fill("words.trigger", &[]),
        SourceName::Action(id) => sandbox::action(id).map_or_else(
            || id.clone(),
            |spec| catalog::action_name(lang, spec).to_owned(),
        ),
        SourceName::Condition => fill("words.condition", &[]),
        SourceName::Email => catalog::email_step_name(lang).to_owned(),
    }
}

/// What a step is called, as [`engine_step_name`] says it in English.
pub fn step_name(lang: Lang, step: &Step) -> String {
    let english = engine_step_name(step, &SandboxCatalog);
    let named = match step {
        Step::Action { action, .. } => SourceName::Action(action.clone()),
        Step::Branch { .. } => SourceName::Condition,
        Step::Email { .. } => SourceName::Email,
    };
    source_name(lang, &named, &english)
}

/// A field's label: "Customer ID" / "Client (ID)", "Address city" / "Adresse : ville". A
/// field with no French yet is shown by its Stripe path (`payment_method_details.card`),
/// never by English words.
pub fn field_label(lang: Lang, field: &SourceField) -> String {
    if lang == Lang::En {
        return field.label.clone();
    }
    match french_path(&field.path) {
        Some(text) if field.label.ends_with(" ID") => fill("field_id", &[("field", &text)]),
        Some(text) => text,
        None => field.path.clone(),
    }
}

/// "Source | Field": "Payment intent | Customer ID" / "Intention de paiement | Client (ID)".
pub fn field_title(lang: Lang, field: &SourceField) -> String {
    match lang {
        Lang::En => field.title(),
        Lang::Fr => format!(
            "{} | {}",
            source_name(lang, &field.named, &field.source),
            field_label(lang, field)
        ),
    }
}

/// The field picker's search: the engine's in English; in French a word matches the French
/// source and label as well as the English and the reference.
pub fn search_fields<'f>(
    lang: Lang,
    fields: &'f [SourceField],
    query: &str,
) -> Vec<&'f SourceField> {
    if lang == Lang::En {
        return engine_search_fields(fields, query);
    }
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    fields
        .iter()
        .filter(|f| {
            let hay = format!(
                "{} {} {} {}",
                f.source,
                f.label,
                f.reference,
                field_title(lang, f)
            );
            let hay =
                hay.to_lowercase().replace(['_', '.'], " ") + " " + &f.reference.to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}

// ---- Time: the clock's Advance time panel.

/// What one time effect does: the engine's English, or its French by id.
pub fn time_effect(lang: Lang, effect: TimeEffect) -> &'static str {
    pick(
        lang,
        || format!("time_effect.{}", effect.id()),
        effect.label(),
    )
}

// ---- Version diffs: the Compare page.

/// The diff's one-line summary: "1 step added, 2 changed" / "1 étape ajoutée, 2 modifiées".
pub fn summary(lang: Lang, summary: &Summary) -> String {
    if lang == Lang::En {
        return summary.to_string();
    }
    let mut parts = Vec::new();
    if summary.renamed {
        parts.push(fill("diff.summary.renamed", &[]));
    }
    if summary.trigger {
        parts.push(fill("diff.summary.trigger", &[]));
    }
    match summary.trigger_clauses {
        0 => {}
        1 => parts.push(fill("diff.summary.trigger_clauses_one", &[])),
        n => parts.push(fill(
            "diff.summary.trigger_clauses_many",
            &[("n", &n.to_string())],
        )),
    }
    let mut first = true;
    for (n, verb) in [
        (summary.steps_added, "added"),
        (summary.steps_removed, "removed"),
        (summary.steps_moved, "moved"),
        (summary.steps_changed, "changed"),
    ] {
        if n == 0 {
            continue;
        }
        let form = match (first, n) {
            (true, 1) => "first_one",
            (true, _) => "first_many",
            (false, 1) => "one",
            (false, _) => "many",
        };
        parts.push(fill(
            &format!("diff.summary.{verb}.{form}"),
            &[("n", &n.to_string())],
        ));
        first = false;
    }
    if summary.steps_replaced {
        parts.push(fill("diff.summary.steps_replaced", &[]));
    }
    if parts.is_empty() {
        return fill("diff.summary.none", &[]);
    }
    parts.join(", ")
}

/// One change between two versions, in French. `step` names a step by its id ("Étape 2
/// « Créer un client »"); in English the engine's sentence is used as it is.
pub fn change(lang: Lang, change: &Change, step: &dyn Fn(&str) -> String) -> String {
    if lang == Lang::En {
        return change.to_string();
    }
    let place = |p: &Place| place_text(p, step);
    match change {
        Change::Renamed { old, new } => fill(
            "diff.renamed",
            &[
                ("old", &super::workflow_name(old)),
                ("new", &super::workflow_name(new)),
            ],
        ),
        Change::Trigger {
            old: Some(old),
            new: Some(new),
        } => fill("diff.trigger_changed", &[("old", old), ("new", new)]),
        Change::Trigger {
            old: None,
            new: Some(new),
        } => fill("diff.trigger_added", &[("new", new)]),
        Change::Trigger {
            old: Some(old),
            new: None,
        } => fill("diff.trigger_removed", &[("old", old)]),
        Change::Trigger {
            old: None,
            new: None,
        } => fill("diff.trigger_unchanged", &[]),
        Change::TriggerCondition(clause) => fill(
            "diff.trigger_condition",
            &[("clause", &clause_text(clause))],
        ),
        Change::StepAdded { step: s, at } => fill(
            "diff.step_added",
            &[("step", &step(s.id())), ("place", &place(at))],
        ),
        Change::StepRemoved { step: s, from } => fill(
            "diff.step_removed",
            &[("step", &step(s.id())), ("place", &place(from))],
        ),
        Change::StepMoved { id, from, to } => fill(
            "diff.step_moved",
            &[
                ("step", &step(id)),
                ("from", &place(from)),
                ("to", &place(to)),
            ],
        ),
        Change::StepChanged { id, edit, .. } => fill(
            "diff.step_changed",
            &[("step", &step(id)), ("edit", &edit_text(edit))],
        ),
        Change::StepsReplaced { old, new } => fill(
            "diff.steps_replaced",
            &[
                ("old", &old.len().to_string()),
                ("new", &new.len().to_string()),
            ],
        ),
    }
}

fn place_text(place: &Place, step: &dyn Fn(&str) -> String) -> String {
    let n = (place.index + 1).to_string();
    match &place.parent {
        None => fill("diff.place_top", &[("n", &n)]),
        Some(parent) => fill(
            match parent.arm {
                Arm::Then => "diff.place_then",
                Arm::Else => "diff.place_else",
            },
            &[("n", &n), ("branch", &step(&parent.branch))],
        ),
    }
}

/// A step as a kind and its id, where a step became another kind of step.
fn step_kind_text(s: &Step) -> String {
    match s {
        Step::Action { id, action, .. } => fill(
            "diff.step_action",
            &[("id", id), ("action", &action_text(action))],
        ),
        Step::Branch { id, .. } => fill("diff.step_branch", &[("id", id)]),
        Step::Email { id, .. } => fill("diff.step_email", &[("id", id)]),
    }
}

/// An action by its French name, or its id when the catalog does not know it.
fn action_text(id: &str) -> String {
    sandbox::action(id).map_or_else(
        || id.to_owned(),
        |spec| catalog::action_name(Lang::Fr, spec).to_owned(),
    )
}

fn edit_text(edit: &StepEdit) -> String {
    match edit {
        StepEdit::Action { old, new } => fill(
            "diff.action_changed",
            &[("old", &action_text(old)), ("new", &action_text(new))],
        ),
        StepEdit::Param { path, old, new } => {
            let path: Vec<String> = path
                .iter()
                .map(|k| match k {
                    Key::Field(name) => name.clone(),
                    Key::Item(i) => i.to_string(),
                })
                .collect();
            let path = path.join(".");
            let show = |v: &serde_json::Value| v.to_string();
            match (old, new) {
                (Some(old), Some(new)) => fill(
                    "diff.param_changed",
                    &[("path", &path), ("old", &show(old)), ("new", &show(new))],
                ),
                (None, Some(new)) => {
                    fill("diff.param_set", &[("path", &path), ("new", &show(new))])
                }
                (Some(old), None) => fill(
                    "diff.param_removed",
                    &[("path", &path), ("old", &show(old))],
                ),
                (None, None) => fill("diff.param_unchanged", &[("path", &path)]),
            }
        }
        StepEdit::Condition(clause) => fill("diff.condition", &[("clause", &clause_text(clause))]),
        StepEdit::Email { field, old, new } => {
            let field = fill(
                match field {
                    EmailField::To => "diff.email_to",
                    EmailField::Subject => "diff.email_subject",
                    EmailField::Body => "diff.email_body",
                },
                &[],
            );
            fill(
                "diff.email_changed",
                &[("field", &field), ("old", old), ("new", new)],
            )
        }
        StepEdit::Row { index, old, new } => {
            let n = (index + 1).to_string();
            match (old, new) {
                (Some(old), Some(new)) => fill(
                    "diff.row_changed",
                    &[
                        ("n", &n),
                        ("old_label", &old.label),
                        ("old", &old.value),
                        ("new_label", &new.label),
                        ("new", &new.value),
                    ],
                ),
                (None, Some(row)) => fill(
                    "diff.row_added",
                    &[("n", &n), ("label", &row.label), ("value", &row.value)],
                ),
                (Some(row), None) => fill(
                    "diff.row_removed",
                    &[("n", &n), ("label", &row.label), ("value", &row.value)],
                ),
                (None, None) => fill("diff.row_unchanged", &[("n", &n)]),
            }
        }
        StepEdit::Replaced { old, new } => fill(
            "diff.replaced",
            &[("old", &step_kind_text(old)), ("new", &step_kind_text(new))],
        ),
    }
}

fn group_text(group: Group) -> String {
    fill(
        match group {
            Group::All => "diff.group_all",
            Group::Any => "diff.group_any",
            Group::Not => "diff.group_not",
        },
        &[],
    )
}

fn clause_text(change: &ClauseChange) -> String {
    let at = if change.path.is_empty() {
        fill("diff.whole_condition", &[])
    } else {
        let parts: Vec<String> = change
            .path
            .iter()
            .map(|slot| match slot.group {
                Group::Not => fill("diff.clause_in_not", &[]),
                group => fill(
                    "diff.clause_at",
                    &[
                        ("n", &(slot.index + 1).to_string()),
                        ("group", &group_text(group)),
                    ],
                ),
            })
            .collect();
        parts.join(" › ")
    };
    let words = |c: &Condition| condition(Lang::Fr, c);
    match &change.edit {
        ClauseEdit::Added { new } => fill(
            "diff.clause_added",
            &[("where", &at), ("clause", &words(new))],
        ),
        ClauseEdit::Removed { old } => fill(
            "diff.clause_removed",
            &[("where", &at), ("clause", &words(old))],
        ),
        ClauseEdit::Changed { old, new } => fill(
            "diff.clause_changed",
            &[("where", &at), ("old", &words(old)), ("new", &words(new))],
        ),
        ClauseEdit::Regrouped { old, new } => fill(
            "diff.regrouped",
            &[
                ("where", &at),
                ("old", &group_text(*old)),
                ("new", &group_text(*new)),
            ],
        ),
        ClauseEdit::Grouped { group } => fill(
            "diff.grouped",
            &[("where", &at), ("group", &group_text(*group))],
        ),
        ClauseEdit::Ungrouped { group } => fill(
            "diff.ungrouped",
            &[("where", &at), ("group", &group_text(*group))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandflow_engine::{diff, templates, Trigger, ValueKind};
    use serde_json::json;

    /// English words that must not be left in a French sentence (Stripe's names aside).
    const ENGLISH: &[&str] = &[
        " is ",
        " and ",
        " or ",
        "not (",
        "any item",
        "every item",
        "no item",
        " of ",
        "always",
        "never",
        "added",
        "removed",
        "changed",
        "moved",
        "step ",
        "position",
        "trigger",
        "Customer",
        "Name",
        "Amount",
        "Retrieve",
        "before",
        "days",
        "invoiced",
        "renews",
        "hour",
        "pending",
        "true",
        "false",
    ];

    fn assert_french(text: &str) {
        for word in ENGLISH {
            assert!(!text.contains(word), "{word:?} left in {text:?}");
        }
    }

    fn on(event_type: &str, condition: Condition) -> Workflow {
        let mut w = Workflow::new("wf_1", 0);
        w.trigger = Some(Trigger {
            event_type: event_type.into(),
            condition: Some(condition),
        });
        w
    }

    #[test]
    fn a_condition_step_reads_in_french_with_its_field_named_and_money() {
        let w = templates()
            .into_iter()
            .find(|t| t.id == "refund_early_fraud_warning")
            .expect("the template exists")
            .workflow;
        let (id, condition) = w
            .all_steps()
            .into_iter()
            .find_map(|s| match s {
                Step::Branch { id, condition, .. } => Some((id.clone(), condition.clone())),
                _ => None,
            })
            .expect("a condition step");
        let fr = condition_at(Lang::Fr, &condition, &w, Some(&id));
        assert_eq!(
            fr,
            "Récupérer un paiement | Montant est inférieur ou égal à 100,00"
        );
        // English stays the engine's, word for word.
        assert_eq!(
            condition_at(Lang::En, &condition, &w, Some(&id)),
            "Retrieve a charge | Amount is less than or equal to 100.00"
        );
    }

    #[test]
    fn groups_negations_quantifiers_and_values_are_french() {
        let cmp =
            |field: &str, op, kind, value| Condition::compare(field, op, kind, value).unwrap();
        let mut tags = match cmp(
            "trigger.data.object.preferred_locales",
            Op::Equals,
            ValueKind::List,
            json!("fr"),
        ) {
            Condition::Compare(c) => c,
            _ => unreachable!(),
        };
        tags.quantifier = Quantifier::All;
        let condition = Condition::All(vec![
            cmp(
                "trigger.data.object.name",
                Op::StartsWith,
                ValueKind::String,
                json!("Jean"),
            ),
            Condition::Any(vec![
                Condition::Compare(tags),
                Condition::Not(Box::new(cmp(
                    "trigger.data.object.delinquent",
                    Op::Equals,
                    ValueKind::Boolean,
                    json!(true),
                ))),
            ]),
        ]);
        let w = on("customer.created", condition.clone());
        let fr = condition_at(Lang::Fr, &condition, &w, None);
        assert_eq!(
            fr,
            "Client | Nom commence par «\u{a0}Jean\u{a0}» et (chaque élément de Client | \
             Langues préférées est égal à «\u{a0}fr\u{a0}» ou il est faux que (Client | En défaut \
             de paiement est égal à vrai))"
        );
        assert_french(&fr);
        assert_eq!(
            self::condition(Lang::Fr, &Condition::All(vec![])),
            "toujours"
        );
        assert_eq!(self::condition(Lang::Fr, &Condition::Any(vec![])), "jamais");
        // Without the workflow, fields keep their Stripe paths: identifiers, not words.
        assert_eq!(
            self::condition(Lang::Fr, &condition),
            "name commence par «\u{a0}Jean\u{a0}» et (chaque élément de preferred_locales est \
             égal à «\u{a0}fr\u{a0}» ou il est faux que (delinquent est égal à vrai))"
        );
    }

    #[test]
    fn money_in_a_named_currency_keeps_its_decimals() {
        let mut c = match Condition::compare(
            "trigger.data.object.amount",
            Op::GreaterThan,
            ValueKind::Money,
            json!(1000),
        )
        .unwrap()
        {
            Condition::Compare(c) => c,
            _ => unreachable!(),
        };
        c.currency = Some("jpy".into());
        let condition = Condition::Compare(c);
        let w = on("charge.succeeded", condition.clone());
        assert_eq!(
            condition_at(Lang::Fr, &condition, &w, None),
            "Paiement | Montant est supérieur à 1000\u{a0}JPY"
        );
    }

    #[test]
    fn the_field_picker_names_fields_and_sources_in_french() {
        let mut w = on("charge.succeeded", Condition::All(vec![]));
        w.steps = vec![Step::action("r1", "customers.retrieve", json!({}))];
        w.steps
            .push(Step::action("r2", "customers.update", json!({})));
        let fields = source_fields(&w, Some("r2"), &SandboxCatalog);
        let title = |reference: &str| {
            let f = fields
                .iter()
                .find(|f| f.reference == reference)
                .expect(reference);
            (field_title(Lang::En, f), field_title(Lang::Fr, f))
        };
        assert_eq!(
            title("trigger.data.object.customer"),
            (
                "Charge | Customer ID".into(),
                "Paiement | Client (ID)".into()
            )
        );
        assert_eq!(
            title("steps.r1.address.city"),
            (
                "Retrieve a customer | Address city".into(),
                "Récupérer un client | Adresse : ville".into()
            )
        );
        assert_eq!(title("steps.r1.email").1, "Récupérer un client | E-mail");
        // Every field of a customer has French words, none English.
        for f in fields
            .iter()
            .filter(|f| f.reference.starts_with("steps.r1.") && f.depth == 0)
        {
            let fr = field_label(Lang::Fr, f);
            assert!(
                fr != f.label || fr == "ID" || fr == "Description" || fr == "Source",
                "{} stays {fr}",
                f.path
            );
        }
        // A field without French yet shows its Stripe path, not English words.
        let mut odd = fields[0].clone();
        odd.path = "zzz_unknown.thing".into();
        assert_eq!(field_label(Lang::Fr, &odd), "zzz_unknown.thing");
        // French search finds the French words.
        assert!(search_fields(Lang::Fr, &fields, "ville")
            .iter()
            .any(|f| f.path == "address.city"));
        assert!(search_fields(Lang::Fr, &fields, "city")
            .iter()
            .any(|f| f.path == "address.city"));
        assert_eq!(
            source_name(Lang::Fr, &SourceName::Trigger(None), "Trigger"),
            "Déclencheur"
        );
        assert_eq!(
            source_name(Lang::Fr, &SourceName::Condition, "Condition"),
            "Condition"
        );
    }

    #[test]
    fn time_effects_are_french_and_keep_their_event_types() {
        for effect in TimeEffect::ALL {
            let fr = time_effect(Lang::Fr, effect);
            assert_eq!(time_effect(Lang::En, effect), effect.label());
            assert_ne!(fr, effect.label(), "{effect:?}");
            for kind in effect.events() {
                assert!(fr.contains(kind), "{effect:?} lost {kind}");
            }
            assert_french(fr);
        }
    }

    #[test]
    fn version_diffs_read_in_french() {
        let mut old = on(
            "customer.created",
            Condition::compare(
                "trigger.data.object.name",
                Op::Exists,
                ValueKind::String,
                json!(null),
            )
            .unwrap(),
        );
        old.steps = vec![Step::action(
            "s1",
            "customers.update",
            json!({"description": "a"}),
        )];
        let mut new = old.clone();
        new.name = "Bienvenue".into();
        new.steps[0] = Step::action("s1", "customers.update", json!({"description": "b"}));
        new.steps
            .push(Step::email("e1", "team@example.com", "Salut", "", &[]));
        if let Some(t) = new.trigger.as_mut() {
            t.condition = Some(
                Condition::compare(
                    "trigger.data.object.name",
                    Op::StartsWith,
                    ValueKind::String,
                    json!("J"),
                )
                .unwrap(),
            );
        }
        let found = diff(&old, &new);
        // The default name is stored in English and shown in the page's language.
        super::super::set_current(Lang::Fr);
        let name = |id: &str| format!("Étape {id}");
        let lines: Vec<String> = found
            .changes
            .iter()
            .map(|c| change(Lang::Fr, c, &name))
            .collect();
        assert_eq!(
            lines,
            [
                "renommé de «\u{a0}Workflow sans titre\u{a0}» en «\u{a0}Bienvenue\u{a0}»",
                "condition de déclenchement\u{a0}: la condition entière changée de name existe en \
                 name commence par «\u{a0}J\u{a0}»",
                "Étape s1\u{a0}: paramètre description changé de \"a\" en \"b\"",
                "Étape e1 ajoutée à la position 2 du niveau principal",
            ]
        );
        let sum = summary(Lang::Fr, &found.summary());
        assert_eq!(sum, "renommé, 1 clause de la condition de déclenchement changée, 1 étape ajoutée, 1 modifiée");
        assert_french(&sum);
        assert_eq!(summary(Lang::Fr, &Summary::default()), "aucun changement");
        // English stays the engine's.
        assert_eq!(
            summary(Lang::En, &found.summary()),
            found.summary().to_string()
        );
    }
}
