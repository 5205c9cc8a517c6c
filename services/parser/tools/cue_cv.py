#!/usr/bin/env python3
"""Cross-validates the cue model on PolNeAR's train split.

For each of N folds, trains `lexicon/cue_model.tsv`'s model on the other
folds (`examples/train_cue_model.rs --fold K/N`), runs the extractor with
that model (`CLAIMWATCH_CUE_MODEL`) on the held-out texts, and scores all
held-out predictions together as `eval/score.py attributions` does. This
is how the model's settings and the parser's thresholds are tuned without
scoring a model on the texts it was trained on, and without dev.

Usage (from the repository root, after
`cargo build --release -p claimwatch-parser --example extract --example train_cue_model`):
    python3 services/parser/tools/cue_cv.py [--folds N] [--target DIR] [-- TRAINER ARGS]
"""
import argparse, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../.."))
SHARED = os.path.normpath(os.path.join(ROOT, "../shared"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--target", default=os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")))
    ap.add_argument("--gold", default=os.path.join(SHARED, "corpus/polnear/train"))
    ap.add_argument("--dump", help="also write the held-out predictions here (extract JSON lines)")
    ap.add_argument("rest", nargs="*", help="arguments for the trainer")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import score as S

    ex = os.path.join(a.target, "release/examples")
    tdir = os.path.join(a.gold, "text")
    names = sorted(f for f in os.listdir(tdir) if f.endswith(".txt"))
    tot = {k: [0, 0, 0] for k in ("Source", "Cue", "Content")}
    rel = [0, 0, 0]
    dump = open(a.dump, "w") if a.dump else None
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            model = os.path.join(tmp, f"fold{k}.tsv")
            with open(model, "w") as f:
                subprocess.run([os.path.join(ex, "train_cue_model"), a.gold, "--fold", f"{k}/{a.folds}"] + a.rest,
                               stdout=f, stderr=subprocess.DEVNULL, check=True)
            held = [n for i, n in enumerate(names) if i % a.folds == k]
            env = dict(os.environ, CLAIMWATCH_CUE_MODEL=model)
            out = subprocess.run([os.path.join(ex, "extract"), "extract", "--format", "jsonl"]
                                 + [os.path.join(tdir, n) for n in held],
                                 env=env, capture_output=True, text=True, check=True).stdout
            if dump:
                dump.write(out)
            preds = {os.path.basename(json.loads(l)["file"]): json.loads(l)["statements"] for l in out.splitlines()}
            for n in held:
                data = open(os.path.join(tdir, n), "rb").read()
                gold = S.parse_ann(S.ann_for(a.gold, n), S.char_to_byte(data.decode("utf-8")))
                ps = preds[n]
                for role, key in (("Source", "speaker"), ("Cue", "cue"), ("Content", "content")):
                    g = [r[role] for r in gold if role in r]
                    sp = [S.span(p, key) for p in ps if S.span(p, key)]
                    tot[role][0] += len(S.greedy(g, sp, S.overlaps))
                    tot[role][1] += len(sp)
                    tot[role][2] += len(g)

                def full(g, p):
                    return (S.overlaps(g.get("Cue"), S.span(p, "cue")) and S.overlaps(g.get("Content"), S.span(p, "content"))
                            and ("Source" not in g or S.overlaps(g["Source"], S.span(p, "speaker"))))
                rel[0] += len(S.greedy(gold, ps, full))
                rel[1] += len(ps)
                rel[2] += len(gold)
    for name, (tp, npred, ngold) in [("relation", rel)] + [(r.lower(), v) for r, v in tot.items()]:
        p, r, f = S.prf(tp, npred, ngold)
        print(f"{name:9} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
