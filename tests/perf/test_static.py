"""Production static files: collectstatic writes hashed, pre-compressed copies (WhiteNoise)."""


def test_collectstatic_writes_hashed_and_compressed_css(collected_static):
    """The settings' own storage, through the run the served-process tests share (collecting
    and compressing every file once is over a minute)."""
    css = {path.name for path in (collected_static / "css").iterdir()}
    hashed = [name for name in css if name.startswith("site.") and name.endswith(".css")]
    hashed = [name for name in hashed if name != "site.css"]
    assert hashed, css
    assert all(f"{name}.gz" in css for name in hashed)
    assert (collected_static / "staticfiles.json").exists()
