"""`makemore-dashboard`: start the dashboard, wherever the package is installed.

    makemore-dashboard                          # http://localhost:8501, the built-in names
    makemore-dashboard --server.port 8600       # any of Streamlit's options pass through

It runs `streamlit run` on the app's entry point (`streamlit_app.py`, installed beside the package) with this
project's server settings (`makemore/app/streamlit.toml`, the same as the repository's `.streamlit/config.toml`:
upload limit, localhost only, no usage statistics, no file watcher); options given on the command line come last,
so they win.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parent / "app" / "streamlit.toml"


def entry_point() -> Path:
    """The app's `streamlit_app.py`: installed as a top-level module beside the package, or the checkout's."""
    spec = importlib.util.find_spec("streamlit_app")  # found, not imported: importing it would run the app
    if spec is not None and spec.origin:
        return Path(spec.origin)
    return Path(__file__).resolve().parents[1] / "streamlit_app.py"


def config_flags(path: Path = CONFIG) -> list[str]:
    """The server settings as Streamlit command-line flags.

    >>> flags = config_flags()
    >>> "--server.maxUploadSize=50" in flags, "--browser.gatherUsageStats=false" in flags
    (True, True)
    """
    flags = []
    for section, options in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{name}={text}")
    return flags


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli  # the dashboard's own dependency; the engine never imports it

    args = sys.argv[1:] if argv is None else argv
    sys.argv = ["streamlit", "run", str(entry_point()), *config_flags(), *args]
    return cli.main()


if __name__ == "__main__":
    raise SystemExit(main())
