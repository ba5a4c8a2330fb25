"""WSGI entry point: ``gunicorn wsgi:app``."""

from casemgr import create_app

app = create_app()
