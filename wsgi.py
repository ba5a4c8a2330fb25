"""WSGI entry point: ``gunicorn wsgi:app``."""

from casemgr import collector, create_app

app = create_app()
collector.settle()
