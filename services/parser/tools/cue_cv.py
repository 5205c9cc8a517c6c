#!/usr/bin/env python3
"""Cross-validates the parser's two learned parts on PolNeAR's train split.

Stage 1, the cue model: for each of N folds, trains `lexicon/cue_model.tsv`'s
model on the other folds (`examples/train_cue_model.rs --fold K/N`) and runs
the extractor with it (`CLAIMWATCH_CUE_MODEL`) on the held-out texts, with
the statement filter off and the statement model's features printed
(`extract --features`). Every statement is labelled by whether
`eval/score.py attributions` counts it.

Stage 2, the statement model: for each fold, trains a statement model on the
labelled statements of the other folds (`examples/train_statement_model.rs`)
and keeps the held-out statements it gives at least a threshold, for a
sweep of thresholds.

Both stages are scored on all held-out predictions together, as `score.py`
scores. This is how the models' settings and the parser's rules are tuned
without scoring a model on the texts it was trained on, and without dev.
`--write-statement-model FILE` then trains the statement model on every
labelled statement and writes it with the best threshold as `keep_from`.

Usage (from the repository root, after `cargo build --release -p
claimwatch-parser --example extract --example train_cue_model --example
train_statement_model`):
    python3 services/parser/tools/cue_cv.py [--folds N] [--target DIR] [--dump FILE]
        [--write-statement-model FILE] [-- CUE TRAINER ARGS]
"""
import argparse, json, math, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../.."))
SHARED = os.path.normpath(os.path.join(ROOT, "../shared"))
THRESHOLDS = [0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--target", default=os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")))
    ap.add_argument("--gold", default=os.path.join(SHARED, "corpus/polnear/train"))
    ap.add_argument("--dump", help="also write the held-out predictions of stage 1 here (extract JSON lines)")
    ap.add_argument("--write-statement-model", help="train the statement model on all held-out statements into this file")
    ap.add_argument("--statement-args", default="", help="arguments for the statement model's trainer")
    ap.add_argument("rest", nargs="*", help="arguments for the cue model's trainer")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import score as S

    ex = os.path.join(a.target, "release/examples")
    tdir = os.path.join(a.gold, "text")
    names = sorted(f for f in os.listdir(tdir) if f.endswith(".txt"))
    dump = open(a.dump, "w") if a.dump else None
    # Per fold: the held-out statements as (file, statement, features, label).
    folds = []
    roles = {k: [0, 0, 0] for k in ("Source", "Cue", "Content")}
    ngold = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            model = os.path.join(tmp, f"cue{k}.tsv")
            with open(model, "w") as f:
                subprocess.run([os.path.join(ex, "train_cue_model"), a.gold, "--fold", f"{k}/{a.folds}"] + a.rest,
                               stdout=f, stderr=subprocess.DEVNULL, check=True)
            held = [n for i, n in enumerate(names) if i % a.folds == k]
            env = dict(os.environ, CLAIMWATCH_CUE_MODEL=model, CLAIMWATCH_STATEMENT_MODEL="off")
            out = subprocess.run([os.path.join(ex, "extract"), "extract", "--format", "jsonl", "--features"]
                                 + [os.path.join(tdir, n) for n in held],
                                 env=env, capture_output=True, text=True, check=True).stdout
            rows = []
            for line in out.splitlines():
                o = json.loads(line)
                n = os.path.basename(o["file"])
                if dump:
                    dump.write(json.dumps({"file": o["file"], "statements": o["statements"]}) + "\n")
                data = open(os.path.join(tdir, n), "rb").read()
                gold = S.parse_ann(S.ann_for(a.gold, n), S.char_to_byte(data.decode("utf-8")))
                ngold += len(gold)
                ps = o["statements"]
                for role, key in (("Source", "speaker"), ("Cue", "cue"), ("Content", "content")):
                    g = [r[role] for r in gold if role in r]
                    sp = [S.span(p, key) for p in ps if S.span(p, key)]
                    roles[role][0] += len(S.greedy(g, sp, S.overlaps))
                    roles[role][1] += len(sp)
                    roles[role][2] += len(g)

                def full(g, p):
                    return (S.overlaps(g.get("Cue"), S.span(p, "cue")) and S.overlaps(g.get("Content"), S.span(p, "content"))
                            and ("Source" not in g or S.overlaps(g["Source"], S.span(p, "speaker"))))
                right = {pi for _, pi in S.greedy(gold, ps, full)}
                rows += [(n, p, fs, i in right) for i, (p, fs) in enumerate(zip(ps, o["features"]))]
            folds.append(rows)

        every = [r for rows in folds for r in rows]
        tp = sum(r[3] for r in every)
        report("relation", tp, len(every), ngold, S)
        for role, (t, npred, ng) in roles.items():
            report(role.lower(), t, npred, ng, S)

        # Stage 2: each fold's statements filtered by a model of the others.
        kept = {t: [0, 0] for t in THRESHOLDS}
        for k in range(a.folds):
            model = train_statements(ex, [r for j, rows in enumerate(folds) if j != k for r in rows],
                                     os.path.join(tmp, f"statements{k}.tsv"), a.statement_args)
            for r in folds[k]:
                # Statements the model does not judge (features null) stay.
                p = probability(model, r[2]) if r[2] is not None else 1.0
                for t in THRESHOLDS:
                    if p >= t:
                        kept[t][0] += r[3]
                        kept[t][1] += 1
        best = max(THRESHOLDS, key=lambda t: S.prf(kept[t][0], kept[t][1], ngold)[2])
        print("statement filter (relation):")
        for t in THRESHOLDS:
            report(f"  keep >= {t:.2f}", kept[t][0], kept[t][1], ngold, S, "  <- best" if t == best else "")
        if a.write_statement_model:
            path = train_statements(ex, every, a.write_statement_model, a.statement_args)
            with open(path) as f:
                text = f.read()
            with open(path, "w") as f:
                f.write(text.replace("bias\t", f"keep_from\t{best:.2f}\nbias\t", 1))


def report(name, tp, npred, ngold, S, note=""):
    p, r, f = S.prf(tp, npred, ngold)
    print(f"{name:9} P {p:.3f}  R {r:.3f}  F1 {f:.4f}{note}")


def train_statements(ex, rows, path, args):
    """Trains a statement model on labelled statements into `path`."""
    lines = "".join(json.dumps({"features": r[2], "label": r[3]}) + "\n" for r in rows if r[2] is not None)
    with open(path, "w") as f:
        subprocess.run([os.path.join(ex, "train_statement_model")] + args.split(), input=lines, text=True,
                       stdout=f, stderr=subprocess.DEVNULL, check=True)
    return path


def probability(path, features, cache={}):
    """A statement model's probability for a statement's features, as
    `StatementModel::probability` computes it."""
    if path not in cache:
        w = {}
        for line in open(path):
            if not line.startswith("#") and "\t" in line:
                name, x = line.rstrip("\n").split("\t")
                w[name] = float(x)
        cache[path] = w
    w = cache[path]
    z = w.get("bias", 0.0) + sum(w.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-z))


if __name__ == "__main__":
    main()
