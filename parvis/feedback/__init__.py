"""What visitors do with search, kept to learn from it: impressions, clicks,
dwell time and "did this page help?" votes, anonymous and scrubbed."""
