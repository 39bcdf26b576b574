"""Packaging shim for scrapyd-deploy, which runs `python setup.py bdist_egg`.

All metadata (including the `scrapy` entry point `settings = newscrawl.settings`) is in
pyproject.toml.
"""

from setuptools import setup

setup()
