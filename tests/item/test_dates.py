"""Dates as people write them become earliest/latest years; durations become seconds."""

import pytest

from app.item.dates import parse_date, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1930", (1930, 1930)),
        ("  1930  ", (1930, 1930)),
        ("vers 1930", (1925, 1935)),
        ("v. 1930", (1925, 1935)),
        ("c.1794", (1789, 1799)),
        ("c. 1794", (1789, 1799)),
        ("circa 1900", (1895, 1905)),
        ("um 1900", (1895, 1905)),
        ("ca. 1900", (1895, 1905)),
        ("c.1880–90", (1875, 1895)),
        ("?c.1794", (1789, 1799)),
        ("années 1920", (1920, 1929)),
        ("les années 20", (1920, 1929)),
        ("années trente", (1930, 1939)),
        ("années 1920/1940", (1920, 1949)),
        ("1920s", (1920, 1929)),
        ("1920's", (1920, 1929)),
        ("1920er Jahre", (1920, 1929)),
        ("XIXe siècle", (1800, 1899)),
        ("xixème siècle", (1800, 1899)),
        ("19e siècle", (1800, 1899)),
        ("19th century", (1800, 1899)),
        ("19th c.", (1800, 1899)),
        ("19. Jahrhundert", (1800, 1899)),
        ("XIX. Jh.", (1800, 1899)),
        ("19e siècle (?)", (1800, 1899)),
        ("2e moitié 19e siècle", (1850, 1899)),
        ("1ère moitié 20e siècle", (1900, 1949)),
        ("seconde moitié du XIXe siècle", (1850, 1899)),
        ("second half of the 19th century", (1850, 1899)),
        ("2. Hälfte des 19. Jahrhunderts", (1850, 1899)),
        ("1er quart 20e siècle", (1900, 1924)),
        ("4e quart 19e siècle", (1875, 1899)),
        ("début XXe siècle", (1900, 1929)),
        ("fin 18e siècle", (1770, 1799)),
        ("fin 18e", (1770, 1799)),
        ("milieu 19e siècle", (1840, 1860)),
        ("mid-19th century", (1840, 1860)),
        ("late 19th century", (1870, 1899)),
        ("Anfang des 20. Jahrhunderts", (1900, 1929)),
        ("limite 19e siècle 20e siècle", (1890, 1910)),
        ("2e moitié 19e siècle ; 1ère moitié 20e siècle", (1850, 1949)),
        ("1900-1910", (1900, 1910)),
        ("1900–1910", (1900, 1910)),
        ("1900 - 1910", (1900, 1910)),
        ("1826–7", (1826, 1827)),
        ("1826-27", (1826, 1827)),
        ("1895-05", (1895, 1905)),
        ("1826-7, reprinted 1892", (1826, 1892)),
        ("1826–7, reprinted 1892", (1826, 1892)),
        ("entre 1900 et 1910", (1900, 1910)),
        ("exhibited 1832", (1832, 1832)),
        ("?exhibited 1832", (1832, 1832)),
        ("1820 or 1821", (1820, 1821)),
        ("before 1900", (None, 1900)),
        ("avant 1900", (None, 1900)),
        ("after 1900", (1900, None)),
        ("après 1900", (1900, None)),
        ("after c.1794", (1794, None)),
        ("1830, printed after 1850", (1830, 1850)),
        ("19/08/1991", (1991, 1991)),
        ("19.08.1991", (1991, 1991)),
        ("1991-08-19", (1991, 1991)),
        ("19 SEPTEMBER, 1991.", (1991, 1991)),
        ("1937 ; 1950 ; 1962", (1937, 1962)),
        ("MDCCCXC", (1890, 1890)),
        ("?", (None, None)),
        ("", (None, None)),
        ("inconnu", (None, None)),
        ("date not known", (None, None)),
        ("unbekannt", (None, None)),
        ("la vie de château", (None, None)),
        ("antiquité", (None, None)),
        ("99999", (None, None)),
    ],
)
def test_parse_date_reads_dates_as_people_write_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [None, "\x00", "1" * 10_000, "XIXe XIXe siècle " * 200, "années", "c."])
def test_parse_date_never_raises(text):
    earliest, latest = parse_date(text)
    assert earliest is None or latest is None or earliest <= latest


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0:31:35", 1895),
        ("31:35", 1895),
        ("1895", 1895),
        ("31 min", 1860),
        ("31 min 35 s", 1895),
        ("1 h 05", 3900),
        ("1h05min", 3900),
        ("45 s", 45),
        ("PT31M35S", 1895),
        (1895, 1895),
        ("", None),
        ("long", None),
        ("31:75", None),
        ("12 parsecs", None),
    ],
)
def test_parse_duration_reads_clock_times_and_units(text, seconds):
    assert parse_duration(text) == seconds
