// The app's own words in each language, read from its sources: the interface's strings
// table (src/i18n/strings.rs, one `("English", "French"),` pair per line) and the
// catalogs' French (src/i18n/fr.json). A test written with English labels runs in French
// by asking `words('fr')` for each label: a label the app does not have fails at once.
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** A Rust string literal's text: `\u{a0}`, `\"` and `\\` escapes. */
function rustText(literal) {
  return literal
    .replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\(["\\])/g, '$1');
}

const french = new Map();
for (const line of readFileSync(new URL('src/i18n/strings.rs', root), 'utf8').split('\n')) {
  const pair = line.match(/^\s*\("((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\),\s*$/);
  if (pair) french.set(rustText(pair[1]), rustText(pair[2]));
}
const catalog = JSON.parse(readFileSync(new URL('src/i18n/fr.json', root), 'utf8'));

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

/** `t(english, values)`: an interface string with its `{placeholders}` filled in;
 * `c(key, english)`: a catalog text (an action's name, an event type's label, …). */
export function words(lang) {
  return {
    lang,
    t(english, values = {}) {
      if (lang === 'en') return fill(english, values);
      const text = french.get(english);
      if (text === undefined) throw new Error(`words.mjs: "${english}" is not in src/i18n/strings.rs`);
      return fill(text, values);
    },
    /** `t(english)` as a regular expression, each `{placeholder}` standing for any text. */
    pattern(english) {
      const text = this.t(english);
      return new RegExp(escaped(text).replace(/\\\{\w+\\\}/g, '.+?'));
    },
    c(key, english) {
      if (lang === 'en') return english;
      const text = catalog[key];
      if (text === undefined) throw new Error(`words.mjs: "${key}" is not in src/i18n/fr.json`);
      return text;
    },
  };
}

/** A regular expression for `text` as written (for `^…` prefixes and the like). */
export const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
