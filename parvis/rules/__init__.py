"""Labour calculators as rules-as-data: one evaluator reads declarative definitions."""
