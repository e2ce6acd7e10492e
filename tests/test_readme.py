"""The README's promises: its two quick-start commands, the CI running exactly its test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_is_two_commands():
    run, test = quick_start_commands()
    assert run.startswith("pip install -r requirements.txt") and "streamlit run streamlit_app.py" in run
    assert "requirements-dev.txt" in test and "pytest" in test and "ruff check" in test


def test_ci_runs_the_readme_test_command_verbatim():
    _, test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci


def test_torch_is_pinned_to_the_cpu_build():
    assert "torch==2.13.0" in (ROOT / "requirements.txt").read_text().splitlines()
