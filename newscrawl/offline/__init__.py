"""Saved pages without a crawl: the processing chain, scoring, the evaluation report."""
