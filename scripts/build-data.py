#!/usr/bin/env python3
"""Build the bot's place gazetteer and sample centre list from the raw inputs.

Inputs (read-only, see ../shared/data/README.md):
  katottg-2024.csv           the official codifier of Ukraine's administrative units (KATOTTH)
  geonames-ua-cities500.json GeoNames places in Ukraine with population >= 500

Outputs (in data/, relative to the current directory, i.e. run from the repo root):
  gazetteer.tsv       every oblast, hromada and settlement with a point and searchable names
  centres.sample.csv  an illustrative list of Resilience Centres in the bot's CSV contract

The build is deterministic: no clocks, no randomness, all iteration over sorted keys, so
re-running it on the same inputs gives byte-identical files. It uses the standard library only.

Run: python3 scripts/build-data.py [--input DIR] [--output DIR]
"""

import argparse
import collections
import csv
import json
import math
import os
import re
import statistics
import sys
import unicodedata

# --------------------------------------------------------------------------------------------
# Fixed tables
# --------------------------------------------------------------------------------------------

# Codifier categories of settlements, ranked for the "several settlements share a name" rule:
# a city with special status beats a city, which beats an urban-type settlement, then a village.
SETTLEMENT_RANK = {"K": 4, "M": 3, "X": 2, "C": 1}
KIND_BY_CATEGORY = {"O": "oblast", "K": "city", "H": "hromada", "M": "city", "X": "town", "C": "village"}

# Conventional English names of the first-level units, keyed by the codifier's Ukrainian name.
# (Transliterating "Київська" would give "Kyivska"; people search for "Kyiv Oblast".)
OBLAST_EN = {
    "Автономна Республіка Крим": "Autonomous Republic of Crimea",
    "Вінницька": "Vinnytsia Oblast",
    "Волинська": "Volyn Oblast",
    "Дніпропетровська": "Dnipropetrovsk Oblast",
    "Донецька": "Donetsk Oblast",
    "Житомирська": "Zhytomyr Oblast",
    "Закарпатська": "Zakarpattia Oblast",
    "Запорізька": "Zaporizhzhia Oblast",
    "Івано-Франківська": "Ivano-Frankivsk Oblast",
    "Київська": "Kyiv Oblast",
    "Кіровоградська": "Kirovohrad Oblast",
    "Луганська": "Luhansk Oblast",
    "Львівська": "Lviv Oblast",
    "Миколаївська": "Mykolaiv Oblast",
    "Одеська": "Odesa Oblast",
    "Полтавська": "Poltava Oblast",
    "Рівненська": "Rivne Oblast",
    "Сумська": "Sumy Oblast",
    "Тернопільська": "Ternopil Oblast",
    "Харківська": "Kharkiv Oblast",
    "Херсонська": "Kherson Oblast",
    "Хмельницька": "Khmelnytskyi Oblast",
    "Черкаська": "Cherkasy Oblast",
    "Чернівецька": "Chernivtsi Oblast",
    "Чернігівська": "Chernihiv Oblast",
    # Cities with special status (category K) act as their own first-level unit.
    "Київ": "Kyiv",
    "Севастополь": "Sevastopol",
}

# Official Ukrainian -> Latin transliteration, KMU resolution No. 55 of 27.01.2010.
# Letters with a different form at the start of a word are in TRANSLIT_INITIAL.
TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    "'": "", "’": "", "ʼ": "", "`": "",
}
TRANSLIT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

APOSTROPHES = "'’ʼ`"
# Characters allowed in an alternate name besides Latin and Cyrillic letters.
ALT_NAME_EXTRA_CHARS = set(" -") | set(APOSTROPHES)

# Spatial consistency limits (see spatial_outliers): a hromada spans up to ~60 km, a raion
# (after the 2020 reform) up to ~200 km.
HROMADA_KM = 35.0
CENTRE_KM = 45.0
RAION_KM = 100.0

LAT_RANGE = (44.0, 53.0)
LON_RANGE = (22.0, 41.0)

GAZETTEER_COLUMNS = ["code", "kind", "name_uk", "name_lat", "oblast_code", "hromada_code",
                     "lat", "lon", "precision", "population", "alt_names"]
CENTRE_COLUMNS = ["id", "name_uk", "name_en", "lat", "lon", "oblast", "hromada", "address_uk",
                  "address_en", "phone", "email", "website", "opening_hours", "services", "notes",
                  "verified_on", "serves_hromada", "sample"]

# --------------------------------------------------------------------------------------------
# Sample centres. Facts come from shared/data/REFERENCE.md ("Reference facts (with public
# sources)"); everything else in a sample row is illustrative and marked so.
# Each entry: (hromada adjective, its oblast's codifier name or None to find it, extra facts).
# --------------------------------------------------------------------------------------------

REFERENCE_SOURCE = "shared/data/REFERENCE.md"

KNOWN_CENTRES = [
    ("Ізмаїльська", "Одеська", {
        "address_uk": "вул. Національної гвардії України, 79, Ізмаїл",
        "address_en": "79 Natsionalnoi Hvardii Ukrainy St, Izmail",
        "phones": ["067 955 89 76", "067 526 07 47", "096 108 53 29"],
    }),
    ("Львівська", "Львівська", {
        "address_uk": "вул. Наукова, 59–61, Львів",
        "address_en": "59–61 Naukova St, Lviv",
    }),
    ("Петро-Михайлівська", "Запорізька", {"phones": ["+380 97 730 33 07"]}),
] + [(h, "Харківська", {}) for h in [
    "Балаклійська", "Богодухівська", "Валківська", "Чугуївська", "Лозівська", "Шевченківська",
    "Кегичівська", "Пісочинська", "Златопільська", "Харківська", "Циркунівська",
]] + [(h, "Рівненська", {}) for h in [
    "Білокриницька", "Вараська", "Городоцька", "Гощанська", "Дубровицька", "Корнинська",
    "Радивилівська", "Степанська",
]] + [
    # REFERENCE.md names these without an oblast; each is unique in the codifier except
    # Криворізька (Dnipropetrovsk and Donetsk oblasts): we take Dnipropetrovsk oblast, the one
    # of the city of Kryvyi Rih, listed next to Новопільська, which is in the same raion.
    ("Глобинська", None, {}),
    ("Красилівська", None, {}),
    ("Водяницька", None, {}),
    ("Мліївська", None, {}),
    ("Новопільська", None, {}),
    ("Криворізька", "Дніпропетровська", {}),
]

# Relocated centres: (home hromada, home oblast, host hromada, host oblast). The host is where
# the centre works now; Kyiv (category K) is its own first-level unit with no hromada row.
RELOCATED_CENTRES = [
    ("Мелітопольська", "Запорізька", "Запорізька", "Запорізька"),
    ("Сартанська", "Донецька", "Львівська", "Львівська"),
    ("Нижньодуванська", "Луганська", "Київ", "Київ"),
    ("Лисичанська", "Луганська", "Київ", "Київ"),
    ("Кремінська", "Луганська", "Київ", "Київ"),
]

# Placeholders: the hromada of each oblast's administrative centre, added only when the oblast
# has no row yet. Kyiv oblast's centre is Kyiv itself (its own unit), so Brovary stands in.
PLACEHOLDER_CENTRES = [
    ("Вінницька", "Вінницька"), ("Луцька", "Волинська"), ("Житомирська", "Житомирська"),
    ("Ужгородська", "Закарпатська"), ("Івано-Франківська", "Івано-Франківська"),
    ("Броварська", "Київська"), ("Кропивницька", "Кіровоградська"),
    ("Миколаївська", "Миколаївська"), ("Сумська", "Сумська"), ("Тернопільська", "Тернопільська"),
    ("Чернівецька", "Чернівецька"), ("Чернігівська", "Чернігівська"),
    ("Херсонська", "Херсонська"), ("Полтавська", "Полтавська"), ("Черкаська", "Черкаська"),
]

OPENING_HOURS = "Mo-Fr 09:00-18:00"
BASE_SERVICES = ["psychological-support", "social-work", "support-groups"]
NOTE_KNOWN = ("Sample: centre known from public sources ({source}); "
              "location is the hromada centre, not the street address.")
NOTE_PLACEHOLDER = "Sample placeholder: illustrates coverage; not a confirmed centre."
MIN_SAMPLE_ROWS = 40
MIN_SAMPLE_OBLASTS = 15


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

def normalise(name):
    """Key for comparing Cyrillic names from the two sources.

    GeoNames writes stress marks (Караджи́), Russian ё and assorted apostrophes; the codifier
    uses ’. Lowercase, drop stress marks and apostrophes, ё -> е, collapse whitespace.
    NFD/NFC around the stress removal keeps й and ї intact.
    """
    s = unicodedata.normalize("NFD", name).replace("\u0301", "")
    s = unicodedata.normalize("NFC", s).lower().replace("ё", "е")
    for ch in APOSTROPHES + '"':
        s = s.replace(ch, "")
    return " ".join(s.split())


def transliterate(text):
    """Ukrainian -> Latin by KMU resolution No. 55 (2010), the form used on road signs and
    passports, so that people typing Latin letters find the place.

    Word-initial є/ї/й/ю/я take the y- forms (a word starts after a space or hyphen), зг is
    zgh so it is not read as zh, ь and apostrophes vanish, a capital stays a capital.
    """
    out = []
    prev = ""  # previous Cyrillic letter (lowercase), "" at a word start
    for ch in text:
        low = ch.lower()
        if low not in TRANSLIT:
            out.append(ch)  # space, hyphen, digits: kept; they also start a new word
            prev = ""
            continue
        if prev == "" and low in TRANSLIT_INITIAL:
            lat = TRANSLIT_INITIAL[low]
        elif low == "г" and prev == "з":
            lat = "gh"
        else:
            lat = TRANSLIT[low]
        if ch != low and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        if low not in APOSTROPHES:
            prev = low
    return "".join(out)


def latin_skeleton(text):
    """Loose key for comparing a Latin name with our transliteration.

    GeoNames spells Ukrainian names in several systems (Zaporizhzhya / Zaporizhzhia,
    Avdiyivske / Avdiivske): keep ASCII letters only and drop the ambiguous y, i, j.
    """
    s = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in s if "a" <= ch <= "z" and ch not in "yij")


def slugify(text):
    """Lowercase a-z0-9 words joined by single hyphens (for ids)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def has_cyrillic(text):
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in text)


def is_latin_or_cyrillic(text):
    """True when every character is a Latin or Cyrillic letter, a space, hyphen or apostrophe:
    the scripts our users type. Arabic, Armenian, CJK etc. forms would only bloat the index."""
    for ch in text:
        if ch in ALT_NAME_EXTRA_CHARS:
            continue
        name = unicodedata.name(ch, "")
        if not (ch.isalpha() and (name.startswith("LATIN") or name.startswith("CYRILLIC"))):
            return False
    return bool(text.strip())


def is_code_like(text):
    """IATA/ICAO-style codes (IEV, LWO, UKS) are listed among GeoNames' alternate names but are
    not names of the place; searching "LWO" should not land on Lviv by accident."""
    return 2 <= len(text) <= 4 and text.isascii() and text.isalpha() and text.isupper()


def genitive_feminine(adjective):
    """Балаклійська -> Балаклійської (for "Центр життєстійкості ... громади")."""
    if adjective.endswith("а"):
        return adjective[:-1] + "ої"
    if adjective.endswith("я"):
        return adjective[:-1] + "ьої"
    raise ValueError(f"cannot decline hromada name {adjective!r}")


def phone_e164(raw):
    """'067 955 89 76' or '+380 97 730 33 07' -> '+380679558976'."""
    digits = re.sub(r"\D", "", raw)
    if digits.startswith("380") and len(digits) == 12:
        return "+" + digits
    if digits.startswith("0") and len(digits) == 10:
        return "+38" + digits
    raise ValueError(f"not a Ukrainian phone number: {raw!r}")


def distance_km(a, b):
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def mean_point(points):
    """Arithmetic mean of (lat, lon) points; fine at the scale of an oblast."""
    points = list(points)
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def fmt_coord(value):
    return f"{value:.5f}"


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

class Unit:
    """One codifier row with its place in the hierarchy made explicit."""

    __slots__ = ("code", "category", "name", "oblast", "raion", "hromada")

    def __init__(self, row):
        self.category = row["category"]
        levels = [row[k] for k in ("level1", "level2", "level3", "level4", "extra")]
        self.code = [c for c in levels if c][-1]
        self.name = row["name"].strip()
        self.oblast = row["level1"]
        self.raion = row["level2"] if self.category not in ("O", "K") else ""
        self.hromada = row["level3"] if self.category in ("H", "M", "X", "C") else ""


def load_codifier(path):
    """Read the codifier; check the invariants the rest of the build relies on."""
    with open(path, encoding="utf-8", newline="") as f:
        units = [Unit(row) for row in csv.DictReader(f)]
    codes = [u.code for u in units]
    assert len(codes) == len(set(codes)), "codifier codes are not unique"
    # Pripyat and Chornobyl (exclusion zone) hang directly under Kyiv oblast, their level2 and
    # level3 repeating the oblast code: they belong to no raion and no hromada.
    raions = {u.code for u in units if u.category == "P"}
    hromadas = {u.code for u in units if u.category == "H"}
    for u in units:
        if u.raion and u.raion not in raions:
            u.raion = ""
        if u.hromada and u.hromada not in hromadas:
            u.hromada = ""
    centres = collections.Counter(u.hromada for u in units if u.hromada and is_hromada_centre(u))
    assert set(centres) == hromadas and set(centres.values()) == {1}, "hromada centres"
    for u in units:
        assert re.fullmatch(r"UA\d{17}", u.code), u.code
        assert "\t" not in u.name and "\n" not in u.name, u.code
    return units


def load_geonames(path):
    with open(path, encoding="utf-8") as f:
        places = json.load(f)
    assert all(p["countrycode"] == "UA" for p in places)
    return sorted(places, key=lambda p: p["geonameid"])


def cyrillic_keys(place):
    """Normalised Cyrillic names of a GeoNames place (Ukrainian and Russian, untagged)."""
    return sorted({normalise(n) for n in place["alternatenames"] if has_cyrillic(n)})


# --------------------------------------------------------------------------------------------
# Matching GeoNames places to codifier settlements
# --------------------------------------------------------------------------------------------

def derive_admin1_mapping(units, places):
    """Map GeoNames admin1 codes to codifier first-level units, from the data itself.

    Cities with special status (K) first: each takes the admin1 code of the most populous place
    bearing its name (Kyiv's code otherwise holds only city quarters, whose names happen to be
    villages elsewhere, and would be outvoted). Every other code then goes to the oblast that
    wins a majority vote of its places whose Cyrillic name belongs to exactly one settlement in
    the whole country. The result must be one-to-one.
    """
    settlements = [u for u in units if u.category in SETTLEMENT_RANK]
    by_key = collections.defaultdict(list)
    for u in settlements:
        by_key[normalise(u.name)].append(u)

    mapping = {}
    for city in sorted((u for u in units if u.category == "K"), key=lambda u: u.code):
        key = normalise(city.name)
        bearers = [p for p in places if key in cyrillic_keys(p)]
        best = max(bearers, key=lambda p: (p["population"], -p["geonameid"]))
        mapping[best["admin1code"]] = city.oblast

    votes = collections.defaultdict(collections.Counter)
    for p in places:
        if p["admin1code"] in mapping:
            continue
        for key in cyrillic_keys(p):
            if len(by_key.get(key, [])) == 1:
                votes[p["admin1code"]][by_key[key][0].oblast] += 1
    for admin1 in sorted(votes):
        ranked = sorted(votes[admin1].items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            raise SystemExit(f"admin1 {admin1}: tied vote {ranked[:2]}")
        mapping[admin1] = ranked[0][0]

    first_level = {u.code for u in units if u.category in ("O", "K")}
    unmapped = sorted({p["admin1code"] for p in places} - set(mapping))
    assert not unmapped, f"admin1 codes without an oblast: {unmapped}"
    assert sorted(mapping.values()) == sorted(first_level), "admin1 mapping is not one-to-one"
    return mapping, votes


def candidate_settlements(places, units, admin1_map):
    """For each place, the settlements it may stand for: same oblast, same normalised name.

    Per name, the highest-category settlement of that name in the oblast wins (K > M > X > C);
    a tie at the top means we cannot tell which one GeoNames meant, so the name yields nothing.
    """
    by_oblast_key = collections.defaultdict(list)
    for u in units:
        if u.category in SETTLEMENT_RANK:
            by_oblast_key[(u.oblast, normalise(u.name))].append(u)

    candidates = {}
    tied = 0
    for p in places:
        oblast = admin1_map[p["admin1code"]]
        found = {}
        saw_tie = False
        for key in cyrillic_keys(p):
            same_name = by_oblast_key.get((oblast, key), [])
            if not same_name:
                continue
            top = max(SETTLEMENT_RANK[u.category] for u in same_name)
            best = [u for u in same_name if SETTLEMENT_RANK[u.category] == top]
            if len(best) == 1:
                found[best[0].code] = best[0]
            else:
                saw_tie = True
        candidates[p["geonameid"]] = sorted(found.values(), key=lambda u: u.code)
        tied += saw_tie and not found
    return candidates, tied


def pick_settlement(place, options):
    """Choose among settlements a place reaches through different names (its current name and
    a former one, say). Its primary Latin name is the current name, so agreement with our
    transliteration decides; failing that the single highest category; else no match."""
    if len(options) <= 1:
        return options[0] if options else None
    skeleton = latin_skeleton(place["name"])
    agreeing = [u for u in options if latin_skeleton(transliterate(u.name)) == skeleton]
    if len(agreeing) == 1:
        return agreeing[0]
    pool = agreeing or options
    top = max(SETTLEMENT_RANK[u.category] for u in pool)
    best = [u for u in pool if SETTLEMENT_RANK[u.category] == top]
    return best[0] if len(best) == 1 else None


def reference_point(unit, anchors_by_hromada, points_by_raion, points_by_oblast):
    """Where a settlement is expected to be, from settlements matched without dispute: its
    hromada's administrative centre or most populous one, else the mean of its raion's, else of
    its oblast's."""
    if unit.hromada in anchors_by_hromada:
        return anchors_by_hromada[unit.hromada]
    if points_by_raion.get(unit.raion):
        return mean_point(points_by_raion[unit.raion])
    if points_by_oblast.get(unit.oblast):
        return mean_point(points_by_oblast[unit.oblast])
    return None


def match_settlements(units, places, admin1_map):
    """Match codifier settlements to GeoNames places, one place per settlement at most.

    Pass 1 keeps the settlements claimed by exactly one place. Pass 2 resolves settlements
    claimed by several places: a city (K, M) takes the most populous claimant, since a city is
    the largest place of its name in its oblast; a town or village takes the claimant nearest
    to where pass 1 says it should be, because there GeoNames' population is no guide (city
    quarters such as Lviv's Sykhiv, pop. 151,131, are listed like villages). Finally matches
    that contradict their neighbours are dropped (spatial_outliers).
    Returns {settlement code: place} and statistics.
    """
    by_code = {u.code: u for u in units}
    candidates, tied = candidate_settlements(places, units, admin1_map)
    claims = collections.defaultdict(list)
    ambiguous_places = 0
    for p in places:
        chosen = pick_settlement(p, candidates[p["geonameid"]])
        if chosen is not None:
            claims[chosen.code].append(p)
        elif candidates[p["geonameid"]]:
            ambiguous_places += 1

    matches = {code: ps[0] for code, ps in claims.items() if len(ps) == 1}

    anchors, by_raion, by_oblast = anchor_points(matches, by_code)
    contested = 0
    for code in sorted(claims):
        if len(claims[code]) == 1:
            continue
        contested += 1
        unit = by_code[code]
        if SETTLEMENT_RANK[unit.category] >= SETTLEMENT_RANK["M"]:
            matches[code] = min(claims[code], key=lambda p: (-p["population"], p["geonameid"]))
            continue
        ref = reference_point(unit, anchors, by_raion, by_oblast)
        matches[code] = min(claims[code], key=lambda p: (
            distance_km(ref, (p["latitude"], p["longitude"])) if ref else 0.0,
            -p["population"], p["geonameid"]))

    rejected = spatial_outliers(matches, by_code)
    for code in rejected:
        del matches[code]

    stats = {
        "places with a candidate settlement": sum(1 for c in candidates.values() if c),
        "places unmatched, name shared by same-category settlements of the oblast": tied,
        "places unmatched, candidates under several names undecidable": ambiguous_places,
        "settlements claimed by several places": contested,
        "matches dropped as spatial outliers": len(rejected),
    }
    return matches, stats


def spatial_outliers(matches, by_code):
    """Matches that sit far from the other matches of their hromada or raion.

    Name equality is weak evidence: "Орлівка" X in one corner of Odesa oblast takes the place
    of the same-name village 260 km away when the town itself is too small for GeoNames. So
    compare each match with the best evidence available, in this order:
      1. at least 3 other matches in its hromada: within HROMADA_KM of their median
         (a median is robust to a few wrong matches among them);
      2. its hromada's administrative centre matched: within CENTRE_KM of it;
      3. at least 3 other matches in its raion: within RAION_KM of their median.
    With less to compare, the match stands.
    """
    points = {c: (p["latitude"], p["longitude"]) for c, p in matches.items()}
    groups = collections.defaultdict(list)
    centre_of = {}
    for code in sorted(points):
        u = by_code[code]
        groups["h" + u.hromada].append(code)
        groups["r" + u.raion].append(code)
        if is_hromada_centre(u):
            centre_of[u.hromada] = code

    def median_of_others(code, group_key):
        others = [points[c] for c in groups[group_key] if c != code]
        if len(others) < 3:
            return None
        return (statistics.median(p[0] for p in others), statistics.median(p[1] for p in others))

    rejected = []
    for code in sorted(points):
        u = by_code[code]
        ref = median_of_others(code, "h" + u.hromada) if u.hromada else None
        limit = HROMADA_KM
        if ref is None and centre_of.get(u.hromada, code) != code:
            ref, limit = points[centre_of[u.hromada]], CENTRE_KM
        if ref is None and u.raion:
            ref, limit = median_of_others(code, "r" + u.raion), RAION_KM
        if ref is not None and distance_km(points[code], ref) > limit:
            rejected.append(code)
    return rejected


def anchor_points(matches, by_code):
    """Points of matched settlements grouped the ways the fallbacks need them.

    anchors: hromada code -> point of its administrative centre if matched, else of its most
             populous matched settlement
    by_raion / by_oblast: code -> list of matched points (sorted by settlement code)
    """
    best = {}
    by_raion = collections.defaultdict(list)
    by_oblast = collections.defaultdict(list)
    for code in sorted(matches):
        u, p = by_code[code], matches[code]
        point = (p["latitude"], p["longitude"])
        by_raion[u.raion].append(point)
        by_oblast[u.oblast].append(point)
        if u.hromada:
            rank = (is_hromada_centre(u), p["population"], SETTLEMENT_RANK[u.category])
            if u.hromada not in best or rank > best[u.hromada][0]:
                best[u.hromada] = (rank, point)
    anchors = {h: point for h, (_, point) in best.items()}
    return anchors, by_raion, by_oblast


def is_hromada_centre(unit):
    """The codifier numbers a hromada's settlements from its administrative centre: the centre
    is settlement 001 (code digits 10-12). In the 2024 file 1,718 of 1,772 hromadas are named
    after that settlement; the others are mostly Crimean hromadas whose villages got back their
    Crimean Tatar names (Куйбишевська / Албат) or stem changes (Лубенська / Лубни)."""
    return unit.category in ("M", "X", "C") and unit.code[9:12] == "001"


# --------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------

def alt_names(place, name_uk, name_lat):
    """Searchable extra spellings from a matched place: Russian forms (Бровары), English and
    historic names (Kiev, Lvov). Stress marks are dropped; other scripts and codes are not kept.
    """
    names = set()
    for raw in [place["name"]] + place["alternatenames"]:
        name = unicodedata.normalize("NFC", unicodedata.normalize("NFD", raw).replace("\u0301", ""))
        name = " ".join(name.split())
        if name in (name_uk, name_lat) or is_code_like(name) or not is_latin_or_cyrillic(name):
            continue
        names.add(name)
    return "|".join(sorted(names))


def oblast_display_uk(unit):
    """'Київська' -> 'Київська область'; ARC and the K cities keep their name."""
    if unit.category == "O" and unit.name != "Автономна Республіка Крим":
        return unit.name + " область"
    return unit.name


def build_gazetteer(units, matches):
    """One row per oblast, K city, hromada and settlement, with a point and its precision."""
    by_code = {u.code: u for u in units}
    anchors, by_raion, by_oblast = anchor_points(matches, by_code)
    oblast_points = {code: mean_point(pts) for code, pts in by_oblast.items()}
    for u in units:
        if u.category == "O":
            assert u.code in oblast_points, f"no matched place in {u.name}"

    hromada_point = {}
    for u in units:
        if u.category != "H":
            continue
        if u.code in anchors:
            hromada_point[u.code] = (anchors[u.code], "place")
        elif by_raion.get(u.raion):
            hromada_point[u.code] = (mean_point(by_raion[u.raion]), "raion")
        else:
            hromada_point[u.code] = (oblast_points[u.oblast], "oblast")

    rows = []
    for u in sorted(units, key=lambda u: u.code):
        if u.category in ("P", "B"):
            continue
        place = matches.get(u.code)
        if u.category == "O":
            name_uk, name_lat = oblast_display_uk(u), OBLAST_EN[u.name]
        elif u.category == "K":
            name_uk, name_lat = u.name, OBLAST_EN[u.name]
        else:
            name_uk, name_lat = u.name, transliterate(u.name)

        if place is not None:
            point, precision = (place["latitude"], place["longitude"]), "place"
        elif u.category == "O":
            point, precision = oblast_points[u.code], "oblast"
        elif u.category == "H":
            point, precision = hromada_point[u.code]
        elif u.category == "K":
            point, precision = oblast_points[u.code], "oblast"
        elif not u.hromada:
            point, precision = oblast_points[u.oblast], "oblast"
        else:
            # An unmatched settlement sits at its hromada's point; when that point is itself a
            # raion/oblast mean we say so rather than claim hromada precision.
            point, h_precision = hromada_point[u.hromada]
            precision = "hromada" if h_precision == "place" else h_precision

        rows.append({
            "code": u.code,
            "kind": KIND_BY_CATEGORY[u.category],
            "name_uk": name_uk,
            "name_lat": name_lat,
            "oblast_code": u.oblast,
            "hromada_code": u.code if u.category == "H" else u.hromada,
            "lat": fmt_coord(point[0]),
            "lon": fmt_coord(point[1]),
            "precision": precision,
            "population": str(place["population"]) if place else "0",
            "alt_names": alt_names(place, name_uk, name_lat) if place else "",
        })
    return rows


def check_gazetteer(rows, units):
    """The sanity checks promised in data/README.md; any failure stops the build."""
    def find(name_uk, kind, oblast_name):
        oblast = next(u.code for u in units if u.category == "O" and u.name == oblast_name)
        hits = [r for r in rows if r["name_uk"] == name_uk and r["kind"] == kind
                and r["oblast_code"] == oblast]
        assert len(hits) == 1, f"{name_uk} ({kind}, {oblast_name}): {len(hits)} rows"
        return hits[0]

    brovary = find("Бровари", "city", "Київська")
    assert brovary["precision"] == "place", brovary
    assert abs(float(brovary["lat"]) - 50.511) <= 0.05, brovary
    assert abs(float(brovary["lon"]) - 30.791) <= 0.05, brovary
    assert "Бровары" in brovary["alt_names"].split("|"), brovary

    lviv = find("Львів", "city", "Львівська")
    assert lviv["precision"] == "place", lviv

    novomyk = {r["oblast_code"] for r in rows if r["name_uk"] == "Новомиколаївка"}
    assert len(novomyk) >= 5, f"Новомиколаївка in only {len(novomyk)} oblasts"

    for r in rows:
        assert r["lat"] and r["lon"], r
        assert LAT_RANGE[0] <= float(r["lat"]) <= LAT_RANGE[1], r
        assert LON_RANGE[0] <= float(r["lon"]) <= LON_RANGE[1], r
        for value in r.values():
            assert "\t" not in value and "\n" not in value and "\r" not in value, r
    hromadas = [r for r in rows if r["kind"] == "hromada"]
    assert hromadas and all(r["lat"] and r["lon"] for r in hromadas)
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(GAZETTEER_COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in GAZETTEER_COLUMNS) + "\n")


# --------------------------------------------------------------------------------------------
# Sample centres
# --------------------------------------------------------------------------------------------

class Gazetteer:
    """Look-ups over the built gazetteer rows, failing loudly on unknown or ambiguous names."""

    def __init__(self, rows, units):
        self.rows = {r["code"]: r for r in rows}
        self.oblast_by_name = {u.name: u.code for u in units if u.category in ("O", "K")}
        self.oblast_uk = {r["code"]: r["name_uk"] for r in rows if r["kind"] == "oblast"}
        self.oblast_uk.update({r["code"]: r["name_uk"] for r in rows
                               if r["kind"] == "city" and r["code"] == r["oblast_code"]})
        self.centre_code = {u.hromada: u.code for u in units if is_hromada_centre(u)}
        self.special_cities = {u.name: u.code for u in units if u.category == "K"}

    def hromada(self, name_uk, oblast_name=None):
        """The hromada row named name_uk, in oblast_name when given. Kyiv and Sevastopol have
        no hromada row: asked for by their own name, their city row stands in."""
        if name_uk in self.special_cities:
            return self.rows[self.special_cities[name_uk]]
        hits = [r for r in self.rows.values() if r["kind"] == "hromada" and r["name_uk"] == name_uk]
        if oblast_name is not None:
            if oblast_name not in self.oblast_by_name:
                raise SystemExit(f"unknown oblast {oblast_name!r}")
            hits = [r for r in hits if r["oblast_code"] == self.oblast_by_name[oblast_name]]
        if len(hits) != 1:
            where = f" in {oblast_name}" if oblast_name else ""
            raise SystemExit(f"hromada {name_uk!r}{where}: {len(hits)} matches, need exactly 1")
        return hits[0]

    def centre_settlement(self, hromada_row):
        """The hromada's administrative centre, if the hromada is plainly named after it
        (Балаклія / Балаклійська); otherwise None."""
        centre = self.rows[self.centre_code[hromada_row["code"]]]
        if names_share_stem(centre["name_uk"].split()[0], hromada_row["name_uk"]):
            return centre
        return None


def names_share_stem(settlement, adjective):
    """Does the adjective come from the settlement's name (Балаклія -> Балаклійська)?

    Drop the settlement's final vowels (Суми -> сум), treat і/ї and о alike (Лозова ->
    Лозівська, Мелітополь -> Мелітопольська), then ask for a common start of at least four
    letters, or of the whole stem when it is shorter (Городок / Городоцька share "городо").
    """
    def key(s):
        return normalise(s).replace("і", "о").replace("ї", "о")
    stem = key(settlement).rstrip("аеєиоуюяьй")
    adj = key(adjective)
    common = 0
    while common < min(len(stem), len(adj)) and stem[common] == adj[common]:
        common += 1
    return len(stem) >= 3 and common >= min(len(stem), 4)


def centre_names(gaz, hromada_row):
    """(name_uk, name_en, Latin slug source) for the centre serving a hromada."""
    adjective = hromada_row["name_uk"]
    name_uk = f"Центр життєстійкості {genitive_feminine(adjective)} громади"
    centre = gaz.centre_settlement(hromada_row)
    name_en = (f"{centre['name_lat']} Resilience Centre" if centre
               else f"{hromada_row['name_lat']} hromada Resilience Centre")
    return name_uk, name_en, hromada_row["name_lat"]


def hromada_label(row):
    """'Балаклійська громада'; Kyiv, which is not in the codifier as a hromada, keeps its
    name ('Київ')."""
    return row["name_uk"] if row["kind"] == "city" else row["name_uk"] + " громада"


def centre_row(gaz, served, host, facts, note):
    """One CSV row: named after the served hromada, placed at the host hromada's point."""
    name_uk, name_en, slug_source = centre_names(gaz, served)
    centre_id = "sample-" + slugify(slug_source)
    assert re.fullmatch(r"[a-z0-9-]{1,40}", centre_id), centre_id
    return {
        "id": centre_id,
        "name_uk": name_uk,
        "name_en": name_en,
        "lat": host["lat"],
        "lon": host["lon"],
        "oblast": gaz.oblast_uk[host["oblast_code"]],
        "hromada": hromada_label(host),
        "address_uk": facts.get("address_uk", ""),
        "address_en": facts.get("address_en", ""),
        "phone": ";".join(phone_e164(p) for p in facts.get("phones", [])),
        "email": "",
        "website": "",
        "opening_hours": OPENING_HOURS,
        "services": "",
        "notes": note,
        "verified_on": "",
        "serves_hromada": hromada_label(served) if served is not host else "",
        "sample": "true",
    }


def build_sample_centres(gaz):
    """Known centres, relocated centres, then placeholders for uncovered oblasts."""
    known_note = NOTE_KNOWN.format(source=REFERENCE_SOURCE)
    rows = []
    for name, oblast, facts in KNOWN_CENTRES:
        h = gaz.hromada(name, oblast)
        rows.append(centre_row(gaz, h, h, facts, known_note))
    for home, home_oblast, host, host_oblast in RELOCATED_CENTRES:
        rows.append(centre_row(gaz, gaz.hromada(home, home_oblast),
                               gaz.hromada(host, host_oblast), {}, known_note))
    for name, oblast in PLACEHOLDER_CENTRES:
        if gaz.oblast_uk[gaz.oblast_by_name[oblast]] in {r["oblast"] for r in rows}:
            continue
        h = gaz.hromada(name, oblast)
        rows.append(centre_row(gaz, h, h, {}, NOTE_PLACEHOLDER))

    rows.sort(key=lambda r: r["id"])
    for i, r in enumerate(rows):
        r["services"] = ";".join(BASE_SERVICES + (["parenting"] if i % 3 == 2 else []))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate sample ids"
    oblasts = {r["oblast"] for r in rows}
    assert len(rows) >= MIN_SAMPLE_ROWS, f"only {len(rows)} sample rows"
    assert len(oblasts) >= MIN_SAMPLE_OBLASTS, f"sample covers only {len(oblasts)} oblasts"
    return rows


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CENTRE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------------------------
# Report and entry point
# --------------------------------------------------------------------------------------------

def report(units, admin1_map, votes, match_stats, matches, gaz_rows, centres):
    """Print what data/README.md quotes, so a rebuild shows whether the numbers moved."""
    names = {u.code: u.name for u in units}
    print("admin1 -> first-level unit (votes: unique-name places for the winner / all):")
    for admin1 in sorted(admin1_map):
        v = votes.get(admin1)
        how = f"{v[admin1_map[admin1]]}/{sum(v.values())}" if v else "K city, by its own name"
        print(f"  {admin1} -> {admin1_map[admin1]} {names[admin1_map[admin1]]} ({how})")
    settlements = [u for u in units if u.category in SETTLEMENT_RANK]
    print(f"settlements (K/M/X/C): {len(settlements)}, matched to GeoNames: {len(matches)}")
    by_cat = collections.Counter(u.category for u in settlements)
    matched_cat = collections.Counter(u.category for u in settlements if u.code in matches)
    for cat in "KMXC":
        print(f"  {cat}: {matched_cat[cat]} of {by_cat[cat]}")
    for key, value in match_stats.items():
        print(f"  {key}: {value}")
    print("gazetteer rows per kind:")
    for kind, n in sorted(collections.Counter(r["kind"] for r in gaz_rows).items()):
        print(f"  {kind}: {n}")
    print(f"  total: {len(gaz_rows)}")
    print("precision:")
    for kind in ("place", "hromada", "raion", "oblast"):
        print(f"  {kind}: {sum(1 for r in gaz_rows if r['precision'] == kind)}")
    print("hromada precision:")
    hrows = [r for r in gaz_rows if r["kind"] == "hromada"]
    for kind in ("place", "raion", "oblast"):
        print(f"  {kind}: {sum(1 for r in hrows if r['precision'] == kind)}")
    centres_matched = sum(1 for u in units if is_hromada_centre(u) and u.code in matches)
    print(f"  of which at their matched administrative centre: {centres_matched}")
    print(f"rows with alt_names: {sum(1 for r in gaz_rows if r['alt_names'])}")
    print(f"sample centres: {len(centres)} rows in {len({r['oblast'] for r in centres})} oblasts")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", default=os.path.join("..", "shared", "data"),
                        help="directory with katottg-2024.csv and geonames-ua-cities500.json")
    parser.add_argument("--output", default=os.path.join(os.path.dirname(here), "data"),
                        help="directory to write gazetteer.tsv and centres.sample.csv into")
    args = parser.parse_args()

    units = load_codifier(os.path.join(args.input, "katottg-2024.csv"))
    places = load_geonames(os.path.join(args.input, "geonames-ua-cities500.json"))
    admin1_map, votes = derive_admin1_mapping(units, places)
    matches, match_stats = match_settlements(units, places, admin1_map)

    gaz_rows = build_gazetteer(units, matches)
    check_gazetteer(gaz_rows, units)
    centres = build_sample_centres(Gazetteer(gaz_rows, units))

    os.makedirs(args.output, exist_ok=True)
    write_tsv(os.path.join(args.output, "gazetteer.tsv"), gaz_rows)
    write_csv(os.path.join(args.output, "centres.sample.csv"), centres)
    report(units, admin1_map, votes, match_stats, matches, gaz_rows, centres)


if __name__ == "__main__":
    sys.exit(main())
