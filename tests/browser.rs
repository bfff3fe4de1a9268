//! Browser tests (wasm-bindgen-test in headless Chromium) for what only a browser has:
//! IndexedDB. Each test opens its own database name so tests never see each other's data.

#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use sandflow::storage::{schema, Db, RunQuery, Store, Writes, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
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
            "by_workflow_status"
        ]
    );
    assert_eq!(sorted(Store::Events), ["by_created", "pending"]);
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
    schema::ensure(&name, 1, || {}).await.expect("v1");
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
    schema::ensure(&name, 2, || {}).await.expect("v2");
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
