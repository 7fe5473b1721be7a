"""Extractors: pure functions of one article (quotes, attribution, actors, claims, times)."""
