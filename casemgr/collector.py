"""Python's garbage collector, set for a long-running process (the web server, the worker).

The collector otherwise walks the application's long-lived objects (models, templates, catalogs)
over and over while a request or a job allocates: they are frozen out of its reach once loaded,
and the young generation is collected less often. Measured in bench/ (docs/performance.md): the
slowest page requests fell from ~110 ms to ~45 ms, the median unchanged; the reminder scan's
first run at a million cases (~15,000 reminders and notifications built) ~0.1-0.15 s faster.
"""

import gc


def settle() -> None:
    """Call once the application is loaded (after create_app), before serving."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
