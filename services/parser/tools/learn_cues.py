#!/usr/bin/env python3
"""Learn the cue table `lexicon/learned.tsv` from PolNeAR's train split.

For every word outside quotations, counts how often it lies inside an
annotated Cue span, overall and per context (the classes of the words just
before and after it). The parser reads the counts and accepts a word as a
cue where the smoothed share is high enough (see `src/lexicon.rs`). Only
counts of words are written: no text of the corpus.

Usage: learn_cues.py [TRAIN_DIR] > lexicon/learned.tsv
(default TRAIN_DIR: ../../../shared/corpus/polnear/train from this file)
"""
import collections, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/corpus/polnear/train")

DET = set("the a an this that these those his her their its our my your 's ’s no any every each some another such".split())
AUX = set("has have had was is were are be been will would could should may might can did does do not also".split())
PRON = set("he she they it we i who you".split())
PREP = set("about for of on in with as at by from against over into".split())
TOKEN = re.compile(r"''|[\w]+(?:[-'’.&][\w]+)*|[^\w\s]")


def prev_class(tok):
    if tok is None:
        return "start"
    w = tok.lower()
    if w in DET:
        return "det"
    if w in AUX:
        return "aux"
    if w == "to":
        return "to"
    if w in PRON:
        return "pron"
    if not w[0].isalnum():
        return "punct"
    if tok[0].isupper():
        return "cap"
    return "other"


def next_class(tok):
    if tok is None:
        return "end"
    w = tok.lower()
    if w == "that":
        return "that"
    if w == "to":
        return "to"
    if w in ("“", '"', "''", "‘"):
        return "quote"
    if w in DET:
        return "det"
    if w in PRON:
        return "pron"
    if w in PREP:
        return "prep"
    if not w[0].isalnum():
        return "punct"
    if tok[0].isupper():
        return "cap"
    return "other"


def ann_path(adir, name):
    exact = os.path.join(adir, name[:-4] + ".ann")
    if os.path.exists(exact):
        return exact
    cands = sorted(f for f in os.listdir(adir) if f.startswith(name[:-4] + "_") and f.endswith(".ann"))
    return os.path.join(adir, cands[0])


def main():
    tdir, adir = os.path.join(TRAIN, "text"), os.path.join(TRAIN, "attributions")
    word = collections.Counter()
    word_pos = collections.Counter()
    ctx = collections.Counter()
    ctx_pos = collections.Counter()
    for name in sorted(os.listdir(tdir)):
        if not name.endswith(".txt"):
            continue
        text = open(os.path.join(tdir, name), encoding="utf-8").read()
        cue = bytearray(len(text) + 1)
        for line in open(ann_path(adir, name), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 2 and parts[1].startswith("Cue "):
                for frag in parts[1][4:].split(";"):
                    a, b = (int(x) for x in frag.split())
                    for i in range(a, b):
                        cue[i] = 1
        for para in re.finditer(r"[^\n]+", text):
            toks = [(m.start() + para.start(), m.group()) for m in TOKEN.finditer(para.group())]
            inq = False
            for k, (pos, tok) in enumerate(toks):
                if tok in ("“", "”", '"', "''"):
                    if tok == "“":
                        inq = True
                    elif tok == "”":
                        inq = False
                    else:
                        inq = not inq
                    continue
                if inq or not tok[0].isalpha():
                    continue
                w = tok.lower()
                p = prev_class(toks[k - 1][1] if k > 0 else None)
                n = next_class(toks[k + 1][1] if k + 1 < len(toks) else None)
                y = cue[pos]
                word[w] += 1
                word_pos[w] += y
                ctx[(w, p, n)] += 1
                ctx_pos[(w, p, n)] += y
    print("# Learned from PolNeAR train by tools/learn_cues.py: word <TAB> context")
    print("# (previous-class/next-class, or * for all) <TAB> cue count <TAB> count.")
    for w in sorted(word):
        if word_pos[w] < 2 or word_pos[w] / word[w] < 0.08:
            continue
        print(f"{w}\t*\t{word_pos[w]}\t{word[w]}")
        for (cw, p, n), c in sorted(ctx.items()):
            if cw == w and c >= 3:
                print(f"{w}\t{p}/{n}\t{ctx_pos[(cw, p, n)]}\t{c}")


if __name__ == "__main__":
    main()
