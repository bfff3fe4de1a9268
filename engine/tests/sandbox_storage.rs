//! Storing an account piece by piece: what changed since the last look, and an account put
//! back together from its parts equal to the one that was taken apart.

use std::collections::BTreeMap;

use sandflow_engine::sandbox::{BulkOptions, Sandbox, LOG_HISTORY_LIMIT};
use serde_json::{json, Map, Value};

fn params(v: Value) -> Map<String, Value> {
    v.as_object().cloned().expect("an object")
}

/// What storage would hold after writing every change it was given.
#[derive(Default)]
struct Stored {
    objects: BTreeMap<String, (u64, std::sync::Arc<Value>)>,
    logs: BTreeMap<String, (u64, sandflow_engine::sandbox::RequestLog)>,
}

impl Stored {
    fn apply(&mut self, sandbox: &mut Sandbox) -> (usize, usize) {
        let changes = sandbox.take_changes();
        let counts = (changes.objects.len(), changes.logs.len());
        for (n, object) in changes.objects {
            let id = object["id"].as_str().expect("an id").to_owned();
            self.objects.insert(id, (n, object));
        }
        for (n, log) in changes.logs {
            self.logs.insert(log.id.clone(), (n, log));
        }
        // Storage drops what is older than the oldest log the sandbox keeps.
        self.logs.retain(|_, (n, _)| *n >= changes.oldest_log);
        counts
    }

    fn restore(&self, sandbox: &Sandbox) -> Sandbox {
        let mut events: Vec<_> = sandbox.events().cloned().collect();
        events.reverse();
        Sandbox::from_parts(
            sandbox.core(),
            self.objects.values().cloned().collect(),
            events,
            self.logs.values().cloned().collect(),
        )
    }
}

/// The account as JSON, events not yet taken left out (storage holds delivered events).
fn as_json(sandbox: &Sandbox) -> Value {
    let mut value = serde_json::to_value(sandbox).expect("serializes");
    value["pending"] = json!([]);
    value
}

fn same(a: &Sandbox, b: &Sandbox) -> bool {
    as_json(a) == as_json(b)
}

#[test]
fn changes_name_only_what_changed_and_the_parts_rebuild_the_account() {
    let mut sandbox = Sandbox::new(1_700_000_000, 7);
    let mut stored = Stored::default();
    let customer = sandbox
        .call(
            "customers.create",
            &params(json!({"name": "Jean Dupont"})),
            None,
        )
        .expect("created");
    let id = customer["id"].as_str().expect("id").to_owned();
    sandbox
        .call(
            "customers.create",
            &params(json!({"name": "Marie Curie"})),
            None,
        )
        .expect("created");
    assert_eq!(stored.apply(&mut sandbox), (2, 2));

    // An update changes one object and adds one log; a failed call only adds a log.
    sandbox
        .call(
            "customers.update",
            &params(json!({"customer": id, "metadata": {"tier": "VIP"}})),
            None,
        )
        .expect("updated");
    let _ = sandbox.call(
        "customers.retrieve",
        &params(json!({"customer": "cus_missing"})),
        None,
    );
    assert_eq!(stored.apply(&mut sandbox), (1, 2));
    assert_eq!(
        stored.apply(&mut sandbox),
        (0, 0),
        "nothing left once taken"
    );

    sandbox
        .call("customers.delete", &params(json!({"customer": id})), None)
        .expect("deleted");
    stored.apply(&mut sandbox);
    assert_eq!(stored.objects[&id].1["deleted"], true);

    let back = stored.restore(&sandbox);
    assert!(same(&back, &sandbox), "the parts rebuild the account");
    assert_eq!(
        back.objects("customer").count(),
        1,
        "the type index is rebuilt"
    );
}

#[test]
fn logs_older_than_the_oldest_kept_are_dropped_and_a_bulk_account_rebuilds_in_order() {
    let mut sandbox = Sandbox::new(1_700_000_000, 11);
    let mut stored = Stored::default();
    let options = BulkOptions {
        count: 1_500,
        duplicate_percent: 0,
        shuffle_window: 0,
    };
    for _ in 0..2 {
        sandbox
            .generate_bulk(&["payment_intent.succeeded"], &options)
            .expect("generated");
        stored.apply(&mut sandbox);
    }
    assert_eq!(
        stored.logs.len(),
        LOG_HISTORY_LIMIT,
        "dropped logs were removed"
    );
    let back = stored.restore(&sandbox);
    assert!(same(&back, &sandbox), "the parts rebuild the account");
    // Newest-first listings keep the creation order.
    let before: Vec<&Value> = sandbox.objects("payment_intent").take(5).collect();
    let after: Vec<&Value> = back.objects("payment_intent").take(5).collect();
    assert_eq!(before, after);
}

#[test]
fn an_account_read_whole_can_be_handed_out_in_full() {
    let mut sandbox = Sandbox::new(1_700_000_000, 3);
    for name in ["A", "B", "C"] {
        sandbox
            .call("customers.create", &params(json!({ "name": name })), None)
            .expect("created");
    }
    let json = serde_json::to_string(&sandbox).expect("serializes");
    let mut read: Sandbox = serde_json::from_str(&json).expect("reads");
    assert_eq!(
        read.take_changes().objects.len(),
        0,
        "nothing is new after a read"
    );
    read.mark_all_changed();
    let mut stored = Stored::default();
    assert_eq!(stored.apply(&mut read), (3, 3));
    assert!(same(&stored.restore(&read), &sandbox));
    // All objects, numbered as the changes number them.
    let all = sandbox.numbered_objects();
    assert_eq!(all.len(), 3);
    let numbers: Vec<u64> = all.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [0, 1, 2]);
    let mut from_changes: Vec<(u64, String)> = stored
        .objects
        .values()
        .map(|(n, o)| (*n, o["id"].as_str().unwrap_or_default().to_owned()))
        .collect();
    from_changes.sort();
    let listed: Vec<(u64, String)> = all
        .iter()
        .map(|(n, o)| (*n, o["id"].as_str().unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(listed, from_changes);
}
