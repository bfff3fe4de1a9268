//! The languages Sandflow speaks. Every string a person reads exists in English and French;
//! the wording is the app's (the engine returns structured data and errors), chosen by the
//! language the person picked or, at first, the browser's.

pub mod catalog;

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
}
