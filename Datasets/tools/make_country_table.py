#!/usr/bin/env python3
"""Build kamp's bundled ISO 3166-1 country table.

Writes, relative to the repository root:
  * Datasets/countries.csv                            (plain RFC 4180 CSV, LF line ends)
  * Sources/KeyAccounts/Model/CountryTable+Data.swift (the same rows, tab-separated,
    in a raw string literal `CountryTable.embeddedTSV`)

One row per ISO 3166-1 alpha-2 code (all 249 codes of Debian's iso-codes), sorted by
code, with columns:
  code, name, region, subregion, capital, latitude, longitude, languages

Sources and licences
  * countryinfo (PyPI), MIT License, Copyright (c) 2018 Porimol Chandro:
    region, subregion, capital, capital position (`capital_latlng`, else the
    country's centroid `latlng`), languages (ISO 639-1).
  * Debian package iso-codes, file /usr/share/iso-codes/json/iso_3166-1.json,
    LGPL-2.1-or-later: the list of alpha-2 codes and the English short names
    (field `name`).  /usr/share/iso-codes/json/iso_639-2.json (same package and
    licence) is only read to check that language codes are real ISO 639-1 codes.
  * Debian package tzdata, /usr/share/zoneinfo/zone.tab (public domain): only
    read, if present, to sanity-check capital positions; nothing is copied from it.
  * The hand-written dictionaries below (corrections and fallbacks), each entry
    with its reason.

How to run (from the repository root, on Debian with the iso-codes package,
`apt-get install iso-codes` if /usr/share/iso-codes is missing):

    python3 -m venv /tmp/venv-ci
    /tmp/venv-ci/bin/pip install 'countryinfo==1.0.1'
    /tmp/venv-ci/bin/python Datasets/tools/make_country_table.py

The script was written against countryinfo 1.0.1 and iso-codes 4.15.0; with
other versions it still runs (and warns), and its consistency checks fail loudly
if the new data brings problems the correction tables do not cover.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

try:
    import countryinfo
    from countryinfo import CountryInfo, CountryNotFoundError
except ImportError:  # pragma: no cover - instructions only
    sys.exit(
        "countryinfo is not installed. Run:\n"
        "  python3 -m venv /tmp/venv-ci && /tmp/venv-ci/bin/pip install 'countryinfo==1.0.1'\n"
        "  /tmp/venv-ci/bin/python Datasets/tools/make_country_table.py"
    )

REPO = Path(__file__).resolve().parents[2]
CSV_OUT = REPO / "Datasets" / "countries.csv"
SWIFT_OUT = REPO / "Sources" / "KeyAccounts" / "Model" / "CountryTable+Data.swift"
ISO_3166_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
ISO_639_JSON = Path("/usr/share/iso-codes/json/iso_639-2.json")
ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")

EXPECTED_COUNTRYINFO = "1.0.1"
EXPECTED_COUNT = 249
HEADER = ["code", "name", "region", "subregion", "capital", "latitude", "longitude", "languages"]

# ---------------------------------------------------------------------------
# Hand-written corrections and fallbacks. Every entry says why it is here.
# ---------------------------------------------------------------------------

# Capital positions (lat, lon in decimal degrees) used instead of countryinfo's
# value. These are the cities' well-known positions (the degrees/minutes given
# for each city in standard gazetteers and encyclopedias, rounded to ~1 km).
CAPITAL_POSITION = {
    # countryinfo has no capital position and no centroid for these codes;
    # they have no capital, so a well-known reference point of the territory is used.
    "AQ": (-90.0, 0.0),          # Antarctica: geographic South Pole (Amundsen-Scott station)
    "BV": (-54.4167, 3.3667),    # Bouvet Island: the island itself (54°25'S 3°22'E)
    "HM": (-53.1, 73.5167),      # Heard Island (53°06'S 73°31'E)
    "UM": (19.3, 166.6333),      # Wake Island (19°18'N 166°38'E), the largest populated atoll
    # countryinfo's capital_latlng was geocoded to a same-named place elsewhere
    # (thousands of km away) or is the country's centroid, not the capital.
    "AG": (17.1167, -61.85),     # St. John's, Antigua (countryinfo: St. John's, Newfoundland)
    "AI": (18.2167, -63.05),     # The Valley, Anguilla (countryinfo: a place in Nebraska)
    "BR": (-15.7833, -47.8667),  # Brasília (countryinfo: centre of Brazil, ~650 km off)
    "DJ": (11.6, 43.15),         # Djibouti city (countryinfo: ~40 km off, inland)
    "GD": (12.05, -61.75),       # St. George's, Grenada (countryinfo: a place in France)
    "IM": (54.15, -4.4833),      # Douglas, Isle of Man (countryinfo: Douglas, Illinois)
    "LU": (49.6, 6.1333),        # Luxembourg city (countryinfo: centre of Luxembourg, ~24 km off)
    "ME": (42.4333, 19.2667),    # Podgorica (countryinfo: centre of Montenegro, ~40 km off)
    "MS": (16.7, -62.2167),      # Plymouth, Montserrat (countryinfo: Plymouth, England)
    "NF": (-29.05, 167.9667),    # Kingston, Norfolk Island (countryinfo: Kingston, Jamaica)
    "PM": (46.7833, -56.1667),   # Saint-Pierre (countryinfo: a place in Alsace)
    "RE": (-20.8833, 55.45),     # Saint-Denis, Réunion (countryinfo: Saint-Denis near Paris)
    "SH": (-15.9333, -5.7167),   # Jamestown, Saint Helena (countryinfo: Jamestown, Virginia)
    "TL": (-8.55, 125.5833),     # Dili (countryinfo: a place in Delhi, India)
    "TN": (36.8, 10.1833),       # Tunis (countryinfo: centre of Tunisia, ~330 km off)
}

# Capital names used instead of countryinfo's value.
CAPITAL_NAME = {
    "BQ": "Kralendijk",  # countryinfo lists three ("Kralendijk / Oranjestad / The Bottom");
                         # Kralendijk (Bonaire, the largest) matches the position we keep.
    "KZ": "Astana",      # countryinfo: "Nur-Sultan"; the city was renamed back to Astana in 2022.
    "MO": "Macao",       # countryinfo: empty; Macao is a city-territory.
}

# Region / subregion (UN M49 names) used instead of countryinfo's value.
REGION = {
    "AQ": ("Antarctica", "Antarctica"),             # M49 puts Antarctica in no region; named after itself
    "HM": ("Oceania", "Australia and New Zealand"),  # countryinfo: empty; UN M49 assignment
    "ME": ("Europe", "Southern Europe"),             # countryinfo: Eastern Europe; UN M49 says Southern
    "RS": ("Europe", "Southern Europe"),             # countryinfo: Eastern Europe; UN M49 says Southern
}

# Languages (ISO 639-1) used instead of countryinfo's list.
LANGUAGES = {
    # countryinfo has no language for these territories; their official language(s)
    # that have an ISO 639-1 code (Papiamento has none).
    "AX": ["sv"],
    "BL": ["fr"],
    "BQ": ["nl"],
    "CW": ["nl", "en"],
    "MF": ["fr"],
    "MY": ["ms"],
    "PS": ["ar"],
    "SX": ["nl", "en"],
    "TC": ["en"],
    "VG": ["en"],
    "VI": ["en"],
    # countryinfo errors:
    "AF": ["ps", "fa", "uz", "tk"],  # Dari (Persian, fa) is an official language and was missing
    "AW": ["nl"],                    # countryinfo: nl, pa; "pa" is Punjabi, meant Papiamento (no 639-1 code)
    "AZ": ["az"],                    # countryinfo: az, hy; Armenian is not a language of Azerbaijan
    "ME": ["sr", "bs", "sq", "hr"],  # countryinfo: "cnr" (ISO 639-3 only); Constitution art. 13:
                                     # Serbian, Bosnian, Albanian and Croatian are in official use
    "PH": ["tl", "en"],              # Filipino (Tagalog-based, 639-1 "tl") was missing
    "RS": ["sr"],                    # countryinfo: "rs", a typo (not an ISO 639-1 code)
}

# Positions that must come out right (a regression check of the whole pipeline):
# code -> (lat, lon, tolerance in km).
SPOT_CHECKS = {
    "FR": (48.8566, 2.3522, 5),      # Paris
    "DE": (52.52, 13.405, 5),        # Berlin
    "AU": (-35.28, 149.13, 5),       # Canberra
    "US": (38.9, -77.04, 5),         # Washington
    "GB": (51.5074, -0.1278, 5),     # London
    "JP": (35.6762, 139.6503, 10),   # Tokyo
    "BR": (-15.7939, -47.8828, 5),   # Brasília
    "ZA": (-25.7479, 28.2293, 10),   # Pretoria
}


# ---------------------------------------------------------------------------


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def fmt_coord(x: float) -> str:
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def valid_pair(v) -> bool:
    return (
        isinstance(v, (list, tuple))
        and len(v) == 2
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
        and -90 <= v[0] <= 90
        and -180 <= v[1] <= 180
    )


def iso_codes_version() -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip().split("-")[0] or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_zone_tab() -> dict[str, list[tuple[str, tuple[float, float]]]]:
    """code -> [(city, (lat, lon))] from tzdata's zone.tab, or {} if absent."""
    if not ZONE_TAB.exists():
        return {}

    def parse(s: str) -> tuple[float, float]:
        m = re.fullmatch(r"([+-])(\d+)([+-])(\d+)", s)
        assert m, s

        def conv(sign: str, digits: str, deg_width: int) -> float:
            deg, mins, secs = int(digits[:deg_width]), int(digits[deg_width:deg_width + 2]), int(digits[deg_width + 2:] or 0)
            v = deg + mins / 60 + secs / 3600
            return -v if sign == "-" else v

        return conv(m[1], m[2], 2), conv(m[3], m[4], 3)

    zones: dict[str, list[tuple[str, tuple[float, float]]]] = {}
    for line in ZONE_TAB.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        zones.setdefault(f[0], []).append((f[2].split("/")[-1], parse(f[1])))
    return zones


def ascii_key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", s.lower())


def main() -> int:
    version = getattr(countryinfo, "__version__", "unknown")
    if version != EXPECTED_COUNTRYINFO:
        print(f"warning: countryinfo {version}, script written for {EXPECTED_COUNTRYINFO}", file=sys.stderr)
    iso_version = iso_codes_version()

    iso_entries = json.loads(ISO_3166_JSON.read_text(encoding="utf-8"))["3166-1"]
    iso639_1 = {e["alpha_2"] for e in json.loads(ISO_639_JSON.read_text(encoding="utf-8"))["639-2"] if "alpha_2" in e}
    zones = load_zone_tab()

    rows: list[list[str]] = []
    used: dict[str, list[str]] = {}  # fallback kind -> codes

    def note(kind: str, code: str) -> None:
        used.setdefault(kind, []).append(code)

    for entry in sorted(iso_entries, key=lambda e: e["alpha_2"]):
        code = entry["alpha_2"]
        name = entry["name"]
        try:
            ci = CountryInfo(code)
            if ci.iso(2) != code:
                raise CountryNotFoundError(code)
            data = ci.info()
        except CountryNotFoundError:
            data = {}
            note("not in countryinfo", code)

        # region / subregion
        if code in REGION:
            region, subregion = REGION[code]
            note("region corrected", code)
        else:
            region, subregion = data.get("region") or "", data.get("subregion") or ""
        if not region or not subregion:
            raise SystemExit(f"{code}: no region/subregion; add it to REGION")

        # capital name
        if code in CAPITAL_NAME:
            capital = CAPITAL_NAME[code]
            note("capital name corrected", code)
        else:
            capital = (data.get("capital") or "").strip()

        # capital position: hand table, else capital_latlng, else centroid latlng
        cap_ll = data.get("capital_latlng")
        if isinstance(cap_ll, list) and cap_ll and isinstance(cap_ll[0], list):
            cap_ll = cap_ll[0]  # several capitals (BQ): the first one
            note("first of several capitals", code)
        if code in CAPITAL_POSITION:
            lat, lon = CAPITAL_POSITION[code]
            note("position from hand table", code)
        elif valid_pair(cap_ll):
            lat, lon = float(cap_ll[0]), float(cap_ll[1])
        elif valid_pair(data.get("latlng")):
            lat, lon = map(float, data["latlng"])
            note("position = country centroid", code)
        else:
            raise SystemExit(f"{code}: no capital position and no centroid; add it to CAPITAL_POSITION")

        # languages
        if code in LANGUAGES:
            langs = LANGUAGES[code]
            note("languages corrected", code)
        else:
            langs = data.get("languages") or []
        langs = [x.strip().lower() for x in langs]
        dropped = [x for x in langs if len(x) != 2 or x not in iso639_1]
        if dropped:
            print(f"warning: {code}: dropping non ISO 639-1 language codes {dropped}", file=sys.stderr)
        kept: list[str] = []
        for x in langs:
            if x not in dropped and x not in kept:
                kept.append(x)
        if not kept:
            note("no language", code)

        rows.append([code, name, region, subregion, capital, fmt_coord(lat), fmt_coord(lon), ";".join(kept)])

    # ---- consistency checks -------------------------------------------------
    problems: list[str] = []
    codes = [r[0] for r in rows]
    if len(rows) != EXPECTED_COUNT or len(set(codes)) != len(codes):
        problems.append(f"expected {EXPECTED_COUNT} unique codes, got {len(rows)} ({len(set(codes))} unique)")
    if codes != sorted(codes):
        problems.append("rows not sorted by code")
    for r in rows:
        if not re.fullmatch(r"[A-Z]{2}", r[0]):
            problems.append(f"bad code {r[0]!r}")
        for field in r:
            if "\t" in field or "\n" in field or "\r" in field:
                problems.append(f"{r[0]}: tab or line break in {field!r}")
            if '"#' in field:
                problems.append(f"{r[0]}: '\"#' would end the Swift raw string: {field!r}")
            if field != field.strip():
                problems.append(f"{r[0]}: surrounding blanks in {field!r}")
        if not r[1] or not r[5] or not r[6]:
            problems.append(f"{r[0]}: empty name or position")
    by_code = {r[0]: r for r in rows}
    for code, (lat, lon, tol) in SPOT_CHECKS.items():
        got = (float(by_code[code][5]), float(by_code[code][6]))
        d = haversine_km(got, (lat, lon))
        if d > tol:
            problems.append(f"{code}: capital at {got}, expected about {(lat, lon)} ({d:.0f} km off)")
    # A capital that shares its name with a tz location of the same country
    # (e.g. Africa/Tunis) must lie near it: catches wrong geocodes and centroids.
    for r in rows:
        key = ascii_key(r[4])
        for city, pos in zones.get(r[0], []):
            if key and ascii_key(city) == key:
                d = haversine_km((float(r[5]), float(r[6])), pos)
                if d > 30:  # tzdata positions are rounded to ~25 km at worst
                    problems.append(f"{r[0]}: {r[4]} is {d:.0f} km from tzdata's {city}")
    # A capital far outside its country (wrong geocode to a namesake elsewhere).
    for r in rows:
        try:
            c = CountryInfo(r[0]).info()
        except CountryNotFoundError:
            continue
        if valid_pair(c.get("latlng")):
            radius = math.sqrt((c.get("area") or 0) / math.pi)
            d = haversine_km((float(r[5]), float(r[6])), tuple(c["latlng"]))
            if d > 1500 + 3 * radius:
                problems.append(f"{r[0]}: capital {d:.0f} km from the country's centre")
    if problems:
        print("consistency checks failed:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1

    # ---- write the CSV --------------------------------------------------------
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    w.writerows(rows)
    CSV_OUT.parent.mkdir(parents=True, exist_ok=True)
    CSV_OUT.write_text(buf.getvalue(), encoding="utf-8")

    # ---- write the Swift source -----------------------------------------------
    sources = (
        f"countryinfo {version} (PyPI, MIT License, (c) 2018 Porimol Chandro) for regions, capitals, "
        f"positions and languages;\n// Debian iso-codes {iso_version} iso_3166-1.json (LGPL-2.1-or-later) "
        f"for the codes and English short names;\n// hand corrections listed in the script "
        f"(see Datasets/README-countries.md)."
    )
    lines = [
        "// Generated by Datasets/tools/make_country_table.py. Do not edit by hand; rerun the script.",
        f"// Sources: {sources}",
        "",
        "extension CountryTable {",
        "    /// One line per ISO 3166-1 alpha-2 code, tab-separated:",
        "    /// code, name, region, subregion, capital, latitude, longitude, languages (ISO 639-1, ';'-separated).",
        '    static let embeddedTSV: String = #"""',
    ]
    lines += ["    " + "\t".join(r) for r in rows]
    lines += ['    """#', "}", ""]
    SWIFT_OUT.parent.mkdir(parents=True, exist_ok=True)
    SWIFT_OUT.write_text("\n".join(lines), encoding="utf-8")

    # ---- summary ----------------------------------------------------------------
    print(f"wrote {CSV_OUT.relative_to(REPO)} and {SWIFT_OUT.relative_to(REPO)}: {len(rows)} countries")
    for kind in sorted(used):
        print(f"  {kind}: {' '.join(used[kind])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
