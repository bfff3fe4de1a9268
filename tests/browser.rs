//! Browser tests (wasm-bindgen-test in headless Chromium) for what only a browser has:
//! IndexedDB. Each test opens its own database name so tests never see each other's data.

#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use sandflow::storage::{schema, Db, Store, SCHEMA_VERSION};
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
    let mut run_indexes = db.index_names(Store::Runs);
    run_indexes.sort();
    assert_eq!(run_indexes, vec!["by_status", "by_workflow"]);
    assert_eq!(db.index_names(Store::Events), vec!["by_type"]);
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
    json!({ "id": format!("run_{workflow}_{n:04}"), "workflow_id": workflow, "started": started, "status": "succeeded" })
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
    assert_eq!(db.count_runs("wf_a").await.expect("count"), 120);
    assert_eq!(db.count_runs("wf_b").await.expect("count"), 30);
    assert_eq!(db.count_runs("wf_c").await.expect("count"), 0);

    let mut seen: Vec<Value> = Vec::new();
    let mut before: Option<(i64, String)> = None;
    loop {
        let page: Vec<Value> = db
            .runs_page("wf_a", before.as_ref().map(|(t, id)| (*t, id.as_str())), 50)
            .await
            .expect("page");
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 50);
        let last = page.last().expect("non-empty");
        before = Some((
            last["started"].as_i64().unwrap(),
            last["id"].as_str().unwrap().to_owned(),
        ));
        seen.extend(page);
    }
    assert_eq!(seen.len(), 120, "every run exactly once");
    assert!(seen.iter().all(|r| r["workflow_id"] == "wf_a"));
    let keys: Vec<(i64, String)> = seen
        .iter()
        .map(|r| {
            (
                r["started"].as_i64().unwrap(),
                r["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "newest first");
    assert_eq!(keys[0].1, "run_wf_a_0119");
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
    let runs: Vec<Value> = db.runs_page("wf_old", None, 10).await.expect("page");
    assert_eq!(
        runs.len(),
        1,
        "the old run is reachable through the new index"
    );
    assert_eq!(runs[0]["id"], "run_wf_old_0001");
}
