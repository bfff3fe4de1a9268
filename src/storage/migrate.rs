//! The database schema, its versions and their upgrades.
//!
//! Upgrades are written against web-sys directly: adding an index to a store that already
//! exists needs the version-change transaction, which `indexed_db_futures` does not expose.
//! [`ensure`] opens the database at the wanted version, runs every missing step in that
//! transaction and closes it again; the rest of the storage code then opens it normally.
//!
//! Two upgrades rewrite records, which a version-change transaction cannot do from Rust:
//! [`backfill`] gives the event and log records of versions before 4 the fields the version
//! 4 indexes read, once, after opening; and the account of the first format (one record
//! holding all of it) is rewritten in pieces the first time it is read ([`whole_account`]).

use js_sys::{Array, Promise};
use sandflow_engine::sandbox::RequestLog;
use sandflow_engine::{Version, Workflow};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransaction,
};

use super::browser::Browser;
use super::records::{
    delivery_id, event_types, parse, version_id, EventBatch, LogChunk, TextRecord, VersionRecord,
    Whole, ACCOUNT_ID,
};
use super::{Account, Db, StorageError, Store, Stored, Walk, Writes, RECORD_FORMAT};

/// The schema version this build of Sandflow writes. Version 1 (the first release) had the
/// seven stores and no index; version 2 added the indexes the Recent runs, Workbench and
/// retention queries use; version 3 added runs by workflow and status (the status filter
/// of Recent runs and its chart), runs and events by time (retention), the runs that sent
/// emails (the Outbox) and the events not dispatched yet (recovery after a closed tab); it
/// dropped events by type, as events are stored a delivery to a record. Version 4 indexes
/// delivery records by each event type they hold and request log records by time and by
/// the runs whose requests they hold (the Workbench reads older history through them).
/// Version 5 adds the `versions` store (published versions of workflows) and runs by
/// workflow and version (Recent runs by version, each version's run count). Version 6
/// adds the `tests` store (each workflow's saved test cases).
pub const SCHEMA_VERSION: u32 = 6;

/// The store of published versions (from version 5), keyed `<workflow id>:<number>`.
pub const VERSIONS_STORE: &str = "versions";

/// The store of saved test cases (from version 6), keyed `<workflow id>:<test id>`.
pub const TESTS_STORE: &str = "tests";

/// The object stores of version 1, each keyed by the record's `id`.
pub const STORES: [&str; 7] = [
    "workflows",
    "runs",
    "events",
    "objects",
    "logs",
    "outbox",
    "meta",
];

/// Runs by workflow, newest last: `[workflow_id, started, id]`.
pub const RUNS_BY_WORKFLOW: &str = "by_workflow";
/// Runs by status and time: `[status, started]`.
pub const RUNS_BY_STATUS: &str = "by_status";
/// Runs of a workflow by status, newest last: `[workflow_id, status, started, id]`.
pub const RUNS_BY_WORKFLOW_STATUS: &str = "by_workflow_status";
/// Runs by start time: `started`.
pub const RUNS_BY_STARTED: &str = "by_started";
/// Event records by creation time: `created` (recent events, retention).
pub const EVENTS_BY_CREATED: &str = "by_created";
/// Event records written but not dispatched yet: `pending`, a field only they have.
pub const EVENTS_PENDING: &str = "pending";
/// Runs that sent emails, by start time: `emailed`, a field only such runs have (the
/// Outbox).
pub const RUNS_BY_EMAILED: &str = "by_emailed";
/// Events by type and time. Version 2: `[type, created]` of a record per event; from
/// version 4, multi-entry over `types`, the `[type, created]` of each type a delivery
/// record holds.
pub const EVENTS_BY_TYPE: &str = "by_type";
/// Request log records by the time of their last log: `created` (retention).
pub const LOGS_BY_CREATED: &str = "by_created";
/// Request log records by run, multi-entry over `runs`, the runs whose requests they hold.
pub const LOGS_BY_RUN: &str = "by_run";
/// Runs of a workflow by version, newest last: `[workflow_id, version, started, id]`.
pub const RUNS_BY_WORKFLOW_VERSION: &str = "by_workflow_version";
/// Runs of a workflow by version and status, newest last:
/// `[workflow_id, version, status, started, id]`.
pub const RUNS_BY_WORKFLOW_VERSION_STATUS: &str = "by_workflow_version_status";

/// Opens `name` at `version`, applying the upgrade steps it lacks, then closes it.
/// `on_blocked` is called when another tab holds an older version open.
pub async fn ensure(
    name: &str,
    version: u32,
    on_blocked: impl Fn() + 'static,
) -> Result<(), String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(describe)?
        .ok_or("IndexedDB is not available in this browser mode")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(name, version).map_err(describe)?;

    let upgrade_request = request.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
        move |event: web_sys::IdbVersionChangeEvent| {
            let old = event.old_version() as u32;
            let Ok(result) = upgrade_request.result() else {
                return;
            };
            let db: IdbDatabase = result.unchecked_into();
            let Some(tx) = upgrade_request.transaction() else {
                return;
            };
            if let Err(e) = upgrade(&db, &tx, old, version) {
                web_sys::console::error_1(&e);
                let _ = tx.abort();
            }
        },
    );
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let blocked = Closure::<dyn FnMut()>::new(on_blocked);
    request.set_onblocked(Some(blocked.as_ref().unchecked_ref()));

    let done_request = request.clone();
    let opened = Promise::new(&mut |resolve, reject| {
        let ok_request = done_request.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_request.result().unwrap_or(JsValue::NULL),
            );
        });
        let err_request = done_request.clone();
        let err = Closure::once_into_js(move || {
            let reason = err_request
                .error()
                .ok()
                .flatten()
                .map(|e| JsValue::from(e.message()))
                .unwrap_or_else(|| JsValue::from("the database could not be opened"));
            let _ = reject.call1(&JsValue::NULL, &reason);
        });
        done_request.set_onsuccess(Some(ok.unchecked_ref()));
        done_request.set_onerror(Some(err.unchecked_ref()));
    });
    let result = JsFuture::from(opened).await.map_err(describe)?;
    drop(on_upgrade);
    drop(blocked);
    let db: IdbDatabase = result.unchecked_into();
    db.close();
    Ok(())
}

/// One step per version from `old` up to `new`, each run once, in order.
fn upgrade(db: &IdbDatabase, tx: &IdbTransaction, old: u32, new: u32) -> Result<(), JsValue> {
    if old < 1 && new >= 1 {
        for name in STORES {
            let params = IdbObjectStoreParameters::new();
            params.set_key_path(&JsValue::from_str("id"));
            db.create_object_store_with_optional_parameters(name, &params)?;
        }
    }
    if old < 2 && new >= 2 {
        let runs = tx.object_store("runs")?;
        runs.create_index_with_str_sequence_and_optional_parameters(
            RUNS_BY_WORKFLOW,
            &compound(&["workflow_id", "started", "id"]),
            &IdbIndexParameters::new(),
        )?;
        runs.create_index_with_str_sequence_and_optional_parameters(
            RUNS_BY_STATUS,
            &compound(&["status", "started"]),
            &IdbIndexParameters::new(),
        )?;
        tx.object_store("events")?
            .create_index_with_str_sequence_and_optional_parameters(
                EVENTS_BY_TYPE,
                &compound(&["type", "created"]),
                &IdbIndexParameters::new(),
            )?;
    }
    if old < 3 && new >= 3 {
        let runs = tx.object_store("runs")?;
        runs.create_index_with_str_sequence_and_optional_parameters(
            RUNS_BY_WORKFLOW_STATUS,
            &compound(&["workflow_id", "status", "started", "id"]),
            &IdbIndexParameters::new(),
        )?;
        runs.create_index_with_str_and_optional_parameters(
            RUNS_BY_STARTED,
            "started",
            &IdbIndexParameters::new(),
        )?;
        let events = tx.object_store("events")?;
        events.create_index_with_str_and_optional_parameters(
            EVENTS_BY_CREATED,
            "created",
            &IdbIndexParameters::new(),
        )?;
        events.create_index_with_str_and_optional_parameters(
            EVENTS_PENDING,
            "pending",
            &IdbIndexParameters::new(),
        )?;
        runs.create_index_with_str_and_optional_parameters(
            RUNS_BY_EMAILED,
            "emailed",
            &IdbIndexParameters::new(),
        )?;
        // Events are stored a delivery to a record from version 3: no `type` to index.
        events.delete_index(EVENTS_BY_TYPE)?;
    }
    if old < 4 && new >= 4 {
        // Records written before hold no `types`, `created` or `runs`: the app fills them
        // in once after opening ([`backfill`]), as that needs their JSON decoded.
        let multi = IdbIndexParameters::new();
        multi.set_multi_entry(true);
        tx.object_store("events")?
            .create_index_with_str_and_optional_parameters(EVENTS_BY_TYPE, "types", &multi)?;
        let logs = tx.object_store("logs")?;
        logs.create_index_with_str_and_optional_parameters(
            LOGS_BY_CREATED,
            "created",
            &IdbIndexParameters::new(),
        )?;
        logs.create_index_with_str_and_optional_parameters(LOGS_BY_RUN, "runs", &multi)?;
    }
    if old < 5 && new >= 5 {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        db.create_object_store_with_optional_parameters(VERSIONS_STORE, &params)?;
        // Runs written before hold no `version`: the app gives them version 1 once after
        // opening ([`backfill`]), and stores v1 of each workflow.
        let runs = tx.object_store("runs")?;
        runs.create_index_with_str_sequence_and_optional_parameters(
            RUNS_BY_WORKFLOW_VERSION,
            &compound(&["workflow_id", "version", "started", "id"]),
            &IdbIndexParameters::new(),
        )?;
        runs.create_index_with_str_sequence_and_optional_parameters(
            RUNS_BY_WORKFLOW_VERSION_STATUS,
            &compound(&["workflow_id", "version", "status", "started", "id"]),
            &IdbIndexParameters::new(),
        )?;
    }
    if old < 6 && new >= 6 {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        db.create_object_store_with_optional_parameters(TESTS_STORE, &params)?;
    }
    Ok(())
}

fn compound(fields: &[&str]) -> JsValue {
    fields
        .iter()
        .map(|f| JsValue::from_str(f))
        .collect::<Array>()
        .into()
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.message())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The markers, in `meta`, that the records of earlier versions were given what the
/// version 4 indexes read, and what version 5 reads.
const BACKFILLED: &str = "backfilled_v4";
const BACKFILLED_V5: &str = "backfilled_v5";

/// Gives the records of earlier versions what later versions read, once each (a marker in
/// `meta` says it is done): the event and request log records of versions before 4 the
/// fields the version 4 indexes read (`types`; `created` and `runs`); the runs of versions
/// before 5 their version (1), and each workflow its v1 in `versions`. Each step of a walk
/// is its own transaction; a step cut short is done again on the next start-up, which finds
/// the rewritten records already have their fields.
pub async fn backfill(db: &Db) -> Result<(), StorageError> {
    if db.get::<Marker>(Store::Meta, BACKFILLED).await?.is_none() {
        backfill_v4(db).await?;
        let mut writes = Writes::new();
        put_marker(&mut writes, BACKFILLED)?;
        db.commit(writes).await?;
    }
    if db
        .get::<Marker>(Store::Meta, BACKFILLED_V5)
        .await?
        .is_none()
    {
        backfill_v5(db).await?;
        let mut writes = Writes::new();
        put_marker(&mut writes, BACKFILLED_V5)?;
        db.commit(writes).await?;
    }
    Ok(())
}

async fn backfill_v4(db: &Db) -> Result<(), StorageError> {
    for store in [Store::Events, Store::Logs] {
        let field = if store == Store::Events {
            "types"
        } else {
            "created"
        };
        let mut mark = None;
        loop {
            let (records, next) = db
                .walk_step(&Walk::every(store), mark.as_ref(), 100, |r| !r.has(field))
                .await?;
            let mut writes = Writes::new();
            for record in records {
                // A record that no longer reads is left as it is (the Workbench says so
                // when it reaches it) rather than stopping the backfill for good.
                if store == Store::Events {
                    let Ok(mut batch) = record.record::<EventBatch>() else {
                        continue;
                    };
                    let Ok(events) = batch.events() else {
                        continue;
                    };
                    batch.types = event_types(&events);
                    writes.put(store, &batch)?;
                } else {
                    let Ok(chunk) = record.record::<LogChunk>() else {
                        continue;
                    };
                    let Ok(logs) = chunk.logs() else {
                        continue;
                    };
                    let logs: Vec<RequestLog> = logs.into_iter().map(|(_, l)| l).collect();
                    match LogChunk::new(chunk.first, &logs) {
                        Some(filled) => writes.put(store, &filled)?,
                        // No log in it: nothing to keep.
                        None => writes.delete(store, chunk.id),
                    }
                }
            }
            db.commit(writes).await?;
            match next {
                Some(next) => mark = Some(next),
                None => break,
            }
        }
    }
    Ok(())
}

/// Runs without a version ran the only version there was: v1. The field is set on the
/// stored object as it is (its JSON text reads as v1 already), so nothing is decoded.
async fn backfill_v5(db: &Db) -> Result<(), StorageError> {
    let mut mark = None;
    loop {
        let (records, next) = db
            .walk_step(&Walk::every(Store::Runs), mark.as_ref(), 500, |r| {
                !r.has("version")
            })
            .await?;
        let mut writes = Writes::new();
        for record in records {
            writes.put_stored(Store::Runs, record.with_number("version", 1.0));
        }
        db.commit(writes).await?;
        match next {
            Some(next) => mark = Some(next),
            None => break,
        }
    }
    let stored = db.all::<Stored>(Store::Workflows).await?;
    let mut writes = Writes::new();
    for record in stored.items {
        // A workflow that no longer reads is left as it is (start-up says so).
        let Ok(live) = record.decode::<Workflow>() else {
            continue;
        };
        if let Some(version) = Version::of(&live, live.updated, "") {
            if db
                .get::<Stored>(Store::Versions, &version_id(&live.id, version.number))
                .await?
                .is_none()
            {
                writes.put(Store::Versions, &VersionRecord::new(&version)?)?;
            }
        }
    }
    db.commit(writes).await
}

/// The record that says a backfill is done.
#[derive(Serialize, Deserialize)]
struct Marker {
    id: String,
    format: u32,
}

fn put_marker(writes: &mut Writes, id: &str) -> Result<(), StorageError> {
    writes.put(
        Store::Meta,
        &Marker {
            id: id.to_owned(),
            format: RECORD_FORMAT,
        },
    )
}

/// Adds the markers that every backfill is done (after emptying `meta`, so a reset store
/// is not walked for nothing on the next start-up).
pub(super) fn put_backfilled(writes: &mut Writes) -> Result<(), StorageError> {
    put_marker(writes, BACKFILLED)?;
    put_marker(writes, BACKFILLED_V5)
}

/// The account as the first format stored it (before schema version 3: the whole of it as
/// one text in `objects`), if it is stored so; then rewritten as pieces.
pub(super) async fn whole_account(browser: &Browser) -> Result<Option<Account>, StorageError> {
    let Some(record) = browser
        .db
        .get::<TextRecord>(Store::Objects, ACCOUNT_ID)
        .await?
    else {
        return Ok(None);
    };
    let whole: Whole = parse("the sandbox account", &record.json)?;
    let mut sandbox = whole.sandbox;
    sandbox.mark_all_changed();
    let mut writes = Writes::new();
    writes.delete(Store::Objects, ACCOUNT_ID);
    let mut history: Vec<_> = sandbox.events().cloned().collect();
    history.reverse();
    if let Some(batch) = EventBatch::new(delivery_id(), &history, false) {
        writes.put(Store::Events, &batch)?;
    }
    browser.forget_account();
    browser.put_account(&mut writes, &mut sandbox, &whole.dispatcher)?;
    browser.db.commit(writes).await?;
    Ok(Some(Account {
        sandbox,
        dispatcher: whole.dispatcher,
    }))
}
