"""Small numeric helpers shared by the trained models (tree ensembles, hashed tf-idf)."""
