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

    /// The next id, `prefix` then `_` then 14 characters.
    pub fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        let mut x = splitmix(self.seed ^ self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut id = String::with_capacity(prefix.len() + 15);
        id.push_str(prefix);
        id.push('_');
        for i in 0..14 {
            if i == 10 {
                x = splitmix(x);
            }
            id.push(ALPHABET[(x % 62) as usize] as char);
            x /= 62;
        }
        id
    }
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
}
