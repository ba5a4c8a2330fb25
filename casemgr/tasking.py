"""The Celery app, built from the Flask app so that every task runs inside its app context."""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.name, task_cls=FlaskTask)
    celery.config_from_object(app.config["CELERY"])
    # Task modules live in workers/; the worker imports them, the web app sends by name.
    celery.conf.include = ["workers.tasks"]
    celery.set_default()
    app.extensions["celery"] = celery
    return celery
