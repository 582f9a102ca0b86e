"""What works across documents: claim matching, FNC-1 article stance, the store."""
