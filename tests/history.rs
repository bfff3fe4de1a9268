//! The app state's history in the browser (wasm-bindgen-test, headless Chromium, the app's
//! real IndexedDB database): after more events and requests than the sandbox keeps in
//! memory, memory then storage give every one exactly once, newest first, as the Workbench
//! lists them; and an item is found again from the hint its link carries.

#![cfg(target_arch = "wasm32")]

use std::collections::HashSet;

use leptos::prelude::*;
use sandflow::state::{provide_app_state, AppState, EventFilter, Failed, Hint, LogFilter, Older};
use sandflow_engine::sandbox::{BulkOptions, Sandbox, EVENT_HISTORY_LIMIT, LOG_HISTORY_LIMIT};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Waits a turn of the event loop.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// The app state, just provided: its start-up is under way. Mounting (nothing) starts
/// Leptos's task executor, which the loading uses; keep the mount and the owner alive.
fn fresh_state() -> (impl Sized, Owner, AppState) {
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    let mounted = leptos::mount::mount_to(body, || ());
    let owner = Owner::new();
    owner.set();
    (mounted, owner, provide_app_state())
}

#[wasm_bindgen_test]
async fn memory_then_storage_list_every_event_and_request_once_newest_first() {
    let (_mounted, _owner, state) = fresh_state();
    while !state.ready.get_untracked() {
        tick().await;
    }

    // 6,450 new customers (one event and one request each) in batches of 50, as a bulk send
    // makes them, and one batch of another type in the middle: more than memory keeps, in
    // more delivery records than one step of a walk reads.
    let mut sent = Vec::new();
    for batch in 0..130 {
        let kinds: &[&str] = if batch == 5 {
            &["payout.paid"]
        } else {
            &["customer.created"]
        };
        let events = state
            .sandbox
            .try_update(|sb| {
                sb.generate_bulk(
                    kinds,
                    &BulkOptions {
                        count: 50,
                        duplicate_percent: 0,
                        shuffle_window: 0,
                    },
                )
            })
            .unwrap()
            .expect("generated");
        sent.extend(events.iter().map(|e| e.id.clone()));
        state.deliver_events(events).await.expect("stored");
    }
    sent.reverse();
    assert!(sent.len() > EVENT_HISTORY_LIMIT + 500);

    // Events: memory first, then storage, a step at a time.
    let mut listed: Vec<String> = state
        .sandbox
        .with_untracked(|sb| sb.events().map(|e| e.id.clone()).collect());
    assert_eq!(listed.len(), EVENT_HISTORY_LIMIT);
    let mut from = Older::Start;
    let mut steps = 0;
    loop {
        let (older, next) = state
            .older_events(&EventFilter::default(), from, 100)
            .await
            .expect("read");
        listed.extend(older.into_iter().map(|(e, _)| e.id));
        steps += 1;
        match next {
            Older::Done => break,
            next => from = next,
        }
    }
    assert!(steps > 1, "the walk went in several steps");
    assert_eq!(listed.len(), sent.len(), "no event missing or listed twice");
    assert_eq!(listed, sent, "newest first, memory and storage joined");

    // By type: the payouts, all older than memory, through the index.
    let (payouts, _) = state
        .older_events(
            &EventFilter {
                kind: "payout.paid".to_owned(),
                id: String::new(),
            },
            Older::Start,
            1_000,
        )
        .await
        .expect("read");
    assert!(!payouts.is_empty());
    assert!(payouts.iter().all(|(e, _)| e.kind == "payout.paid"));
    let in_memory = state
        .sandbox
        .with_untracked(|sb| sb.events().filter(|e| e.kind == "payout.paid").count());
    assert_eq!(in_memory, 0, "the payouts are older than memory");

    // Found again from the record its row links to, and from nothing at all.
    let (event, record) = &payouts[payouts.len() / 2];
    let hint = Hint {
        record: Some(record.clone()),
        ..Hint::default()
    };
    let found = state.find_event(&event.id, &hint).await.expect("read");
    assert_eq!(found.as_ref().map(|e| &e.id), Some(&event.id));
    let found = state
        .find_event(&event.id, &Hint::default())
        .await
        .expect("read");
    assert_eq!(found.as_ref().map(|e| &e.id), Some(&event.id));
    assert!(state
        .find_event("evt_none", &Hint::default())
        .await
        .expect("read")
        .is_none());

    // Requests: the same join, checked for order and for no repeat.
    let memory_logs = state.sandbox.with_untracked(|sb| sb.logs().count());
    assert_eq!(memory_logs, LOG_HISTORY_LIMIT);
    let mut logs: Vec<(i64, String)> = state
        .sandbox
        .with_untracked(|sb| sb.logs().map(|l| (l.created, l.id.clone())).collect());
    let mut from = Older::Start;
    loop {
        let (older, next) = state
            .older_logs(&LogFilter::default(), from, 100)
            .await
            .expect("read");
        logs.extend(older.into_iter().map(|(l, _)| (l.created, l.id)));
        match next {
            Older::Done => break,
            next => from = next,
        }
    }
    let unique: HashSet<&String> = logs.iter().map(|(_, id)| id).collect();
    assert_eq!(unique.len(), logs.len(), "no request listed twice");
    assert!(
        logs.len() > LOG_HISTORY_LIMIT + 500,
        "older requests came from storage"
    );
    assert!(logs.windows(2).all(|w| w[0].0 >= w[1].0), "newest first");
    let added = state.sandbox.with_untracked(Sandbox::oldest_log_number) as usize + memory_logs;
    assert_eq!(logs.len(), added, "every request ever made is listed");
}

/// The bug: Send event clicked while a large account was loading dropped the event or
/// stored it with no run, and rolled the stored account back. Now the write path itself
/// refuses any change before start-up has loaded, whatever button asks.
#[wasm_bindgen_test]
async fn a_change_asked_before_start_up_ends_is_refused() {
    let (_mounted, _owner, state) = fresh_state();
    assert!(!state.ready.get_untracked());
    let refused = state
        .generate("customer.created".to_owned(), Default::default())
        .await;
    assert!(matches!(refused, Err(Failed::Loading)), "{refused:?}");
    let refused = state.create_workflow().await;
    assert!(matches!(refused, Err(Failed::Loading)), "{refused:?}");
    while !state.ready.get_untracked() {
        tick().await;
    }
    let sent = state
        .generate("customer.created".to_owned(), Default::default())
        .await
        .expect("sent once loaded");
    assert_eq!(sent.event.kind, "customer.created");
}
