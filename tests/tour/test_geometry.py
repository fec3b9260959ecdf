"""Distances between real places and the route's drawing (app/tour/geometry.py): plain functions, known answers."""

import math

import pytest

from app.tour import geometry


@pytest.mark.parametrize(
    "a, b, km, tolerance",
    [
        # One degree of a great circle on the mean Earth: 2πR/360.
        ((0.0, 0.0), (0.0, 1.0), 2 * math.pi * 6371.0088 / 360, 1e-6),
        ((0.0, 0.0), (1.0, 0.0), 2 * math.pi * 6371.0088 / 360, 1e-6),
        # Paris to London (their usual reference points): 343.56 km on the mean sphere, the figure published for them.
        ((48.8566, 2.3522), (51.5074, -0.1278), 343.56, 0.01),
        # Villerupt to Esch-sur-Alzette across the border (the place list's points): the spherical law of cosines.
        ((49.46715, 5.93202), (49.49583, 5.98056), None, 1e-6),
        # Half the world round: πR.
        ((0.0, 0.0), (0.0, 180.0), math.pi * 6371.0088, 1e-6),
        ((49.5, 5.9), (49.5, 5.9), 0.0, 0.0),
    ],
)
def test_great_circle_distances_between_known_points(a, b, km, tolerance):
    if km is None:
        (p1, l1), (p2, l2) = (map(math.radians, point) for point in (a, b))
        km = 6371.0088 * math.acos(math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(l2 - l1))
    assert geometry.distance_m(a, b) / 1000 == pytest.approx(km, abs=tolerance)
    assert geometry.distance_m(a, b) == pytest.approx(geometry.distance_m(b, a))


def test_legs_and_walking_minutes():
    points = [(0.0, 0.0), (0.0, 0.01), (0.0, 0.03)]
    legs = geometry.legs(points)
    assert len(legs) == 2 and legs[1] == pytest.approx(2 * legs[0])
    assert geometry.walking_minutes(legs[0]) == math.ceil(legs[0] / 75)  # 4.5 km/h
    assert geometry.walking_minutes(0) == 0 and geometry.legs(points[:1]) == []


def test_the_drawing_keeps_north_up_and_the_route_inside_its_box():
    # A stop to the north-east of another is drawn up and to the right of it.
    drawing = geometry.drawing([(49.40, 5.90), (49.50, 6.00), (49.45, 5.95)])
    (x0, y0), (x1, y1), _ = drawing.points
    assert x1 > x0 and y1 < y0
    assert all(0 <= x <= geometry.WIDTH and 0 <= y <= drawing.height for x, y in drawing.points)
    assert drawing.path.startswith("M") and drawing.path.count("L") == 2
    lone = geometry.drawing([(49.4, 5.9)])
    assert lone.points == [(geometry.WIDTH / 2, lone.height / 2)]
    assert geometry.drawing([]).points == []
