//! Decimal text read as an `f64`, exactly as `str::parse::<f64>` reads it (same grammar,
//! same correctly rounded result), without the standard library's table of 1,302 powers
//! of five that its fast path (Eisel-Lemire) needs.
//!
//! Why: that table is 21 KB of numbers that do not compress, about 15 KB of the gzipped
//! wasm, for the places that read a number written as text (a condition's value and the
//! text it is compared with, a decimal `percent_off`, the validation of both). Short
//! numbers take the same exact fast path as the standard library (no allocation, so
//! conditions stay as quick); the rest is rounded by exact big-integer arithmetic instead of
//! the table: slower (microseconds), never wrong. The tests compare it with `str::parse`.

/// Significant digits kept; the rest only tell whether the value is above the kept ones.
/// A midpoint between two `f64` has at most 767 significant digits, so 800 decide.
const MAX_DIGITS: usize = 800;

/// `text` as `str::parse::<f64>` reads it: an optional sign, then `inf`, `infinity` or
/// `nan` in any case, or digits with an optional `.` and an optional exponent. `None`
/// where `str::parse` gives an error.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'+') => (false, &text[1..]),
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if rest.eq_ignore_ascii_case("inf") || rest.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        finite(rest.as_bytes())?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The significant digits of a decimal text, at most [`MAX_DIGITS`], on the stack.
struct Digits {
    kept: [u8; MAX_DIGITS + 1],
    len: usize,
    /// The value is `kept · 10^exp10`.
    exp10: i64,
    /// Digits past the kept ones, not all zero.
    sticky: bool,
}

impl Digits {
    fn push(&mut self, d: u8, fraction: bool) {
        if self.len == 0 && d == 0 {
            // A leading zero: only the place of the point matters.
            self.exp10 -= i64::from(fraction);
        } else if self.len < MAX_DIGITS {
            self.kept[self.len] = d;
            self.len += 1;
            self.exp10 -= i64::from(fraction);
        } else {
            self.sticky |= d != 0;
            self.exp10 += i64::from(!fraction);
        }
    }
}

/// Powers of ten an `f64` holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Digits, an optional `.`, digits, an optional exponent (at least one digit overall).
fn finite(text: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut n = Digits {
        kept: [0; MAX_DIGITS + 1],
        len: 0,
        exp10: 0,
        sticky: false,
    };
    let mut seen = false;
    while i < text.len() && text[i].is_ascii_digit() {
        n.push(text[i] - b'0', false);
        seen = true;
        i += 1;
    }
    if i < text.len() && text[i] == b'.' {
        i += 1;
        while i < text.len() && text[i].is_ascii_digit() {
            n.push(text[i] - b'0', true);
            seen = true;
            i += 1;
        }
    }
    if !seen {
        return None;
    }
    if i < text.len() && (text[i] == b'e' || text[i] == b'E') {
        i += 1;
        let negative = match text.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while i < text.len() && text[i].is_ascii_digit() {
            e = (e * 10 + i64::from(text[i] - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        n.exp10 += if negative { -e } else { e };
    }
    if i != text.len() {
        return None;
    }
    if n.sticky {
        // Digits past the kept ones, not all zero: one more digit stands for them.
        n.kept[n.len] = 1;
        n.len += 1;
        n.exp10 -= 1;
    }
    while n.len > 0 && n.kept[n.len - 1] == 0 {
        n.len -= 1;
        n.exp10 += 1;
    }
    let (digits, exp10) = (&n.kept[..n.len], n.exp10);
    if digits.is_empty() {
        return Some(0.0);
    }
    if digits.len() <= 15 && (-22..=22).contains(&exp10) {
        // Both exact in an f64, so one operation rounds correctly (Clinger's fast path):
        // what typed numbers almost always are, with no allocation.
        let m = digits.iter().fold(0u64, |m, d| m * 10 + u64::from(*d)) as f64;
        let p = EXACT_POW10[exp10.unsigned_abs() as usize];
        return Some(if exp10 >= 0 { m * p } else { m / p });
    }
    let magnitude = digits.len() as i64 + exp10; // the value is below 10^magnitude
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -325 {
        return Some(0.0);
    }
    let mut d = Big::from_u32(0);
    for digit in digits {
        d.mul_add(10, u32::from(*digit));
    }
    if exp10 >= 0 {
        for _ in 0..exp10 {
            d.mul_add(10, 0);
        }
        let bits = d.bits();
        let (top, sticky) = d.top64(bits);
        Some(round(top, bits as i64 - 64, sticky))
    } else {
        let mut q = Big::from_u32(1);
        for _ in 0..-exp10 {
            q.mul_add(10, 0);
        }
        // d · 2^k / q with at least 56 bits in the quotient.
        let k = 56 + q.bits() as i64 - d.bits() as i64;
        if k > 0 {
            d.shl(k as usize);
        } else {
            q.shl((-k) as usize);
        }
        let (quotient, rest) = d.div_small_quotient(&q);
        let zeros = quotient.leading_zeros();
        Some(round(quotient << zeros, -k - i64::from(zeros), rest))
    }
}

/// The `f64` nearest to `top · 2^exp2` (plus a little more when `sticky`), ties to even;
/// `top` has its highest bit set.
fn round(top: u64, exp2: i64, sticky: bool) -> f64 {
    let exponent = exp2 + 63; // of the highest bit
    let shift = if exponent >= -1022 {
        11
    } else {
        11 + (-1022 - exponent)
    };
    if shift >= 128 {
        return 0.0;
    }
    let top = u128::from(top);
    let shift = shift as u32;
    let mut kept = top >> shift;
    let rest = top & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && (sticky || kept & 1 == 1)) {
        kept += 1;
    }
    if exponent < -1022 {
        // Subnormal: a carry into bit 52 makes the smallest normal, as the bits say.
        return f64::from_bits(kept as u64);
    }
    let mut biased = exponent + 1023;
    if kept == 1 << 53 {
        kept >>= 1;
        biased += 1;
    }
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (kept as u64 & ((1 << 52) - 1)))
}

/// A non-negative big integer, 32-bit limbs, lowest first.
struct Big(Vec<u32>);

impl Big {
    fn from_u32(n: u32) -> Self {
        Self(vec![n])
    }

    /// self = self · m + a
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn trim(&mut self) {
        while self.0.len() > 1 && self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn bits(&self) -> usize {
        let last = self.0.len() - 1;
        last * 32 + (32 - self.0[last].leading_zeros() as usize)
    }

    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    /// The 64 bits below bit `bits` (the highest set bit first), and whether any bit
    /// under them is set.
    fn top64(&self, bits: usize) -> (u64, bool) {
        let mut top = 0u64;
        for i in 0..64 {
            top <<= 1;
            if i < bits && self.bit(bits - 1 - i) {
                top |= 1;
            }
        }
        let sticky = bits > 64 && (0..bits - 64).any(|i| self.bit(i));
        (top, sticky)
    }

    fn shl(&mut self, n: usize) {
        let (limbs, bits) = (n / 32, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | (carry << 31);
            carry = v & 1;
        }
        self.trim();
    }

    fn ge(&self, other: &Self) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() > other.0.len();
        }
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if a != b {
                return a > b;
            }
        }
        true
    }

    fn sub(&mut self, other: &Self) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = (v + (borrow << 32)) as u32;
        }
        self.trim();
    }

    /// `self / divisor`, which must fit in 64 bits, and whether a remainder is left.
    fn div_small_quotient(mut self, divisor: &Self) -> (u64, bool) {
        let spare = self.bits().saturating_sub(divisor.bits());
        let mut shifted = Big(divisor.0.clone());
        shifted.shl(spare);
        let mut quotient = 0u64;
        for _ in 0..=spare {
            quotient <<= 1;
            if self.ge(&shifted) {
                self.sub(&shifted);
                quotient |= 1;
            }
            shifted.shr1();
        }
        (quotient, self.0.iter().any(|l| *l != 0))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    fn same(text: &str) {
        let ours = parse_f64(text);
        let std = text.parse::<f64>().ok();
        match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {
                assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{text:?}")
            }
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: {a} vs {b}"),
            (a, b) => assert_eq!(a, b, "{text:?}"),
        }
    }

    #[test]
    fn reads_what_str_parse_reads() {
        for text in [
            "", "+", "-", ".", "e5", "1e", "1e+", ".e1", "1.", ".5", "+.5", "-0", "0", "00.000",
            "1", "12", "12.5", "-12.5", "0.1", "0.2", "0.3", "1e5", "1E-5", "1.5e+3", " 1", "1 ",
            "1_000", "0x10", "inf", "-inf", "+INF", "Infinity", "-infinity", "infin", "nan",
            "NaN", "-nan", "+nan", "nana", "1e308", "1.7976931348623157e308", "1.8e308",
            "1e309", "1e400", "-1e400", "2.2250738585072014e-308", "2.2250738585072011e-308",
            "4.9e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "1e-323", "1e-324", "1e-400", "9007199254740993", "9007199254740992.5",
            "9007199254740993.0000000000000000000000001", "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001", "1e99999999999999999999",
            "1e-99999999999999999999", "12.34.5", "1e5.5", "--1", "+-1", "½", "١",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
        ] {
            same(text);
        }
        let long = format!("0.{}1", "0".repeat(2000));
        same(&long);
        let long = format!("1{}e-2000", "0".repeat(2000));
        same(&long);
        let long = format!("9007199254740992{}1", "0".repeat(900));
        same(&long);
        let halfway = format!("9007199254740993{}", "0".repeat(900));
        same(&halfway);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn every_f64_written_back_reads_the_same(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            same(&f.to_string());
            same(&format!("{f:e}"));
            same(&format!("{f:.3e}"));
            same(&format!("{f:.20}"));
        }

        #[test]
        fn decimal_texts_read_the_same(text in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?") {
            same(&text);
        }

        #[test]
        fn odd_texts_read_the_same(text in "[0-9.eE+infatyINFATY-]{0,8}") {
            same(&text);
        }
    }
}
