//! Browser tests (wasm-bindgen-test in headless Chromium) for what only a browser has:
//! IndexedDB. Each test opens its own database name so tests never see each other's data.

#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::Array;
use sandflow::storage::db::Mark;
use sandflow::storage::{migrate, Db, RunQuery, Store, Stored, Writes, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Note {
    id: String,
    text: String,
    count: u32,
    tags: Vec<String>,
}

fn unique_name(test: &str) -> String {
    format!("sandflow-test-{test}-{}", js_sys::Math::random())
}

#[wasm_bindgen_test]
async fn a_fresh_database_has_every_store_of_the_schema() {
    let db = Db::open(&unique_name("stores")).await.expect("open");
    let mut names = db.store_names();
    names.sort();
    let mut expected: Vec<String> = Store::ALL.iter().map(|s| s.name().to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(db.version(), SCHEMA_VERSION);
    let sorted = |store| {
        let mut names = db.index_names(store);
        names.sort();
        names
    };
    assert_eq!(
        sorted(Store::Runs),
        [
            "by_emailed",
            "by_started",
            "by_status",
            "by_workflow",
            "by_workflow_status",
            "by_workflow_version",
            "by_workflow_version_status"
        ]
    );
    assert_eq!(sorted(Store::Events), ["by_created", "by_type", "pending"]);
    assert!(sorted(Store::Versions).is_empty());
    assert!(sorted(Store::Tests).is_empty());
    assert_eq!(sorted(Store::Logs), ["by_created", "by_run"]);
    assert!(sorted(Store::Outbox).is_empty());
}

#[wasm_bindgen_test]
async fn a_record_written_is_read_back_after_reopening() {
    let name = unique_name("round-trip");
    let note = Note {
        id: "n_1".into(),
        text: "Jean Dupont".into(),
        count: 3,
        tags: vec!["vip".into(), "fr".into()],
    };
    let db = Db::open(&name).await.expect("open");
    db.put(Store::Workflows, &note).await.expect("put");
    db.close();

    let db = Db::open(&name).await.expect("reopen");
    let back: Option<Note> = db.get(Store::Workflows, "n_1").await.expect("get");
    assert_eq!(back, Some(note));
    let missing: Option<Note> = db.get(Store::Workflows, "n_2").await.expect("get missing");
    assert_eq!(missing, None);
}

#[wasm_bindgen_test]
async fn json_objects_keep_their_shape_and_key() {
    let db = Db::open(&unique_name("json")).await.expect("open");
    let record = serde_json::json!({
        "id": "cus_123",
        "object": "customer",
        "metadata": { "tier": "gold" },
        "balance": -500
    });
    db.put(Store::Objects, &record).await.expect("put");
    let back: Option<serde_json::Value> = db.get(Store::Objects, "cus_123").await.expect("get");
    assert_eq!(back, Some(record));
}

fn run(workflow: &str, started: i64, n: u32) -> Value {
    let status = if n.is_multiple_of(3) {
        "failed"
    } else {
        "succeeded"
    };
    json!({ "id": format!("run_{workflow}_{n:04}"), "workflow_id": workflow, "started": started, "status": status })
}

fn all_of(workflow: &str) -> RunQuery<'_> {
    RunQuery {
        workflow_id: workflow,
        status: None,
        version: None,
    }
}

/// Reads every page of `query`, `size` at a time; the `(started, id)` keys in page order.
async fn read_all_pages(db: &Db, query: &RunQuery<'_>, size: usize) -> Vec<Value> {
    let mut seen: Vec<Value> = Vec::new();
    let mut before: Option<(i64, String)> = None;
    loop {
        let page: Vec<Value> = db
            .runs_page(
                query,
                before.as_ref().map(|(t, id)| (*t, id.as_str())),
                size,
            )
            .await
            .expect("page");
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= size);
        let last = page.last().expect("non-empty");
        before = Some((
            last["started"].as_i64().unwrap(),
            last["id"].as_str().unwrap().to_owned(),
        ));
        seen.extend(page);
    }
    seen
}

fn keys(runs: &[Value]) -> Vec<(i64, String)> {
    runs.iter()
        .map(|r| {
            (
                r["started"].as_i64().unwrap(),
                r["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn runs_page_newest_first_through_the_index_without_overlap() {
    let db = Db::open(&unique_name("pages")).await.expect("open");
    let mut writes = sandflow::storage::Writes::new();
    // 120 runs of wf_a, some sharing a start second, and 30 of wf_b interleaved in time.
    for n in 0..120u32 {
        writes
            .put(Store::Runs, &run("wf_a", 1_000 + i64::from(n / 2), n))
            .expect("put");
    }
    for n in 0..30u32 {
        writes
            .put(Store::Runs, &run("wf_b", 1_000 + i64::from(n), n))
            .expect("put");
    }
    db.commit(writes).await.expect("commit");
    let count = |workflow, status, span| {
        let db = &db;
        async move {
            db.count_runs(
                &RunQuery {
                    workflow_id: workflow,
                    status,
                    version: None,
                },
                &[span],
            )
            .await
            .expect("count")[0]
        }
    };
    assert_eq!(count("wf_a", None, None).await, 120);
    assert_eq!(count("wf_b", None, None).await, 30);
    assert_eq!(count("wf_c", None, None).await, 0);
    assert_eq!(count("wf_a", Some("failed"), None).await, 40);
    assert_eq!(count("wf_a", Some("succeeded"), None).await, 80);
    // wf_a starts two runs a second from 1,000: [1,010, 1,020) holds runs 20 to 39.
    assert_eq!(count("wf_a", None, Some((1_010, 1_020))).await, 20);
    assert_eq!(count("wf_a", Some("failed"), Some((1_010, 1_020))).await, 7);

    let seen = read_all_pages(&db, &all_of("wf_a"), 50).await;
    assert_eq!(seen.len(), 120, "every run exactly once");
    assert!(seen.iter().all(|r| r["workflow_id"] == "wf_a"));
    let order = keys(&seen);
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted, "newest first");
    assert_eq!(order[0].1, "run_wf_a_0119");

    // The status filter pages through its own index the same way.
    let failed = RunQuery {
        workflow_id: "wf_a",
        status: Some("failed"),
        version: None,
    };
    let seen = read_all_pages(&db, &failed, 7).await;
    assert_eq!(seen.len(), 40);
    assert!(seen.iter().all(|r| r["status"] == "failed"));
    let order = keys(&seen);
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted, "newest first");
}

#[wasm_bindgen_test]
async fn deleting_a_workflows_runs_and_old_records_goes_through_the_indexes() {
    let db = Db::open(&unique_name("range-delete")).await.expect("open");
    let mut writes = Writes::new();
    for n in 0..20u32 {
        writes
            .put(Store::Runs, &run("wf_a", 100 + i64::from(n), n))
            .expect("put");
        writes
            .put(Store::Runs, &run("wf_b", 100 + i64::from(n), n))
            .expect("put");
    }
    for last in [3_u32, 7, 12] {
        writes
            .put(Store::Logs, &json!({ "id": format!("logs_{last:020}") }))
            .expect("put");
    }
    for (id, created) in [("evt_1", 90), ("evt_2", 110)] {
        writes
            .put(
                Store::Events,
                &json!({ "id": id, "type": "customer.created", "created": created }),
            )
            .expect("put");
    }
    db.commit(writes).await.expect("commit");

    // Deleting wf_a takes its runs, in one transaction with anything else.
    let mut writes = Writes::new();
    writes.delete(Store::Workflows, "wf_a");
    writes.delete_runs_of("wf_a");
    db.commit(writes).await.expect("delete");
    assert!(read_all_pages(&db, &all_of("wf_a"), 50).await.is_empty());
    assert_eq!(read_all_pages(&db, &all_of("wf_b"), 50).await.len(), 20);

    // Retention: what started or was created before 110 goes, 110 itself stays.
    let mut writes = Writes::new();
    writes.delete_older_than(110);
    db.commit(writes).await.expect("prune");
    let left = keys(&read_all_pages(&db, &all_of("wf_b"), 50).await);
    assert_eq!(left.len(), 10);
    assert!(left.iter().all(|(started, _)| *started >= 110));
    let e1: Option<Value> = db.get(Store::Events, "evt_1").await.expect("get");
    let e2: Option<Value> = db.get(Store::Events, "evt_2").await.expect("get");
    assert_eq!((e1.is_none(), e2.is_some()), (true, true));

    // Log chunks named by their last log: those before log 7 go, 7 and later stay.
    let mut writes = Writes::new();
    writes.delete_ids_before(Store::Logs, &format!("logs_{:020}", 7));
    db.commit(writes).await.expect("drop old logs");
    let left: Vec<Value> = db.all(Store::Logs).await.expect("all").items;
    let ids: Vec<&str> = left.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [format!("logs_{:020}", 7), format!("logs_{:020}", 12)]);
}

#[wasm_bindgen_test]
async fn pending_events_and_running_runs_are_found_for_recovery() {
    let db = Db::open(&unique_name("recovery")).await.expect("open");
    let mut writes = Writes::new();
    for (id, pending) in [("evt_a", Some(30)), ("evt_b", None), ("evt_c", Some(10))] {
        let mut record = json!({ "id": id, "type": "customer.created", "created": 1 });
        if let Some(p) = pending {
            record["pending"] = json!(p);
        }
        writes.put(Store::Events, &record).expect("put");
    }
    let mut running = run("wf_a", 5, 1);
    running["status"] = json!("running");
    writes.put(Store::Runs, &running).expect("put");
    writes.put(Store::Runs, &run("wf_a", 6, 2)).expect("put");
    db.commit(writes).await.expect("commit");

    let pending: Vec<Value> = db.pending_events().await.expect("pending");
    let ids: Vec<&str> = pending.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["evt_c", "evt_a"], "only pending events, oldest first");
    let running: Vec<Value> = db.runs_with_status("running").await.expect("running");
    assert_eq!(running.len(), 1);
    assert_eq!(running[0]["id"], "run_wf_a_0001");
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_upgraded_with_its_data_kept() {
    let name = unique_name("upgrade");
    // Build the first release's schema (stores, no indexes) and fill it.
    migrate::ensure(&name, 1, || {}).await.expect("v1");
    let old = Database::open(name.as_str()).await.expect("open v1");
    assert_eq!(old.version() as u32, 1);
    let tx = old
        .transaction(["workflows", "runs"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("tx");
    tx.object_store("workflows")
        .expect("store")
        .put(json!({ "id": "wf_old", "name": "Tag VIP customers" }))
        .serde()
        .expect("put")
        .await
        .expect("put");
    tx.object_store("runs")
        .expect("store")
        .put(run("wf_old", 42, 1))
        .serde()
        .expect("put")
        .await
        .expect("put");
    tx.commit().await.expect("commit");
    old.close();

    let db = Db::open(&name).await.expect("upgrade");
    assert_eq!(db.version(), SCHEMA_VERSION);
    let wf: Option<Value> = db.get(Store::Workflows, "wf_old").await.expect("get");
    assert_eq!(wf.expect("kept")["name"], "Tag VIP customers");
    let runs: Vec<Value> = db
        .runs_page(&all_of("wf_old"), None, 10)
        .await
        .expect("page");
    assert_eq!(
        runs.len(),
        1,
        "the old run is reachable through the new index"
    );
    assert_eq!(runs[0]["id"], "run_wf_old_0001");
}

#[wasm_bindgen_test]
async fn a_version_2_database_gains_the_status_and_time_indexes() {
    let name = unique_name("upgrade-2");
    migrate::ensure(&name, 2, || {}).await.expect("v2");
    let old = Db::open_at(&name, 2).await.expect("open v2");
    assert_eq!(old.version(), 2);
    let mut writes = Writes::new();
    writes.put(Store::Runs, &run("wf_old", 42, 3)).expect("put");
    writes.put(Store::Runs, &run("wf_old", 43, 4)).expect("put");
    old.commit(writes).await.expect("commit");
    old.close();

    let db = Db::open(&name).await.expect("upgrade");
    assert_eq!(db.version(), SCHEMA_VERSION);
    let failed: Vec<Value> = db
        .runs_page(
            &RunQuery {
                workflow_id: "wf_old",
                status: Some("failed"),
                version: None,
            },
            None,
            10,
        )
        .await
        .expect("page");
    assert_eq!(failed.len(), 1, "v2 runs are in the v3 status index");
    assert_eq!(failed[0]["id"], "run_wf_old_0003");
    let mut writes = Writes::new();
    writes.delete_older_than(43);
    db.commit(writes).await.expect("prune");
    assert_eq!(
        db.runs_page::<Value>(&all_of("wf_old"), None, 10)
            .await
            .expect("page")
            .len(),
        1,
        "and in the v3 time index"
    );
}

/// A Stripe event envelope as the sandbox writes it (every field `sandflow_engine::Event`
/// requires).
fn stripe_event(id: &str, kind: &str, created: i64) -> Value {
    json!({
        "id": id,
        "object": "event",
        "api_version": "2025-09-30.clover",
        "created": created,
        "data": { "object": { "id": format!("obj_{id}"), "object": "customer", "name": "Jean Dupont" } },
        "livemode": false,
        "pending_webhooks": 0,
        "request": { "id": null, "idempotency_key": null },
        "type": kind,
    })
}

/// An event record as schema version 3 wrote it: one delivery, its events as JSON text,
/// no `types`.
fn v3_event_record(events: &[Value], pending: bool) -> Value {
    let first = &events[0];
    let mut record = json!({
        "id": format!("events_{}", first["id"].as_str().unwrap()),
        "format": 1,
        "created": first["created"],
        "count": events.len(),
        "json": serde_json::to_string(events).unwrap(),
    });
    if pending {
        record["pending"] = first["created"].clone();
    }
    record
}

/// A request log as the sandbox writes it (every field `RequestLog` requires).
fn request_log(id: &str, created: i64, run: Option<&str>) -> Value {
    let origin =
        run.map(|run| json!({ "workflow_id": "wf_a", "run_id": run, "step_id": "step_1" }));
    json!({
        "id": id,
        "action": "customers.update",
        "method": "Post",
        "path": "/v1/customers/cus_1",
        "params": { "name": "Jean Dupont" },
        "status": 200,
        "response": { "id": "cus_1", "object": "customer", "name": "Jean Dupont" },
        "created": created,
        "origin": origin,
    })
}

/// A log chunk as schema version 3 wrote it: numbered from `first`, no `created` or `runs`.
fn v3_log_chunk(first: u64, logs: &[Value]) -> Value {
    json!({
        "id": format!("logs_{:020}", first + logs.len() as u64 - 1),
        "format": 1,
        "first": first,
        "json": serde_json::to_string(logs).unwrap(),
    })
}

/// Every key of a multi-entry `[type, created]` index for `kind`.
fn of_type(kind: &str) -> (JsValue, JsValue) {
    let kind = JsValue::from_str(kind);
    (
        Array::of2(&kind, &JsValue::from_f64(f64::NEG_INFINITY)).into(),
        Array::of2(&kind, &JsValue::from_f64(f64::INFINITY)).into(),
    )
}

/// Every number key up to `upper`.
fn up_to(upper: f64) -> (JsValue, JsValue) {
    (
        JsValue::from_f64(f64::NEG_INFINITY),
        JsValue::from_f64(upper),
    )
}

/// Walks `range` of `index` to its end, `limit` records a step; the ids each step kept.
async fn walk_ids(
    db: &Db,
    store: Store,
    index: Option<&str>,
    range: (JsValue, JsValue),
    limit: usize,
    mut keep: impl FnMut(&Stored) -> bool,
) -> Vec<Vec<String>> {
    let mut steps = Vec::new();
    let mut mark: Option<Mark> = None;
    loop {
        let (records, next) = db
            .walk(store, index, range.clone(), mark.as_ref(), limit, &mut keep)
            .await
            .expect("walk");
        assert!(
            records.len() <= limit,
            "a step reads at most {limit} records"
        );
        steps.push(
            records
                .into_iter()
                .map(|r| {
                    let record: Value = r.record().expect("record");
                    record["id"].as_str().expect("id").to_owned()
                })
                .collect(),
        );
        match next {
            Some(next) => mark = Some(next),
            None => return steps,
        }
        assert!(steps.len() < 1_000, "the walk ends");
    }
}

/// Every id a walk kept, in order.
async fn walk_all(
    db: &Db,
    store: Store,
    index: Option<&str>,
    range: (JsValue, JsValue),
    limit: usize,
) -> Vec<String> {
    walk_ids(db, store, index, range, limit, |_| true)
        .await
        .concat()
}

fn log_chunk_id(last: u64) -> String {
    format!("logs_{last:020}")
}

#[wasm_bindgen_test]
async fn a_version_3_database_gains_the_type_and_run_indexes_and_its_records_are_backfilled() {
    let name = unique_name("upgrade-3");
    migrate::ensure(&name, 3, || {}).await.expect("v3");
    let old = Db::open_at(&name, 3).await.expect("open v3");
    assert_eq!(old.version(), 3);
    assert!(!old
        .index_names(Store::Events)
        .contains(&"by_type".to_owned()));
    assert!(old.index_names(Store::Logs).is_empty());

    // Two deliveries (the second still pending) and two writes' request logs, as v3 wrote them.
    let first = [
        stripe_event("evt_1", "customer.created", 1_000),
        stripe_event("evt_2", "invoice.paid", 1_001),
        stripe_event("evt_3", "customer.created", 1_002),
    ];
    let second = [
        stripe_event("evt_4", "customer.updated", 2_000),
        stripe_event("evt_5", "customer.created", 2_001),
    ];
    let chunk_a = [
        request_log("req_0", 500, Some("run_a")),
        request_log("req_1", 510, None),
    ];
    let chunk_b = [
        request_log("req_2", 600, Some("run_b")),
        request_log("req_3", 610, Some("run_a")),
        request_log("req_4", 620, Some("run_b")),
    ];
    // The fixtures are what the app decodes.
    for events in [&first[..], &second[..]] {
        serde_json::from_value::<Vec<sandflow_engine::Event>>(json!(events)).expect("events");
    }
    for logs in [&chunk_a[..], &chunk_b[..]] {
        serde_json::from_value::<Vec<sandflow_engine::sandbox::RequestLog>>(json!(logs))
            .expect("logs");
    }
    let mut writes = Writes::new();
    writes
        .put(Store::Events, &v3_event_record(&first, false))
        .expect("put");
    writes
        .put(Store::Events, &v3_event_record(&second, true))
        .expect("put");
    writes
        .put(Store::Logs, &v3_log_chunk(0, &chunk_a))
        .expect("put");
    writes
        .put(Store::Logs, &v3_log_chunk(2, &chunk_b))
        .expect("put");
    old.commit(writes).await.expect("commit");
    old.close();

    let db = Db::open(&name).await.expect("upgrade");
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert!(db
        .index_names(Store::Events)
        .contains(&"by_type".to_owned()));
    let logs_indexes = db.index_names(Store::Logs);
    assert!(logs_indexes.contains(&"by_created".to_owned()));
    assert!(logs_indexes.contains(&"by_run".to_owned()));

    // Before the backfill the v3 records are in none of the new indexes.
    let by_type = Some(migrate::EVENTS_BY_TYPE);
    let by_run = Some(migrate::LOGS_BY_RUN);
    let every_run = (JsValue::from_str(""), Array::new().into());
    assert!(
        walk_all(&db, Store::Events, by_type, of_type("customer.created"), 10)
            .await
            .is_empty()
    );
    assert!(walk_all(&db, Store::Logs, by_run, every_run.clone(), 10)
        .await
        .is_empty());
    let marker: Option<Value> = db.get(Store::Meta, "backfilled_v4").await.expect("get");
    assert!(marker.is_none());

    sandflow::storage::migrate::backfill(&db)
        .await
        .expect("backfill");

    // Each delivery is listed once under each of its types, newest first.
    assert_eq!(
        walk_all(&db, Store::Events, by_type, of_type("invoice.paid"), 10).await,
        ["events_evt_1"]
    );
    assert_eq!(
        walk_all(&db, Store::Events, by_type, of_type("customer.updated"), 10).await,
        ["events_evt_4"]
    );
    assert_eq!(
        walk_all(&db, Store::Events, by_type, of_type("customer.created"), 1).await,
        ["events_evt_4", "events_evt_1"]
    );
    assert!(
        walk_all(&db, Store::Events, by_type, of_type("charge.refunded"), 10)
            .await
            .is_empty()
    );
    // The backfilled record keeps its fields and gains the first time of each type.
    let record: Value = db
        .get(Store::Events, "events_evt_4")
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(
        record["types"],
        json!([["customer.updated", 2_000], ["customer.created", 2_001]])
    );
    assert_eq!(record["pending"], 2_000, "still pending");
    assert_eq!(record["count"], 2);
    assert_eq!(record["created"], 2_000);
    assert_eq!(record["json"], serde_json::to_string(&second).unwrap());
    let record: Value = db
        .get(Store::Events, "events_evt_1")
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(
        record["types"],
        json!([["customer.created", 1_000], ["invoice.paid", 1_001]])
    );
    assert!(record.get("pending").is_none());
    let pending: Vec<Value> = db.pending_events().await.expect("pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["id"], "events_evt_4");

    // Log chunks are listed under each run whose requests they hold, and by time.
    assert_eq!(
        walk_all(
            &db,
            Store::Logs,
            by_run,
            (JsValue::from_str("run_b"), JsValue::from_str("run_b")),
            10
        )
        .await,
        [log_chunk_id(4)]
    );
    assert_eq!(
        walk_all(
            &db,
            Store::Logs,
            by_run,
            (JsValue::from_str("run_a"), JsValue::from_str("run_a")),
            1
        )
        .await,
        [log_chunk_id(4), log_chunk_id(1)]
    );
    assert!(walk_all(
        &db,
        Store::Logs,
        by_run,
        (JsValue::from_str("run_c"), JsValue::from_str("run_c")),
        10
    )
    .await
    .is_empty());
    assert_eq!(
        walk_all(
            &db,
            Store::Logs,
            Some(migrate::LOGS_BY_CREATED),
            up_to(615.0),
            10
        )
        .await,
        [log_chunk_id(1)],
        "a chunk's time is that of its last log"
    );
    let chunk: Value = db
        .get(Store::Logs, &log_chunk_id(4))
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(chunk["created"], 620);
    assert_eq!(chunk["runs"], json!(["run_b", "run_a"]));
    assert_eq!(chunk["first"], 2);
    let back: Vec<Value> = serde_json::from_str(chunk["json"].as_str().unwrap()).unwrap();
    assert_eq!(back, chunk_b);
    let chunk: Value = db
        .get(Store::Logs, &log_chunk_id(1))
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(
        (chunk["created"].clone(), chunk["runs"].clone()),
        (json!(510), json!(["run_a"]))
    );

    let marker: Option<Value> = db.get(Store::Meta, "backfilled_v4").await.expect("get");
    assert!(marker.is_some(), "the backfill is marked done");

    // Again: nothing changes.
    let events_before = db.all::<Value>(Store::Events).await.expect("all").items;
    let logs_before = db.all::<Value>(Store::Logs).await.expect("all").items;
    sandflow::storage::migrate::backfill(&db)
        .await
        .expect("backfill again");
    assert_eq!(
        db.all::<Value>(Store::Events).await.expect("all").items,
        events_before
    );
    assert_eq!(
        db.all::<Value>(Store::Logs).await.expect("all").items,
        logs_before
    );

    // A backfill cut short (no marker) is done again: it fills what still lacks its fields
    // and leaves the records already filled as they are.
    let mut writes = Writes::new();
    writes.delete(Store::Meta, "backfilled_v4");
    let third = [stripe_event("evt_6", "invoice.paid", 3_000)];
    writes
        .put(Store::Events, &v3_event_record(&third, false))
        .expect("put");
    db.commit(writes).await.expect("commit");
    sandflow::storage::migrate::backfill(&db)
        .await
        .expect("backfill resumed");
    assert_eq!(
        walk_all(&db, Store::Events, by_type, of_type("invoice.paid"), 10).await,
        ["events_evt_6", "events_evt_1"]
    );
    let events_after = db.all::<Value>(Store::Events).await.expect("all").items;
    assert_eq!(events_after.len(), 3);
    assert_eq!(&events_after[..2], &events_before[..]);
    assert_eq!(
        db.all::<Value>(Store::Logs).await.expect("all").items,
        logs_before
    );
    let marker: Option<Value> = db.get(Store::Meta, "backfilled_v4").await.expect("get");
    assert!(marker.is_some());
}

#[wasm_bindgen_test]
async fn walk_pages_newest_first_without_gap_or_repeat() {
    let db = Db::open(&unique_name("walk")).await.expect("open");
    // 25 deliveries; their times repeat every 9 (three or two deliveries a time), so ids
    // and times do not sort alike and many index keys are equal.
    let kind = |n: u32| {
        if n.is_multiple_of(4) {
            "customer.created"
        } else {
            "invoice.paid"
        }
    };
    let mut all: Vec<(i64, String, &str)> = Vec::new();
    let mut writes = Writes::new();
    for n in 0..25u32 {
        let created = 1_000 + i64::from(n % 9);
        let id = format!("events_evt_{n:03}");
        let event = stripe_event(&format!("evt_{n:03}"), kind(n), created);
        writes
            .put(
                Store::Events,
                &json!({
                    "id": id,
                    "format": 1,
                    "created": created,
                    "count": 1,
                    "types": [[kind(n), created]],
                    "json": serde_json::to_string(&[event]).unwrap(),
                }),
            )
            .expect("put");
        all.push((created, id, kind(n)));
    }
    db.commit(writes).await.expect("commit");
    all.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    let ids = |keep: &dyn Fn(&(i64, String, &str)) -> bool| -> Vec<String> {
        all.iter()
            .filter(|e| keep(e))
            .map(|e| e.1.clone())
            .collect()
    };

    let by_created = Some(migrate::EVENTS_BY_CREATED);
    let steps = walk_ids(
        &db,
        Store::Events,
        by_created,
        up_to(f64::INFINITY),
        4,
        |_| true,
    )
    .await;
    let walked = steps.concat();
    assert_eq!(
        walked,
        ids(&|_| true),
        "(created, id) descending, each once"
    );
    assert_eq!(steps.len(), 7, "25 records, 4 a step");
    assert!(steps[..6].iter().all(|s| s.len() == 4));

    // `keep` only chooses what a step returns: the walk reads as far, in as many steps.
    let steps = walk_ids(
        &db,
        Store::Events,
        by_created,
        up_to(f64::INFINITY),
        4,
        |r| r.contains("customer.created"),
    )
    .await;
    assert_eq!(steps.len(), 7);
    assert!(steps.iter().any(Vec::is_empty), "a step may keep nothing");
    assert_eq!(steps.concat(), ids(&|e| e.2 == "customer.created"));

    // A bounded range leaves out the newer records.
    assert_eq!(
        walk_all(&db, Store::Events, by_created, up_to(1_004.0), 4).await,
        ids(&|e| e.0 <= 1_004)
    );
    assert_eq!(
        walk_all(
            &db,
            Store::Events,
            by_created,
            (JsValue::from_f64(1_002.0), JsValue::from_f64(1_004.0)),
            2
        )
        .await,
        ids(&|e| (1_002..=1_004).contains(&e.0))
    );

    // By type, newest first, with one record a step.
    assert_eq!(
        walk_all(
            &db,
            Store::Events,
            Some(migrate::EVENTS_BY_TYPE),
            of_type("customer.created"),
            1
        )
        .await,
        ids(&|e| e.2 == "customer.created")
    );

    // Without an index: by id, newest first.
    let mut by_id = ids(&|_| true);
    by_id.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        walk_all(
            &db,
            Store::Events,
            None,
            (JsValue::from_str(""), Array::new().into()),
            3
        )
        .await,
        by_id
    );
}

#[wasm_bindgen_test]
async fn retention_deletes_old_log_chunks() {
    let db = Db::open(&unique_name("log-retention")).await.expect("open");
    let mut writes = Writes::new();
    for (last, created, run) in [(1_u64, 10, "run_a"), (3, 50, "run_b"), (5, 100, "run_a")] {
        let logs = [
            request_log(&format!("req_{}", last - 1), created - 1, Some(run)),
            request_log(&format!("req_{last}"), created, Some(run)),
        ];
        writes
            .put(
                Store::Logs,
                &json!({
                    "id": log_chunk_id(last),
                    "format": 1,
                    "first": last - 1,
                    "created": created,
                    "runs": [run],
                    "json": serde_json::to_string(&logs).unwrap(),
                }),
            )
            .expect("put");
    }
    db.commit(writes).await.expect("commit");

    let mut writes = Writes::new();
    writes.delete_older_than(50);
    db.commit(writes).await.expect("prune");
    let left: Vec<Value> = db.all(Store::Logs).await.expect("all").items;
    let ids: Vec<&str> = left.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [log_chunk_id(3), log_chunk_id(5)],
        "made at 50 or later"
    );
    assert_eq!(
        walk_all(
            &db,
            Store::Logs,
            Some(migrate::LOGS_BY_RUN),
            (JsValue::from_str("run_a"), JsValue::from_str("run_a")),
            10
        )
        .await,
        [log_chunk_id(5)]
    );

    let mut writes = Writes::new();
    writes.delete_older_than(101);
    db.commit(writes).await.expect("prune");
    assert!(db
        .all::<Value>(Store::Logs)
        .await
        .expect("all")
        .items
        .is_empty());
}

/// A small record to write in the sequence tests.
fn note(id: &str) -> Note {
    Note {
        id: id.to_owned(),
        text: "written by a tab".to_owned(),
        count: 1,
        tags: vec![],
    }
}

/// Two tabs that read the account at the same write sequence both try to store a change:
/// the second is refused (compare and set inside the transaction), writes nothing, and
/// the sequence counts one write.
#[wasm_bindgen_test]
async fn a_write_from_a_tab_behind_storage_is_refused_and_writes_nothing() {
    let db = Db::open(&unique_name("seq")).await.expect("open");
    assert_eq!(db.seq().await.expect("seq"), 0);
    let mut first = Writes::new();
    first.put(Store::Meta, &note("first")).expect("put");
    first.guard(0);
    db.commit(first).await.expect("the first write is stored");
    let mut second = Writes::new();
    second.put(Store::Meta, &note("second")).expect("put");
    second.guard(0);
    let refused = db.commit(second).await;
    assert!(
        matches!(refused, Err(sandflow::storage::StorageError::Stale)),
        "a write expecting sequence 0 after one write is refused: {refused:?}"
    );
    assert_eq!(db.seq().await.expect("seq"), 1);
    assert!(db
        .get::<Note>(Store::Meta, "first")
        .await
        .expect("read")
        .is_some());
    assert!(db
        .get::<Note>(Store::Meta, "second")
        .await
        .expect("read")
        .is_none());
    // Caught up, the same tab writes.
    let mut again = Writes::new();
    again.put(Store::Meta, &note("second")).expect("put");
    again.guard(1);
    db.commit(again).await.expect("stored once caught up");
    assert_eq!(db.seq().await.expect("seq"), 2);
}

/// A reset empties `meta` in the same transaction that moves the sequence: the sequence is
/// still counted afterwards (it is written after the clear).
#[wasm_bindgen_test]
async fn the_write_sequence_survives_a_write_that_empties_meta() {
    let db = Db::open(&unique_name("seq-clear")).await.expect("open");
    let mut writes = Writes::new();
    writes.guard(0);
    db.commit(writes).await.expect("stored");
    let mut reset = Writes::new();
    reset.clear(Store::Meta);
    reset.guard(1);
    db.commit(reset).await.expect("stored");
    assert_eq!(db.seq().await.expect("seq"), 2);
}

/// A bulk send queues its writes back to back as a chain. When one of them does not
/// commit (a full disk), IndexedDB itself refuses every later one, so no later write can
/// store state that assumes the missing one.
#[wasm_bindgen_test]
async fn a_chained_write_after_one_that_did_not_commit_is_refused() {
    let db = Db::open(&unique_name("chain")).await.expect("open");
    let mut open = Writes::new();
    open.open_chain(0, 4);
    db.commit(open).await.expect("the chain opens");
    // The opening moves the sequence past every link at once.
    assert_eq!(db.seq().await.expect("seq"), 5);
    let mut second = Writes::new();
    second.put(Store::Meta, &note("second")).expect("put");
    second.chain(2);
    db.commit(second).await.expect("the first link commits");
    // The write that sets the sequence to 3 never commits; the one after it must not.
    let mut fourth = Writes::new();
    fourth.put(Store::Meta, &note("fourth")).expect("put");
    fourth.chain(4);
    let refused = db.commit(fourth).await;
    assert!(
        matches!(refused, Err(sandflow::storage::StorageError::Stale)),
        "{refused:?}"
    );
    assert!(db
        .get::<Note>(Store::Meta, "fourth")
        .await
        .expect("read")
        .is_none());
    // In order, the chain goes on.
    for (n, id) in [(3, "third"), (4, "fourth")] {
        let mut w = Writes::new();
        w.put(Store::Meta, &note(id)).expect("put");
        w.chain(n);
        db.commit(w).await.expect("in order");
    }
    assert!(db
        .get::<Note>(Store::Meta, "fourth")
        .await
        .expect("read")
        .is_some());
    // A tab that read the account before the chain is refused.
    let mut stale = Writes::new();
    stale.guard(1);
    assert!(db.commit(stale).await.is_err());
}

/// Real runs of a gallery workflow, made by the engine: one per generated event of its
/// trigger type, `spacing` seconds of sandbox time apart.
fn engine_runs(
    count: usize,
    spacing: i64,
) -> (sandflow_engine::Workflow, Vec<sandflow_engine::Run>) {
    use sandflow_engine::sandbox::Sandbox;
    use sandflow_engine::{templates, Dispatcher, SandboxCatalog, Workflows};
    let now = 1_700_000_000;
    let mut sandbox = Sandbox::new(now, 7);
    let mut dispatcher = Dispatcher::new(9);
    let mut all = Workflows::new();
    let mut workflow = templates()[0].instantiate(dispatcher.ids(), now);
    // Every event of the trigger type runs it.
    if let Some(trigger) = workflow.trigger.as_mut() {
        trigger.condition = None;
    }
    let id = workflow.id.clone();
    all.add(workflow, &SandboxCatalog).expect("add");
    let problems = all.activate(&id, &SandboxCatalog, now).expect("activate");
    assert!(problems.problems.is_empty(), "{problems:?}");
    let workflow = all.get(&id).expect("workflow").clone();
    let kind = workflow.event_type().expect("trigger").to_owned();
    let mut runs = Vec::new();
    for _ in 0..count {
        sandbox.advance(spacing);
        sandbox.take_events();
        sandbox
            .generate_event(&kind, &serde_json::Map::new())
            .expect("generate");
        for event in sandbox.take_events() {
            let done = dispatcher.dispatch(std::slice::from_ref(&workflow), &event, &mut sandbox);
            runs.extend(done.runs);
        }
    }
    (workflow, runs)
}

/// What both implementations of `Storage` must do alike: keep workflows and runs, page and
/// count runs, refuse a write from behind, delete a workflow with its runs, prune.
async fn storage_keeps_and_reads_alike(storage: sandflow::storage::Storage) {
    use sandflow::storage::RunFilter;
    let (workflow, runs) = engine_runs(5, 60);
    assert!(
        runs.len() >= 5,
        "the template runs on its trigger: {}",
        runs.len()
    );
    let seq = storage.seq().await.expect("seq");

    let mut change = storage.change();
    change.put_workflow(&workflow, None).expect("workflow");
    change.put_runs(&runs).expect("runs");
    change.guard(seq);
    storage.commit(change).await.expect("commit");
    assert_eq!(storage.seq().await.expect("seq"), seq + 1);

    // A change guarded by a sequence storage has passed is refused and changes nothing.
    let mut behind = storage.change();
    behind.delete_workflow(&workflow.id);
    behind.guard(seq);
    assert!(matches!(
        storage.commit(behind).await,
        Err(sandflow::storage::StorageError::Stale)
    ));

    let stored = storage.workflows().await.expect("workflows");
    assert!(stored.problems.is_empty());
    assert_eq!(stored.live, vec![workflow.clone()]);
    assert!(stored.drafts.is_empty());
    let newest = runs.last().expect("a run");
    assert_eq!(
        storage.run(&newest.id).await.expect("run").as_ref(),
        Some(newest)
    );

    // Two pages of three, newest first, without a gap or a repeat.
    let first = storage
        .runs_page(&workflow.id, RunFilter::default(), None, 3)
        .await
        .expect("page");
    let last = first.last().expect("a full page");
    let second = storage
        .runs_page(
            &workflow.id,
            RunFilter::default(),
            Some((last.started, &last.id)),
            3,
        )
        .await
        .expect("page");
    let mut paged: Vec<&str> = first.iter().chain(&second).map(|r| r.id.as_str()).collect();
    let mut expected: Vec<&str> = runs.iter().rev().map(|r| r.id.as_str()).collect();
    expected.truncate(paged.len());
    assert_eq!(paged.len(), runs.len().min(6));
    assert_eq!(paged, expected);
    paged.clear();

    let counts = storage
        .count_runs(
            &workflow.id,
            RunFilter::default(),
            &[None, Some((0, runs[0].started + 1))],
        )
        .await
        .expect("counts");
    let at_first = runs.iter().filter(|r| r.started <= runs[0].started).count() as u32;
    assert_eq!(counts, vec![runs.len() as u32, at_first]);
    let figures = storage
        .run_figures(std::slice::from_ref(&workflow.id))
        .await
        .expect("figures");
    assert_eq!(figures, vec![(runs.len() as u32, Some(newest.status))]);

    // Retention: what started before the third run goes.
    let cutoff = runs[2].started;
    let older = runs.iter().filter(|r| r.started < cutoff).count() as u32;
    assert!(older > 0);
    assert_eq!(
        storage.count_older_than(cutoff).await.expect("count").0,
        older
    );
    let mut prune = storage.change();
    prune.delete_older_than(cutoff);
    storage.commit(prune).await.expect("prune");
    let left = storage
        .count_runs(&workflow.id, RunFilter::default(), &[None])
        .await
        .expect("count");
    assert_eq!(left, vec![runs.len() as u32 - older]);

    // Saved tests: kept oldest first, one deleted alone, the rest with the workflow.
    let tests: Vec<sandflow_engine::TestCase> = runs
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, run)| {
            let mut test = sandflow_engine::TestCase::from_outcome(
                format!("test_{i}"),
                format!("Test {i}"),
                &workflow,
                &run.event,
                Some(run),
                &sandflow_engine::sandbox::Sandbox::new(run.started, 1),
                run.started + i as i64,
            );
            test.workflow_id = workflow.id.clone();
            test
        })
        .collect();
    let mut put = storage.change();
    for test in tests.iter().rev() {
        put.put_test(test).expect("test");
    }
    storage.commit(put).await.expect("tests");
    let read = storage.tests(&workflow.id).await.expect("tests");
    assert!(read.problems.is_empty());
    assert_eq!(read.tests, tests);
    assert!(storage
        .tests("wf_other")
        .await
        .expect("tests")
        .tests
        .is_empty());
    let mut drop_one = storage.change();
    drop_one.delete_test(&workflow.id, &tests[1].id);
    storage.commit(drop_one).await.expect("delete a test");
    let left: Vec<String> = storage
        .tests(&workflow.id)
        .await
        .expect("tests")
        .tests
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(left, vec![tests[0].id.clone(), tests[2].id.clone()]);

    // Deleting the workflow deletes its runs.
    let mut delete = storage.change();
    delete.delete_workflow(&workflow.id);
    storage.commit(delete).await.expect("delete");
    assert!(storage
        .workflows()
        .await
        .expect("workflows")
        .live
        .is_empty());
    assert_eq!(storage.run(&newest.id).await.expect("run"), None);
    assert!(storage
        .tests(&workflow.id)
        .await
        .expect("tests")
        .tests
        .is_empty());
}

#[wasm_bindgen_test]
async fn an_unreadable_saved_test_is_reported_and_hides_no_other() {
    use sandflow::storage::Storage;
    let name = unique_name("tests-store");
    let (workflow, runs) = engine_runs(2, 60);
    let (storage, refused) = Storage::open(&name, || {}).await;
    assert!(refused.is_none(), "{refused:?}");
    let test = sandflow_engine::TestCase::from_outcome(
        "test_good".into(),
        "Good".into(),
        &workflow,
        &runs[0].event,
        Some(&runs[0]),
        &sandflow_engine::sandbox::Sandbox::new(runs[0].started, 1),
        runs[0].started,
    );
    let mut put = storage.change();
    put.put_test(&test).expect("test");
    storage.commit(put).await.expect("commit");
    let db = Db::open(&name).await.expect("open");
    let mut writes = Writes::new();
    writes
        .put(
            Store::Tests,
            &json!({"id": format!("{}:test_bad", workflow.id), "format": 1,
                    "workflow_id": workflow.id, "json": "{\"id\": 3"}),
        )
        .expect("put");
    db.commit(writes).await.expect("commit");
    let read = storage.tests(&workflow.id).await.expect("tests");
    assert_eq!(read.tests, vec![test]);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
}

#[wasm_bindgen_test]
async fn memory_storage_keeps_and_reads_like_indexeddb() {
    storage_keeps_and_reads_alike(sandflow::storage::Storage::memory()).await;
}

#[wasm_bindgen_test]
async fn indexeddb_storage_keeps_and_reads_like_memory() {
    let (storage, refused) =
        sandflow::storage::Storage::open(&unique_name("interface"), || {}).await;
    assert!(refused.is_none(), "{refused:?}");
    storage_keeps_and_reads_alike(storage).await;
}

/// Runs that started in the same second of sandbox time are listed in the order they ran,
/// newest first, whatever order they were written in: the dispatcher's ids sort as made.
async fn same_second_runs_list_in_the_order_they_ran(storage: sandflow::storage::Storage) {
    use sandflow::storage::RunFilter;
    let (workflow, mut runs) = engine_runs(8, 60);
    for run in &mut runs {
        run.started = 1_700_000_000;
    }
    let made: Vec<String> = runs.iter().rev().map(|r| r.id.clone()).collect();
    // Written newest first, then the others in a shuffled order, one change each.
    let order = [7, 0, 5, 2, 6, 1, 3, 4];
    let mut change = storage.change();
    change.put_workflow(&workflow, None).expect("workflow");
    storage.commit(change).await.expect("commit");
    for i in order.iter().filter(|&&i| i < runs.len()) {
        let mut change = storage.change();
        change.put_runs(std::slice::from_ref(&runs[*i])).expect("run");
        storage.commit(change).await.expect("commit");
    }
    let mut listed = Vec::new();
    let mut before: Option<(i64, String)> = None;
    loop {
        let page = storage
            .runs_page(
                &workflow.id,
                RunFilter::default(),
                before.as_ref().map(|(t, id)| (*t, id.as_str())),
                3,
            )
            .await
            .expect("page");
        let Some(last) = page.last() else { break };
        before = Some((last.started, last.id.clone()));
        listed.extend(page.iter().map(|r| r.id.clone()));
    }
    assert_eq!(listed, made);
}

#[wasm_bindgen_test]
async fn runs_of_one_second_list_in_the_order_they_ran_in_memory_and_indexeddb() {
    same_second_runs_list_in_the_order_they_ran(sandflow::storage::Storage::memory()).await;
    let (storage, refused) =
        sandflow::storage::Storage::open(&unique_name("same-second"), || {}).await;
    assert!(refused.is_none(), "{refused:?}");
    same_second_runs_list_in_the_order_they_ran(storage).await;
}

#[wasm_bindgen_test]
async fn a_version_4_database_pins_its_workflows_and_runs_to_v1() {
    use sandflow::storage::{RunFilter, Storage};
    let name = unique_name("v4-to-v5");
    let (workflow, runs) = engine_runs(3, 60);
    migrate::ensure(&name, 4, || {}).await.expect("v4");
    let old = Database::open(name.as_str()).await.expect("open v4");
    let tx = old
        .transaction(["workflows", "runs"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("tx");
    // As version 4 wrote them: JSON text beside the indexed fields, no version anywhere.
    let mut definition = serde_json::to_value(&workflow).expect("json");
    definition
        .as_object_mut()
        .expect("object")
        .remove("version");
    tx.object_store("workflows")
        .expect("store")
        .put(json!({ "id": workflow.id, "format": 1, "json": definition.to_string() }))
        .serde()
        .expect("put")
        .await
        .expect("put");
    for run in &runs {
        let mut text = serde_json::to_value(run).expect("json");
        text["workflow"]
            .as_object_mut()
            .expect("object")
            .remove("version");
        tx.object_store("runs")
            .expect("store")
            .put(json!({
                "id": run.id, "format": 1, "workflow_id": run.workflow_id,
                "status": "succeeded", "started": run.started, "json": text.to_string(),
            }))
            .serde()
            .expect("put")
            .await
            .expect("put");
    }
    tx.commit().await.expect("commit");
    old.close();

    let (storage, refused) = Storage::open(&name, || {}).await;
    assert!(refused.is_none(), "{refused:?}");
    storage.backfill().await.expect("backfill");
    let stored = storage.workflows().await.expect("workflows");
    assert_eq!(stored.live.len(), 1);
    assert_eq!(stored.live[0].version, 1, "an existing workflow is v1");
    let versions = storage.versions(&workflow.id).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].number, 1);
    assert_eq!(versions[0].definition, stored.live[0]);
    let v1 = RunFilter {
        status: None,
        version: Some(1),
    };
    let counted = storage
        .count_runs(&workflow.id, v1, &[None])
        .await
        .expect("count");
    assert_eq!(
        counted,
        vec![runs.len() as u32],
        "every existing run is pinned to v1"
    );
    let page = storage
        .runs_page(&workflow.id, v1, None, 10)
        .await
        .expect("page");
    assert_eq!(page.len(), runs.len());
    assert!(page.iter().all(|r| r.workflow.version == 1));
    let v2 = RunFilter {
        status: None,
        version: Some(2),
    };
    assert_eq!(
        storage
            .count_runs(&workflow.id, v2, &[None])
            .await
            .expect("count"),
        vec![0]
    );
    // Done once: a second backfill finds nothing to do and changes nothing.
    storage.backfill().await.expect("backfill again");
    assert_eq!(
        storage
            .versions(&workflow.id)
            .await
            .expect("versions")
            .len(),
        1
    );
}
