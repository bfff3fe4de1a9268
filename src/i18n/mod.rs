//! The languages Sandflow speaks. Every string a person reads exists in English and French;
//! the wording is the app's (the engine returns structured data and errors), chosen by the
//! language the person picked or, at first, the browser's.
//!
//! A string is written where it is shown, in English, through [`tr!`](crate::tr):
//! `tr!("New workflow")`. The English text is its key: the macro finds it in
//! [`strings::STRINGS`] while compiling (a string missing from the table does not compile)
//! and returns the current language's text. [`trf!`](crate::trf) fills `{name}`
//! placeholders, [`trn!`](crate::trn) picks a singular or a plural form by a count.
//! ARCHITECTURE.md ("Languages") says how to add a string.

pub mod catalog;
pub mod errors;
#[cfg(target_arch = "wasm32")]
pub mod format;
pub mod strings;
#[cfg(target_arch = "wasm32")]
pub mod switch;
pub mod words;

use std::cell::Cell;
use std::fmt::Display;

/// One of the app's languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, with SPEC §10's vocabulary.
    #[default]
    En,
    /// French, with the vocabulary of Stripe's French Dashboard and documentation.
    Fr,
}

impl Lang {
    /// Every language, in the order the switch offers them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 tag, as `<html lang>` and `Intl` take it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language a tag names (`fr`, `fr-CA`, `en-GB`, any case), if the app speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The language's own name, as the switch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// Whether `n` takes the singular: 1 in English, 0 and 1 in French.
    pub fn singular(self, n: u64) -> bool {
        match self {
            Lang::En => n == 1,
            Lang::Fr => n <= 1,
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the interface speaks now.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Makes `lang` the language of every string looked up from now on. Pages already drawn
/// keep their text: [`switch`] draws the app again.
pub fn set_current(lang: Lang) {
    CURRENT.with(|current| current.set(lang));
}

/// A workflow's name as shown: the name every new workflow gets is stored in English (it is
/// data, the same in every browser) and shown in the current language.
pub fn workflow_name(name: &str) -> String {
    if name == sandflow_engine::DEFAULT_NAME {
        crate::tr!("Untitled workflow").to_owned()
    } else {
        name.to_owned()
    }
}

/// How many interface strings there are.
const COUNT: usize = strings::STRINGS.len();

/// The French column of [`strings::STRINGS`], a table of its own, linked only where it is
/// used: [`french_interface`]. English needs no table: each call site holds its own
/// English (the literal [`tr!`](crate::tr) was given), so the English of a page in a lazily
/// loaded part of the wasm is fetched with that part.
const fn french_column() -> [&'static str; COUNT] {
    let mut texts = [""; COUNT];
    let mut i = 0;
    while i < COUNT {
        texts[i] = strings::STRINGS[i].1;
        i += 1;
    }
    texts
}

static FRENCH: [&str; COUNT] = french_column();

/// The French interface strings, once taken ([`install_french_interface`]).
static FRENCH_TAKEN: std::sync::OnceLock<&'static [&'static str; COUNT]> =
    std::sync::OnceLock::new();

/// The interface's French. In the release build (`split` feature) this is a lazily loaded
/// part: the French strings' data moves out of the first screen's wasm with it, and is
/// fetched the first time French is shown (`switch`), as the catalogs' `fr.json` is. Its
/// fetch can fail (no network yet): that is said, never a crash (`fallible`).
#[cfg(target_arch = "wasm32")]
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(french_interface, fallible)
)]
pub fn french_interface(
) -> Result<&'static [&'static str; COUNT], wasm_split_helpers::SplitLoaderError> {
    Ok(&FRENCH)
}

/// Takes the interface's French for the rest of the page's life.
pub fn install_french_interface(texts: &'static [&'static str; COUNT]) {
    let _ = FRENCH_TAKEN.set(texts);
}

/// Whether the interface's French is there (natively, always).
pub fn french_interface_installed() -> bool {
    cfg!(not(target_arch = "wasm32")) || FRENCH_TAKEN.get().is_some()
}

/// The text of entry `index` of [`strings::STRINGS`], whose English is `en`, in the
/// current language. Not inlined: one call per string keeps each call site to its English,
/// an index and a call. French not yet there (only while it is fetched, when nothing French
/// is drawn) reads as English.
#[inline(never)]
pub fn text(en: &'static str, index: usize) -> &'static str {
    match lang() {
        Lang::En => en,
        #[cfg(not(target_arch = "wasm32"))]
        Lang::Fr => FRENCH[index],
        #[cfg(target_arch = "wasm32")]
        Lang::Fr => FRENCH_TAKEN.get().map_or(en, |texts| texts[index]),
    }
}

/// The entry of [`strings::STRINGS`] whose English is `en`; evaluated while compiling by
/// [`tr!`](crate::tr), where a missing entry stops the build at the call.
pub const fn index(en: &str) -> usize {
    let mut i = 0;
    while i < strings::STRINGS.len() {
        if same(strings::STRINGS[i].0, en) {
            return i;
        }
        i += 1;
    }
    panic!("this English string is not in src/i18n/strings.rs: add it there with its French")
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `template` with each `{name}` replaced by its value; a placeholder without a value stays.
#[inline(never)]
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                use std::fmt::Write;
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The current language's text for an English string of `src/i18n/strings.rs`; a string
/// missing from the table is a compile error at the call.
#[macro_export]
macro_rules! tr {
    ($en:literal) => {{
        const INDEX: usize = $crate::i18n::index($en);
        $crate::i18n::text($en, INDEX)
    }};
}

/// [`tr!`] with its `{name}` placeholders filled: `trf!("Imported {count} workflows", count = n)`.
#[macro_export]
macro_rules! trf {
    ($en:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::fill(
            $crate::tr!($en),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

/// The singular or the plural form by a count, filled as [`trf!`] fills:
/// `trn!(n, "{n} event", "{n} events", n = n)`. French takes the singular for 0 as well.
#[macro_export]
macro_rules! trn {
    ($count:expr, $one:literal, $other:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        let template = if $crate::i18n::lang().singular(($count) as u64) {
            $crate::tr!($one)
        } else {
            $crate::tr!($other)
        };
        $crate::i18n::fill(template, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut names = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    names.insert(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        names
    }

    #[test]
    fn every_entry_has_both_languages_with_the_same_placeholders() {
        for (en, fr) in strings::STRINGS {
            assert!(!en.trim().is_empty(), "an entry has no English");
            assert!(!fr.trim().is_empty(), "{en:?} has no French");
            assert_eq!(
                en.trim_matches(' '),
                *en,
                "{en:?}: spaces around the English"
            );
            assert_eq!(
                fr.trim_matches(' '),
                *fr,
                "{en:?}: spaces around the French"
            );
            assert_eq!(
                placeholders(en),
                placeholders(fr),
                "{en:?} and {fr:?} do not take the same placeholders"
            );
        }
    }

    #[test]
    fn every_english_key_is_listed_once() {
        let mut seen = HashSet::new();
        for (en, _) in strings::STRINGS {
            assert!(seen.insert(en), "{en:?} is listed twice");
        }
    }

    #[test]
    fn french_uses_its_own_typography() {
        for (en, fr) in strings::STRINGS {
            // French puts a (narrow) no-break space before : ; ! ? and uses the typographic
            // apostrophe in words; a plain space there would break lines before the mark.
            for mark in [" :", " ;", " !", " ?"] {
                assert!(
                    !fr.contains(mark),
                    "{en:?}: {fr:?} has a plain space before {mark:?}"
                );
            }
        }
    }

    #[test]
    fn seed_vocabulary_is_stripes() {
        set_current(Lang::Fr);
        assert_eq!(crate::tr!("New workflow"), "Nouveau workflow");
        assert_eq!(crate::tr!("Untitled workflow"), "Workflow sans titre");
        assert_eq!(crate::tr!("Add trigger"), "Ajouter un déclencheur");
        assert_eq!(crate::tr!("Add step"), "Ajouter une étape");
        assert_eq!(crate::tr!("Required"), "Obligatoire");
        assert_eq!(crate::tr!("Activate"), "Activer");
        assert_eq!(crate::tr!("Deactivate"), "Désactiver");
        assert_eq!(crate::tr!("Recent runs"), "Exécutions récentes");
        assert_eq!(crate::tr!("Succeeded"), "Réussi");
        assert_eq!(crate::tr!("Failed"), "Échec");
        assert_eq!(
            crate::tr!("Inspect in Workbench"),
            "Inspecter dans Workbench"
        );
        assert_eq!(crate::tr!("Inspect resource"), "Inspecter la ressource");
        assert_eq!(crate::tr!("Rerun"), "Relancer l’exécution");
        assert_eq!(crate::tr!("Delete workflow"), "Supprimer le workflow");
        assert_eq!(crate::tr!("Delete"), "Supprimer");
        assert_eq!(crate::tr!("Customers"), "Clients");
        assert_eq!(crate::tr!("+ New customer"), "+ Nouveau client");
        assert_eq!(crate::tr!("Add customer"), "Ajouter un client");
        set_current(Lang::En);
        assert_eq!(crate::tr!("Add customer"), "Add customer");
    }

    #[test]
    fn every_entry_is_used_somewhere() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("i18n/strings.rs")
                {
                    out.push_str(&std::fs::read_to_string(&path).expect("a source file"));
                }
            }
        }
        let mut all = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut all,
        );
        for (en, _) in strings::STRINGS {
            // As the literal is written in the source.
            let literal = en.replace('\\', "\\\\").replace('"', "\\\"");
            assert!(
                all.contains(&format!("\"{literal}\"")),
                "{en:?} is in strings.rs but no source file shows it: remove it"
            );
        }
    }

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_unknown_ones() {
        assert_eq!(
            fill("{n} of {total}", &[("n", &3), ("total", &"10")]),
            "3 of 10"
        );
        assert_eq!(fill("{a} {b}", &[("a", &1)]), "1 {b}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
    }

    #[test]
    fn plural_follows_each_language() {
        assert!(Lang::En.singular(1) && !Lang::En.singular(0) && !Lang::En.singular(2));
        assert!(Lang::Fr.singular(0) && Lang::Fr.singular(1) && !Lang::Fr.singular(2));
    }

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de-DE"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
