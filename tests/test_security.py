"""Security promises that hold by construction: checked on the source and the server configuration."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [p for p in ROOT.rglob("*.py") if ".venv" not in p.parts and "tests" not in p.parts]


def test_no_html_rendering_of_anything():
    for path in SOURCES:
        assert "unsafe_allow_html" not in path.read_text(), path
        assert "st.html(" not in path.read_text(), path


def test_nothing_is_ever_unpickled():
    pattern = re.compile(r"\bpickle\.loads?\b|\btorch\.load\b|\bjoblib\.load\b|\bdill\.")
    for path in SOURCES:
        assert not pattern.search(path.read_text()), path


def test_server_configuration():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "localhost"  # only this machine, unless asked
    assert 20 <= config["server"]["maxUploadSize"] <= 100  # MB: at least the 20 MB the dashboard promises
    assert config["browser"]["gatherUsageStats"] is False


def test_shared_caches_hold_nothing_per_user():
    """st.cache_resource is shared by every visitor: only the built-in lists may live there, never an upload,
    a trainer or a sampler."""
    cached = []
    for path in (ROOT / "makemore" / "app").glob("*.py"):
        text = path.read_text()
        cached += re.findall(r"@st\.cache_resource[^\n]*\ndef (\w+)", text)
    assert sorted(cached) == ["_lecture", "builtin", "shared_corpus", "us_years"]  # _lecture: a fetched built-in


def test_our_components_never_parse_html():
    """The canvas components draw characters from the user's words: only textContent and fillText, never HTML."""
    assets = Path(__file__).resolve().parents[1] / "makemore" / "app" / "assets"
    for js in assets.glob("*.js"):
        text = js.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, f"{js.name} uses {sink}"
