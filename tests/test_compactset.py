"""CompactStringSet: set semantics over hashes, across the pending/sorted merge."""

from __future__ import annotations

import pytest

from newscrawl.crawl.compactset import CompactStringSet


def test_membership_and_length_across_merges() -> None:
    urls = [f"https://www.example.de/lokales/artikel-{i}.html" for i in range(20_000)]
    seen = CompactStringSet()
    for url in urls[:15_000]:
        seen.add(url)
        seen.add(url)  # adding twice changes nothing
    assert len(seen) == 15_000
    assert all(url in seen for url in urls[:15_000])
    assert not any(url in seen for url in urls[15_000:])
    seen.update(urls)
    assert len(seen) == 20_000
    assert urls[-1] in seen


def test_initial_values_and_non_strings() -> None:
    seen = CompactStringSet(["a", "b", "a"])
    assert len(seen) == 2
    assert "a" in seen and "c" not in seen
    assert 1 not in seen  # type: ignore[operator]
    assert "ü" not in seen and "\udcff" not in seen  # non-ASCII and lone surrogates hash fine


def test_much_smaller_than_a_set_of_urls() -> None:
    seen = CompactStringSet(f"https://www.example.de/a-{i}.html" for i in range(100_000))
    assert seen.nbytes < 100_000 * 16


def test_members_cannot_be_listed() -> None:
    with pytest.raises(TypeError):
        list(CompactStringSet(["a"]))
