"""The per-process cache of costly figures (the board's per-officer counts)."""

from casemgr import summary_cache


def test_a_figure_is_counted_once_while_fresh_then_again(app, monkeypatch, caches_kept):
    calls = []
    clock = [100.0]
    monkeypatch.setattr(summary_cache.time, "monotonic", lambda: clock[0])
    with app.app_context():
        def count():
            calls.append(1)
            return len(calls)

        first, at = summary_cache.remembered("k", count)
        clock[0] += 59
        assert summary_cache.remembered("k", count) == (first, at) and len(calls) == 1
        assert summary_cache.remembered("other", count)[0] == 2  # another key is its own figure
        clock[0] += 2
        assert summary_cache.remembered("k", count)[0] == 3  # a minute old: counted again


def test_with_the_cache_off_every_call_counts(app):
    calls = []
    with app.app_context():
        assert app.config["SUMMARY_CACHE_SECONDS"] == 0
        for _ in range(3):
            summary_cache.remembered("k", lambda: calls.append(1))
    assert len(calls) == 3
