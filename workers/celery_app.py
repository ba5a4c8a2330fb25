"""Celery entry point: ``celery -A workers.celery_app worker`` and ``... beat``.

The Celery app is built from the Flask app, so tasks run in its app context with its config.
"""

from casemgr import collector, create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
collector.settle()  # before the worker forks its children: they inherit the frozen objects
