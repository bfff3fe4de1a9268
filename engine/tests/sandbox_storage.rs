//! Storing an account piece by piece: what changed since the last look, and an account put
//! back together from its parts equal to the one that was taken apart.

mod common;

use std::collections::BTreeMap;

use common::sandbox::params;
use sandflow_engine::sandbox::{BulkOptions, Sandbox, LOG_HISTORY_LIMIT};
use serde_json::{json, Value};

/// What storage would hold after writing every change it was given.
#[derive(Default)]
struct Stored {
    objects: BTreeMap<String, (u64, std::sync::Arc<str>)>,
    logs: BTreeMap<String, (u64, sandflow_engine::sandbox::RequestLog)>,
}

impl Stored {
    fn apply(&mut self, sandbox: &mut Sandbox) -> (usize, usize) {
        let changes = sandbox.take_changes();
        let counts = (changes.objects.len(), changes.logs.len());
        for (n, object) in changes.objects {
            let id = id_of(&object);
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

/// The id of an object given as JSON text.
fn id_of(text: &str) -> String {
    let object: Value = serde_json::from_str(text).expect("JSON");
    object["id"].as_str().expect("an id").to_owned()
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
    let stub: Value = serde_json::from_str(&stored.objects[&id].1).expect("JSON");
    assert_eq!(stub["deleted"], true);

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
    // One call per payment (no customer, as `stripe trigger` makes it): 6,000 calls in all.
    let options = BulkOptions {
        count: 3_000,
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
        .map(|(n, o)| (*n, id_of(o)))
        .collect();
    from_changes.sort();
    let listed: Vec<(u64, String)> = all.iter().map(|(n, o)| (*n, id_of(o))).collect();
    assert_eq!(listed, from_changes);
}

#[test]
fn objects_written_out_are_kept_as_text_and_read_back_the_same() {
    let mut sandbox = Sandbox::new(1_700_000_000, 11);
    let mut ids = Vec::new();
    for name in ["Jean Dupont", "Marie Curie", "Ada Lovelace"] {
        let customer = sandbox
            .call("customers.create", &params(json!({"name": name})), None)
            .expect("created");
        ids.push(customer["id"].as_str().expect("id").to_owned());
    }
    let before: Vec<Value> = ids
        .iter()
        .map(|id| sandbox.object(id).expect("kept").clone())
        .collect();
    // Written out: from now on the store keeps their text and parses them when read.
    let changes = sandbox.take_changes();
    assert_eq!(changes.objects.len(), 3);
    for (id, object) in ids.iter().zip(&before) {
        assert_eq!(sandbox.object(id), Some(object), "read back as it was");
    }
    // The API works on objects kept as text: update one, delete another.
    sandbox
        .call(
            "customers.update",
            &params(json!({"customer": ids[0], "metadata": {"tier": "VIP"}})),
            None,
        )
        .expect("updated");
    assert_eq!(
        sandbox.object(&ids[0]).expect("kept")["metadata"]["tier"],
        "VIP"
    );
    assert_eq!(sandbox.count_objects("customer"), 3);
    sandbox
        .call(
            "customers.delete",
            &params(json!({"customer": ids[1]})),
            None,
        )
        .expect("deleted");
    assert_eq!(
        sandbox.count_objects("customer"),
        2,
        "counted without the stub"
    );
    assert_eq!(sandbox.objects("customer").count(), 2);
    // Put back together from text, the counts and the objects are the same.
    let _ = sandbox.take_changes();
    let mut events: Vec<_> = sandbox.events().cloned().collect();
    events.reverse();
    let restored = Sandbox::from_parts(
        sandbox.core(),
        sandbox.numbered_objects(),
        events,
        Vec::new(),
    );
    assert_eq!(restored.count_objects("customer"), 2);
    for id in &ids {
        assert_eq!(restored.object(id), sandbox.object(id));
    }
}
