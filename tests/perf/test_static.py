"""Production static files: collectstatic writes hashed, pre-compressed copies (WhiteNoise)."""

from django.core.management import call_command


def test_collectstatic_writes_hashed_and_compressed_css(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    css = {path.name for path in (tmp_path / "css").iterdir()}
    hashed = [name for name in css if name.startswith("site.") and name.endswith(".css")]
    hashed = [name for name in hashed if name != "site.css"]
    assert hashed, css
    assert all(f"{name}.gz" in css for name in hashed)
    assert (tmp_path / "staticfiles.json").exists()
