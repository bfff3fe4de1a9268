//! Files in and out: saving a text as a file the person downloads (exports), and taking
//! the file a person picked (imports), the one place that does each.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename` (JSON), through a `data:` link.
pub fn download(filename: &str, text: &str) -> Result<(), String> {
    let refused = tr!("the browser refused to save the file: try again").to_owned();
    let url = format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    );
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| refused.clone())?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| refused.clone())?
        .dyn_into()
        .map_err(|_| refused.clone())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    Ok(())
}

/// A file name from a workflow name: `Tag VIP customers` → `tag-vip-customers.json`.
pub fn file_name(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{}.json", if slug.is_empty() { "workflow" } else { &slug })
}

/// The file picked in the `<input type="file">` that `event` came from, if one was; the
/// input is emptied, so picking the same file again is noticed.
pub fn picked_file(event: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// The text of `file`, or what to tell the person when it cannot be read.
pub async fn file_text(file: &web_sys::File) -> Result<String, String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map(|t| t.as_string().unwrap_or_default())
        .map_err(|_| tr!("the file could not be read: choose it again").to_owned())
}
