//! Latency percentiles from all samples (no histogram approximation: a run holds a few
//! million at most).

pub struct Percentiles {
    pub p50: f64,
    pub p99: f64,
    pub p999: f64,
}

/// Percentiles in milliseconds of samples in microseconds; `None` for no samples.
pub fn of(samples: &mut [u32]) -> Option<Percentiles> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable();
    let at = |q: f64| {
        let index = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
        f64::from(samples[index]) / 1000.0
    };
    Some(Percentiles {
        p50: at(0.50),
        p99: at(0.99),
        p999: at(0.999),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentiles_pick_the_sample_at_each_rank() {
        let mut samples: Vec<u32> = (1..=1000).map(|ms| ms * 1000).collect();
        let p = super::of(&mut samples).unwrap();
        assert_eq!((p.p50, p.p99, p.p999), (500.0, 990.0, 999.0));
        assert!(super::of(&mut []).is_none());
    }
}
