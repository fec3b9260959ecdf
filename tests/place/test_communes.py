"""The demo build's commune of a point: in the town whose disc holds it, else near the nearest town."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2]))  # tools/ is not installed with the app
from tools.communes import Town, commune_of, distance_km  # noqa: E402

# GeoNames' own figures for these towns.
CRUSNES = Town("Crusnes", "FR", 49.43406, 5.91557, 1642)
AUMETZ = Town("Aumetz", "FR", 49.41787, 5.94418, 2293)
METZ = Town("Metz", "FR", 49.11911, 6.17269, 123914)
TOWNS = [CRUSNES, AUMETZ, METZ]


def test_distances_are_great_circle_kilometres():
    assert distance_km(49.11911, 6.17269, 49.43406, 5.91557) == pytest.approx(39.7, abs=0.2)


def test_the_nearest_town_is_measured_in_kilometres_not_degrees():
    # The Église Sainte-Barbe of Crusnes: nearer Aumetz in raw degrees, nearer Crusnes on the ground.
    commune = commune_of(49.429355, 5.932836, TOWNS)
    assert commune.town is CRUSNES and commune.near


def test_a_point_inside_a_towns_disc_is_in_it():
    commune = commune_of(49.4180, 5.9450, TOWNS)
    assert commune.town is AUMETZ and not commune.near


def test_a_large_town_reaches_further_than_a_village():
    # 3.5 km from the centre of Metz is still Metz (a disc of about 5 km); 1.5 km from Aumetz is not Aumetz.
    assert not commune_of(49.1506, 6.1727, TOWNS).near
    assert commune_of(49.4044, 5.9442, TOWNS).near
