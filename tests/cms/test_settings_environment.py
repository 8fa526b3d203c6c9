"""Every variable `cms/settings.py` reads: a value it cannot use stops the process at start with
an `ImproperlyConfigured` naming the variable, never a bare ValueError from deep inside, a
silent fallback, or a 500 at the first request that reads it."""

import contextlib
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.disks import small_tmpfs

SETTINGS = Path(__file__).resolve().parents[2] / "cms" / "settings.py"


@pytest.fixture
def read_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("CMS_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///" + str(tmp_path / "db.sqlite3"))

    def read(**environ):
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return read


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_CONN_MAX_AGE", "a minute"),
        ("CMS_DATABASE_RETRY_AFTER", "x"),
        ("CMS_REPLICA_MAX_LAG_SECONDS", "two"),
        ("CMS_REPLICA_CONNECT_TIMEOUT", "0"),
        ("CMS_REPLICA_QUERY_TIMEOUT", "1.5"),
        ("CMS_READ_YOUR_WRITES_SECONDS", "1.5"),
        ("CMS_HSTS_SECONDS", "-1"),
        ("CMS_MAX_REQUEST_BYTES", "5MB"),
        ("CMS_MAX_IMAGE_BYTES", ""),
        ("CMS_MAX_IMAGE_PIXELS", "many"),
        ("CMS_LOGIN_FAILURE_LIMIT", "0"),
        ("CMS_LOGIN_COOLOFF_HOURS", "nan"),
        ("CMS_PASSWORD_RESET_SECONDS", "an hour"),
        ("EMAIL_PORT", "99999"),
        ("CMS_PREVIEW_LINK_MAX_HOURS", "x"),
        ("CMS_CACHE_SECONDS", "5m"),
        ("CMS_PURGE_REPEAT_SECONDS", "soon"),
        ("CMS_API_ANON_RATE", "fast"),
        ("CMS_API_USER_RATE", "1/fortnight"),
        ("CMS_LOGIN_RATE", "30"),
        ("CMS_TIME_ZONE", "Mars/Olympus"),
        ("CMS_LOG_LEVEL", "LOUD"),
        ("CMS_LOG_FORMAT", "xml"),
        ("CMS_MEDIA_STORAGE", "ftp"),
        ("DJANGO_DEBUG", "maybe"),
        ("CMS_HTTPS", "enabled"),
        ("CMS_SITE_URL", "desk.example.com"),
        ("CMS_SITE_URL", "/"),
        ("DATABASE_URL", "nope://x"),
        ("DATABASE_REPLICA_URLS", "nope://x"),
        ("REDIS_URL", "127.0.0.1:6379"),
        ("REDIS_URL", "redis://127.0.0.1:6379/0,127.0.0.1:6380"),
        ("EMAIL_BACKEND", "smtp"),
        ("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackends"),
        ("EMAIL_BACKEND", "no.such.module.EmailBackend"),
        ("EMAIL_BACKEND", "django.core.mail.send_mail"),
    ],
)
def test_a_bad_value_is_improperly_configured_naming_the_variable(read_settings, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        read_settings(**{name: value})


def test_a_database_url_it_cannot_read_is_not_repeated_with_its_password(read_settings):
    with pytest.raises(ImproperlyConfigured) as error:
        read_settings(DATABASE_URL="nope://user:s3cret@db.example.com/desk")
    assert "s3cret" not in str(error.value)


def test_a_redis_url_it_cannot_use_is_not_repeated_with_its_password(read_settings):
    """Before, a REDIS_URL without its scheme passed the start and was a 500 at every API
    request and login, when the throttles first reached for the cache."""
    with pytest.raises(ImproperlyConfigured) as error:
        read_settings(REDIS_URL="user:s3cret@redis.example.com:6379/0")
    assert "s3cret" not in str(error.value)


def test_redis_urls_are_taken_with_any_of_the_schemes_redis_reads(read_settings):
    url = "rediss://redis.example.com:6380/0,redis://10.0.0.8:6379/0;unix:///run/redis.sock"
    settings = read_settings(REDIS_URL=url)
    assert settings["CACHES"]["default"]["LOCATION"] == url


def test_an_email_backend_is_taken_by_its_dotted_path(read_settings):
    """A misspelt EMAIL_BACKEND passed the start and failed at the first notification or
    password reset, after the write that sent it had been committed."""
    backend = "django.core.mail.backends.locmem.EmailBackend"
    assert read_settings(EMAIL_BACKEND=f" {backend} ")["EMAIL_BACKEND"] == backend


def test_a_folder_that_cannot_be_made_is_named(read_settings, tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(ImproperlyConfigured, match="CMS_VAR_DIR"):
        read_settings(CMS_VAR_DIR=str(tmp_path / "file" / "var"))


def test_good_values_are_read_as_documented(read_settings):
    settings = read_settings(
        DJANGO_DEBUG="off",
        CMS_HTTPS="YES",
        CMS_LOG_LEVEL="info",
        CMS_API_USER_RATE=" 50/hour ",
        CMS_CACHE_SECONDS="60",
        CMS_LOGIN_COOLOFF_HOURS="0.5",
        CMS_TIME_ZONE="Europe/London",
        CMS_SITE_URL="https://desk.example.com/",
    )
    assert settings["DEBUG"] is False and settings["CMS_HTTPS"] is True
    assert settings["LOGGING"]["root"]["level"] == "INFO"
    assert settings["CMS_API_USER_RATE"] == "50/hour"
    assert settings["CMS_CACHE_SECONDS"] == 60 and settings["AXES_COOLOFF_TIME"] == 0.5
    assert settings["TIME_ZONE"] == "Europe/London"
    assert settings["SITE_URL"] == "https://desk.example.com"


def test_a_secret_key_file_left_empty_is_replaced(read_settings, monkeypatch, tmp_path):
    """A start that found CMS_VAR_DIR full once left an empty key file; every later start ran
    on an empty SECRET_KEY, which `check` let through and every signed cookie refused (500)."""
    monkeypatch.delenv("DJANGO_SECRET_KEY")
    (tmp_path / "secret_key").write_text("")
    key = read_settings()["SECRET_KEY"]
    assert len(key) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert read_settings()["SECRET_KEY"] == key


def test_a_full_var_dir_stops_the_start_by_name_and_leaves_no_empty_key(
    read_settings, monkeypatch, tmp_path
):
    """A real tmpfs with no space left, which only root may mount: elsewhere this skips."""
    with small_tmpfs(tmp_path / "full", "8k") as volume:
        (volume / "static").mkdir()
        with open(volume / "fill", "wb") as fill, contextlib.suppress(OSError):
            fill.write(b"\0" * 65536)
        monkeypatch.delenv("DJANGO_SECRET_KEY")
        monkeypatch.setenv("CMS_VAR_DIR", str(volume))
        with pytest.raises(ImproperlyConfigured, match="CMS_VAR_DIR"):
            read_settings()
        assert not (volume / "secret_key").exists()
        (volume / "fill").unlink()
        assert len(read_settings()["SECRET_KEY"]) >= 50
