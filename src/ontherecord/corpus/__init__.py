"""Corpus operations: the collection of articles and what needs more than one of them
(deduplication, actor resolution across articles, claim clusters)."""
