//! The sidebar's footer on storage: what Sandflow keeps in this browser, how much room is
//! left, whether the browser keeps it when the disk runs low, and a warning when little
//! room is left, so that a person exports before the browser refuses or evicts anything.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::use_app;
use crate::storage::quota::{self, Room};

/// How often the figures are read again once the data has loaded (the estimate is cheap;
/// the data grows as workflows run).
const REFRESH: Duration = Duration::from_secs(30);

/// "Stored in this browser: 3.4 MB · 2.1 GB free", and a warning when room is low.
/// Shows nothing where the browser cannot say.
#[component]
pub fn StorageRoom() -> impl IntoView {
    let state = use_app();
    let room = RwSignal::new(None::<Room>);
    let read = move || {
        leptos::task::spawn_local(async move {
            room.try_set(quota::room().await);
        })
    };
    // First once start-up has opened and read the database, so the figure includes it.
    Effect::new(move || {
        if state.ready.get() {
            read();
        }
    });
    if let Ok(handle) = set_interval_with_handle(read, REFRESH) {
        on_cleanup(move || handle.clear());
    }
    move || {
        room.get().map(|room| {
            let stored = match room.data {
                Some(data) => trf!(
                    "Stored in this browser: {used} (your data {data}, the app's offline copy {copy})",
                    used = size(room.used),
                    data = size(data),
                    copy = size((room.used - data).max(0.0))
                ),
                None => trf!("Stored in this browser: {used}", used = size(room.used)),
            };
            let kept = if room.persisted {
                tr!("Kept by the browser until you delete it.")
            } else {
                tr!("The browser may clear it if the disk fills up: export your workflows to keep them.")
            };
            view! {
                <section class="storage-room" aria-label=tr!("Storage")>
                    <p>{stored}</p>
                    <p>{trf!("{size} free.", size = size(room.left()))} " " {kept}</p>
                    {room.is_low().then(|| view! {
                        <p class="storage-room__low" role="alert">
                            {trf!("Little room left ({size}): new runs and events may not be saved. Export your workflows, then reset the sandbox to free space.", size = size(room.left()))}
                        </p>
                    })}
                </section>
            }
        })
    }
}

/// A byte count as a person reads it: "812 KB", "3.4 MB", "1.2 GB" ("3,4 Mo" in French).
fn size(bytes: f64) -> String {
    use crate::i18n::format::decimal;
    const KB: f64 = 1024.0;
    match bytes {
        b if b < KB * KB => format!("{} {}", decimal((b / KB).ceil(), 0), tr!("KB")),
        b if b < KB * KB * KB => format!("{} {}", decimal(b / (KB * KB), 1), tr!("MB")),
        b => format!("{} {}", decimal(b / (KB * KB * KB), 1), tr!("GB")),
    }
}
