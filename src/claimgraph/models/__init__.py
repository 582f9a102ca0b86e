"""The small trained models that ship with claimgraph, and the one function that finds them.

Each file here is rebuilt by a ``claimgraph train …`` command (the ``train.py`` of
its stage); every loader finds its file with :func:`path`, as every knowledge
loader finds its data with :func:`claimgraph.knowledge.data_path`.

==========================  ==========================================  ==========================
file                        what                                        rebuilt by
==========================  ==========================================  ==========================
statements.crfsuite, .json  attribution-role CRF and its learnt cues    ``train statements``
statements-stance.npz       statement stance (logistic regression)      ``train stances``
techniques-*.{crfsuite,npz} technique span CRF and span classifiers     ``train techniques``
techniques.json             their settings and training summary         ``train techniques``
techniques-calibration.json technique score calibration (17 weights)    ``train techniques-calibration``
voice.npz                   author's-voice model (static embedding)     ``train voice --distill``
voice-minilm.npz            author's-voice model (transformer extra)    ``train voice --encoder transformer``
checkworthy.npz             check-worthiness of claims                  ``train checkworthy``
stance.npz                  FNC-1 article stance trees                  ``train stance``
matching_static/            the static sentence embedding (Model2Vec)   ``train matching``
==========================  ==========================================  ==========================
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["path"]


def path(name: str = "") -> Path:
    """Where the shipped model file or folder ``name`` lives (the models folder for ``""``).

    The path may not exist (a model not trained yet, a partial install): the loader that
    needs it says so and names the ``claimgraph train`` command that rebuilds it.
    """
    return Path(str(files(__name__) / name)) if name else Path(str(files(__name__)))
