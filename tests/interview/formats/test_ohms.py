"""OHMS XML: index points as segments, the transcript timed by its sync map, hostile XML refused."""

import pytest

from app.interview.formats import Cue, IndexSegment, parse_bytes
from tests.interview.formats.fixtures import fixture


def _problems(parsed):
    return [(problem.line, problem.code) for problem in parsed.problems]


def test_index_points_become_segments_with_keywords_places_and_positions():
    parsed = parse_bytes(fixture("villerupt_ohms.xml"), "villerupt_ohms.xml")
    assert (parsed.format, parsed.problems) == ("ohms", [])
    assert parsed.segments == [
        IndexSegment(
            start=0,
            end=95,  # the next point's start
            title="L'enfance à la cité de Butte",
            synopsis="Joseph Bianchi décrit le logement ouvrier au-dessus de la mine.",
            keywords=("cité ouvrière", "mine", "famille"),
            places=("Cité de Butte, Villerupt",),
            subjects=("Logement ouvrier", "Immigration italienne"),
            latitude=49.4628,
            longitude=5.9286,
            partial_transcript="ROSSI: Où habitiez-vous enfant ?",
        ),
        IndexSegment(
            start=95,
            end=250,  # the record's duration, 0:04:10
            title="L'école Jules-Ferry",
            synopsis="L'école en français, l'italien à la maison.",
            keywords=("école", "langues"),
            places=("École Jules-Ferry",),
            latitude=49.4671,
            longitude=5.9302,
            partial_transcript="BIANCHI: Le maître ne parlait que français.",
        ),
    ]


def test_transcript_is_cut_at_its_sync_markers_each_with_who_is_speaking():
    cues = parse_bytes(fixture("villerupt_ohms.xml")).cues
    assert [(cue.start, cue.end, cue.speaker) for cue in cues] == [
        (0, 60, "ROSSI"),
        (60, 120, "BIANCHI"),  # starts inside Bianchi's answer: he is still speaking
        (120, 180, "BIANCHI"),
        (180, None, "ROSSI"),
    ]
    assert (
        cues[0].text
        == "Où habitiez-vous enfant ?\nBIANCHI: À la cité de Butte, au-dessus de la mine.\nNous étions huit"
    )
    assert cues[1].text.startswith("dans trois pièces")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE ROOT [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',  # laughs
        '<!DOCTYPE ROOT [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',  # an external entity
    ],
)
def test_xml_bomb_and_external_entity_are_refused_with_a_problem(doctype):
    data = f'<?xml version="1.0"?>\n{doctype}\n<ROOT><record><title>&d;&secret;</title></record></ROOT>'
    parsed = parse_bytes(data.encode(), "bombe.xml")
    assert (parsed.cues, parsed.segments) == ([], [])
    assert _problems(parsed) == [(0, "empty"), (2, "unsafe-xml")]


def test_malformed_xml_is_reported_at_its_line():
    parsed = parse_bytes(b"<ROOT>\n<record>\n<index></record>\n</ROOT>")
    assert _problems(parsed) == [(0, "empty"), (3, "bad-xml")]


def test_xml_of_another_kind_is_not_ohms():
    parsed = parse_bytes(b'<?xml version="1.0"?>\n<TEI><text>Bonjour</text></TEI>')
    assert _problems(parsed) == [(0, "empty"), (2, "not-ohms")]
    assert "<TEI>" in parsed.problems[1].reason


@pytest.mark.parametrize("gps", ["491, 5", "nord, est", "49.46"])
def test_bad_point_time_and_gps_are_reported_and_the_rest_kept(gps):
    data = f"""<record><index>
<point><time>douze</time><title>Perdu</title></point>
<point><time>00:01:30</time><title>Garde</title><gpspoints><gps>{gps}</gps></gpspoints></point>
<point><time>30</time><title>En arriere</title></point>
</index></record>"""
    parsed = parse_bytes(data.encode(), "index.xml")
    assert [(segment.start, segment.end, segment.title) for segment in parsed.segments] == [
        (90, None, "Garde"),  # the next point goes back in time: no end rather than a wrong one
        (30, None, "En arriere"),
    ]
    assert parsed.segments[0].latitude is None
    assert _problems(parsed) == [(2, "bad-timecode"), (3, "bad-gps"), (4, "overlap")]


def test_ohms_6_webvtt_transcript_is_read_as_webvtt():
    data = b"""<ROOT><record>
<vtt_transcript><![CDATA[WEBVTT

00:00:03.000 --> 00:00:18.000
<v ROSSI>Nous sommes le 18 mars 2024.

00:00:18.000 --> 00:0x:31.000
<v BIANCHI>Illisible.
]]></vtt_transcript></record></ROOT>"""
    parsed = parse_bytes(data)
    assert parsed.cues == [Cue(3, 18, "Nous sommes le 18 mars 2024.", "ROSSI")]
    assert _problems(parsed) == [(7, "bad-timecode")]


def test_transcript_without_sync_is_read_for_its_bracketed_time_codes():
    data = b"<ROOT><record><transcript>\n[00:00:05] Bonjour.\n[00:01:10] Au revoir.</transcript></record></ROOT>"
    assert parse_bytes(data).cues == [Cue(5, 70, "Bonjour."), Cue(70, None, "Au revoir.")]


@pytest.mark.parametrize(
    ("sync", "starts", "problems"),
    [
        ("1:|2(1)|9(1)|3(1)", [0, 60, 180], [(1, "bad-sync")]),  # line 9 is past the end
        ("1:|2(1)|1(1)", [0, 60], [(1, "bad-sync")]),  # back before the previous marker
        ("1:|2(9)", [0], [(1, "bad-sync")]),  # line 2 has no ninth word
        ("minute:|2(1)", [0], [(1, "bad-sync")]),
        ("2:|2(1)|x", [0, 120], [(1, "bad-sync")]),
        ("1:|2(1)|2(1)", [0, 60], [(1, "bad-sync")]),  # twice the same word
        ("1:|1(1)|3(1)", [60, 120], []),  # the first minute starts with the first word: nothing before it
    ],
)
def test_sync_markers_that_cannot_be_placed_are_reported(sync, starts, problems):
    data = f"<ROOT><record><sync>{sync}</sync><transcript>un\ndeux mots\ntrois</transcript></record></ROOT>"
    parsed = parse_bytes(data.encode())
    assert [cue.start for cue in parsed.cues] == starts
    assert _problems(parsed) == problems
