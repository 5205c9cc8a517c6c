//! Logistic regression by AdaGrad over sparse binary features: the trainer
//! both learned components share (`cue_model`, `statement_model`), and the
//! `feature <TAB> weight` file they are written as.

use std::hash::Hash;

use crate::lexicon::HashMap;

/// How to train: passes, the smallest weight written, the fewest
/// occurrences a feature needs, and AdaGrad's rate.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub prune: f32,
    pub min_count: u32,
    pub rate: f32,
}

impl Default for Training {
    fn default() -> Training {
        Training {
            epochs: 4,
            prune: 0.02,
            min_count: 3,
            rate: 0.1,
        }
    }
}

/// Fits the intercept and a weight per feature to examples (their features
/// and whether they are positive): `epochs` passes in a fixed shuffled
/// order, so the same examples give the same model. Features seen fewer
/// than `min_count` times only memorise and get no weight.
pub(crate) fn fit<K: Hash + Eq + Clone>(
    examples: &[(Vec<K>, bool)],
    settings: &Training,
) -> (f32, HashMap<K, f32>) {
    let Training {
        epochs,
        min_count,
        rate,
        ..
    } = *settings;
    let mut counts: HashMap<&K, u32> = HashMap::default();
    for (features, _) in examples {
        for f in features {
            *counts.entry(f).or_default() += 1;
        }
    }
    let kept: Vec<Vec<&K>> = examples
        .iter()
        .map(|(features, _)| features.iter().filter(|f| counts[f] >= min_count).collect())
        .collect();
    let mut w: HashMap<&K, (f32, f32)> = HashMap::default();
    let (mut bias, mut bias_g) = (0.0f32, 0.0f32);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &e in &order {
            let features = &kept[e];
            let z: f32 = bias
                + features
                    .iter()
                    .map(|f| w.get(f).map_or(0.0, |x| x.0))
                    .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - if examples[e].1 { 1.0 } else { 0.0 };
            bias_g += g * g;
            bias -= rate * g / (bias_g.sqrt() + 1e-6);
            for &f in features {
                let (wt, gs) = w.entry(f).or_insert((0.0, 0.0));
                *gs += g * g;
                *wt -= rate / (gs.sqrt() + 1e-6) * g;
            }
        }
    }
    let weights = w.into_iter().map(|(f, (x, _))| (f.clone(), x)).collect();
    (bias, weights)
}

/// The text of a model: the file the environment variable `env` names
/// when it is set (cross-validation trains models per fold), else the
/// compiled-in `text`. An unreadable file is a setup error and panics,
/// naming the variable.
pub(crate) fn model_text(env: &str, text: &'static str) -> std::borrow::Cow<'static, str> {
    match std::env::var_os(env) {
        Some(path) => std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{env}={}: {e}", path.to_string_lossy()))
            .into(),
        None => text.into(),
    }
}

/// The `name <TAB> weight` lines of a model file, without its `#` comment
/// lines and any line that is not one.
pub(crate) fn read(text: &str) -> impl Iterator<Item = (&str, f32)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(name, w)| Some((name, w.trim().parse::<f32>().ok()?)))
}

/// A model file: `header` (comment lines), the intercept as `bias`, then
/// every named weight of at least `prune` in size, sorted by name.
pub(crate) fn write<'a>(
    header: &str,
    bias: f32,
    weights: impl Iterator<Item = (&'a str, f32)>,
    prune: f32,
) -> String {
    let mut rows: Vec<(&str, f32)> = weights.filter(|(_, x)| x.abs() >= prune).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::from(header);
    out.push_str(&format!("bias\t{bias:.4}\n"));
    for (n, x) in rows {
        out.push_str(&format!("{n}\t{x:.4}\n"));
    }
    out
}
