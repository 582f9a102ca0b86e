"""Sentence embeddings: the static Model2Vec model (default) and the optional transformer."""
