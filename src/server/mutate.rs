//! Byte mutations for the bounded fuzz tests (unit and integration alike): valid inputs bent in
//! the ways decoders get them wrong, from a seed, so any failure can be replayed.

use rand::{rngs::StdRng, Rng, SeedableRng};
use std::time::{Duration, Instant};

/// Fragments that tend to reach corners: quotes and brackets, huge and negative numbers,
/// NUL, invalid UTF-8, long runs.
const SPLICES: [&[u8]; 12] = [
    b"\"",
    b"{",
    b"}]",
    b"null",
    b"-1",
    b"99999999999999999999999",
    b"\\u0000",
    b"\0",
    b"\xff\xfe",
    b"\xf0\x28\x8c\x28",
    b"%%",
    b"\r\n--",
];

pub struct Mutator {
    rng: StdRng,
    pub seed: u64,
}

impl Mutator {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            seed,
        }
    }

    /// `input` with one to four random mutations.
    pub fn mutate(&mut self, input: &[u8]) -> Vec<u8> {
        let mut out = input.to_vec();
        for _ in 0..self.rng.random_range(1..=4) {
            let at = self.rng.random_range(0..=out.len());
            match self.rng.random_range(0..6) {
                0 if !out.is_empty() => {
                    let i = at.min(out.len() - 1);
                    out[i] ^= 1 << self.rng.random_range(0..8);
                }
                1 => out.insert(at, self.rng.random()),
                2 => {
                    let end = (at + self.rng.random_range(1..64)).min(out.len());
                    out.drain(at..end);
                }
                3 => {
                    let splice = SPLICES[self.rng.random_range(0..SPLICES.len())];
                    out.splice(at..at, splice.iter().copied());
                }
                4 => {
                    let end = (at + self.rng.random_range(1..32)).min(out.len());
                    let run: Vec<u8> = out[at..end].repeat(self.rng.random_range(2..50));
                    out.splice(at..at, run);
                }
                _ => out.truncate(at),
            }
        }
        out
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }
}

/// Runs `round` until `budget` has passed or `max_rounds` ran, whichever is first; returns
/// how many rounds ran.
pub fn for_a_while(budget: Duration, max_rounds: usize, mut round: impl FnMut(usize)) -> usize {
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < max_rounds && start.elapsed() < budget {
        round(rounds);
        rounds += 1;
    }
    rounds
}
