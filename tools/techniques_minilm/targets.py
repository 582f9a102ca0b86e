"""The matrices of each all-MiniLM-L6-v2 layer that carry LoRA adapters (shared by train.py,
which runs on the GPU machine without claimgraph installed, and export.py)."""

TARGETS = [
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
]
