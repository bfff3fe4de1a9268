//! Browser tests (wasm-bindgen-test in headless Chromium) for what only a browser has:
//! IndexedDB. Each test opens its own database name so tests never see each other's data.

#![cfg(target_arch = "wasm32")]

use sandflow::storage::{Db, Store, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
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
    assert_eq!(SCHEMA_VERSION, 1);
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
