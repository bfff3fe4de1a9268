//! Deterministic ids for workflows, steps and runs.
//!
//! The engine never draws randomness of its own: an [`Ids`] generator is created from a
//! seed and passed in, and the caller keeps (and persists) it. The same seed and the same
//! calls give the same ids, so runs are reproducible byte for byte.

use serde::{Deserialize, Serialize};

/// A seeded generator of Stripe-looking ids (`wf_…`, `step_…`, `wfrun_…`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ids {
    seed: u64,
    counter: u64,
}

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl Ids {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { seed, counter: 0 }
    }

    /// The next id, `prefix` then `_` then 14 characters: the first 6 count the ids this
    /// generator made from a start drawn from the seed (base 62, most significant first, in
    /// the alphabet's ASCII order), the last 8 are drawn from the seed. Ids of one generator
    /// therefore sort as they were made, the way Stripe's ids start with what orders them:
    /// runs of the same second are listed in the order they ran, by `(started, id)`. The
    /// order holds for at least 31 × 62^5 (about 28 billion) ids of one generator.
    pub fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        let mut id = String::with_capacity(prefix.len() + 15);
        id.push_str(prefix);
        id.push('_');
        let mut rank = [0u8; ORDER_CHARS];
        let mut n = start(self.seed) + self.counter;
        for c in rank.iter_mut().rev() {
            *c = ALPHABET[(n % 62) as usize];
            n /= 62;
        }
        id.extend(rank.iter().map(|&c| c as char));
        let mut x = splitmix(self.seed ^ self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for _ in ORDER_CHARS..14 {
            id.push(ALPHABET[(x % 62) as usize] as char);
            x /= 62;
        }
        id
    }
}

/// How many leading characters of an id give the order it was made in.
const ORDER_CHARS: usize = 6;

/// Where a generator's count starts, drawn from the seed between 62^5 and 31 × 62^5, so
/// ids do not all begin alike and at least 31 × 62^5 counts are left before the six
/// characters wrap.
fn start(seed: u64) -> u64 {
    const STEP: u64 = 62u64.pow(5);
    let h = splitmix(seed ^ 0x0D0E);
    STEP * (1 + h % 30) + (h / 30) % STEP
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_ids_and_no_repeats() {
        let mut a = Ids::new(7);
        let mut b = Ids::new(7);
        let first: Vec<String> = (0..1000).map(|_| a.next("step")).collect();
        let second: Vec<String> = (0..1000).map(|_| b.next("step")).collect();
        assert_eq!(first, second);
        let unique: std::collections::BTreeSet<_> = first.iter().collect();
        assert_eq!(unique.len(), 1000);
        assert!(first[0].starts_with("step_") && first[0].len() == 19);
        assert_ne!(Ids::new(8).next("step"), first[0]);
    }

    #[test]
    fn ids_sort_in_the_order_they_were_made() {
        // Across the carries of the first characters too (62, 62^2, 62^3).
        let mut ids = Ids::new(42);
        let made: Vec<String> = (0..300_000).map(|_| ids.next("wfrun")).collect();
        assert!(made.windows(2).all(|w| w[0] < w[1]));
        // A generator restored from storage goes on in order.
        let mut restored: Ids = serde_json::from_str(&serde_json::to_string(&ids).unwrap()).unwrap();
        assert!(restored.next("wfrun") > *made.last().unwrap());
    }
}
