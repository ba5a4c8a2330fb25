import pytest

import config
from casemgr import create_app


def test_nothing_set_means_the_embedded_default(tmp_path):
    conf = config.load({"CASEMGR_INSTANCE_PATH": str(tmp_path)})
    assert conf["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'casemgr.sqlite'}"
    assert conf["CELERY"]["broker_url"] == f"sqla+sqlite:///{tmp_path / 'celery-broker.sqlite'}"
    assert conf["SESSION_COOKIE_SECURE"] is False
    # The generated key is kept, so a restart of the demo keeps people logged in.
    assert config.load({"CASEMGR_INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"] == conf["SECRET_KEY"]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_its_settings(tmp_path, missing):
    environ = {"CASEMGR_ENV": "production", "CASEMGR_INSTANCE_PATH": str(tmp_path),
               "SECRET_KEY": "k" * 40, "DATABASE_URL": "postgresql://db/casemgr",
               "REDIS_URL": "redis://127.0.0.1:6379/0"}
    del environ[missing]
    with pytest.raises(config.ConfigError, match=missing):
        create_app(environ=environ)


def test_production_uses_postgresql_redis_and_secure_cookies(tmp_path):
    conf = config.load({"CASEMGR_ENV": "production", "CASEMGR_INSTANCE_PATH": str(tmp_path),
                        "SECRET_KEY": "k" * 40, "DATABASE_URL": "postgres://u@db/casemgr",
                        "REDIS_URL": "redis://cache:6379/0"})
    assert conf["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/casemgr"
    assert conf["CELERY"]["broker_url"] == "redis://cache:6379/0"
    assert conf["SESSION_COOKIE_SECURE"] is True and conf["SESSION_COOKIE_HTTPONLY"] is True
    assert conf["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_short_secret_key_is_refused_in_production(tmp_path):
    with pytest.raises(config.ConfigError, match="32"):
        config.load({"CASEMGR_ENV": "production", "CASEMGR_INSTANCE_PATH": str(tmp_path),
                     "SECRET_KEY": "short", "DATABASE_URL": "postgresql://db/x", "REDIS_URL": "redis://r"})


def test_unknown_mode_is_refused(tmp_path):
    with pytest.raises(config.ConfigError):
        config.load({"CASEMGR_ENV": "prod", "CASEMGR_INSTANCE_PATH": str(tmp_path)})


def test_a_bad_reminder_setting_stops_the_start(tmp_path):
    with pytest.raises(config.ConfigError, match="REMINDER"):
        config.load({"CASEMGR_INSTANCE_PATH": str(tmp_path), "REMINDER_RULE_DAYS": "decision"})
