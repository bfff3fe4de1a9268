//! Where Sandflow lives on its host: at the root (`/`) or under a path
//! (`/any/sub/path/`), as `trunk build --public-url` chose.
//!
//! Trunk writes the public URL into the page's `<base href>`; the app reads it once at
//! start-up, so one build of the code serves any path, and `/` needs nothing. The router
//! takes it as its base (routes and `navigate` then add it by themselves); links written
//! as app paths (`/workflows/wf_1`) get it from [`href`], and the remembered page is kept
//! without it ([`app_path`]).

use std::sync::OnceLock;

/// The path the app is served under, without a trailing slash: `""` at the root of a
/// host, `"/any/sub/path"` when built with `--public-url /any/sub/path/`.
pub fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(read)
}

/// Reads the path of the page's `<base href>`. Without a `<base>` element the document's
/// base is its own address (possibly a deep link), which says nothing: the root then.
fn read() -> String {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return String::new();
    };
    if !matches!(document.query_selector("base[href]"), Ok(Some(_))) {
        return String::new();
    }
    let path = document
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

/// The address on the host of an app path (`/workflows?x=1` → `/any/sub/path/workflows?x=1`).
/// Anything else (a relative path, another site) is left as it is.
pub fn href(path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") {
        format!("{}{path}", base())
    } else {
        path.to_owned()
    }
}

/// The app path of a path on the host: `pathname` without the base (`/` for the base
/// itself). A path outside the base is returned as it is.
pub fn app_path(pathname: &str) -> &str {
    match pathname.strip_prefix(base()) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => pathname,
    }
}
