"""A CSV downloaded in Dutch opens correctly in Dutch Excel: UTF-8 with a BOM, ";" between
cells, decimal commas and dd-mm-jjjj dates. In English it stays the plain CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation

from cms.reports import exports

pytestmark = pytest.mark.django_db

TABLES = {
    "trends": (
        ["Week", "Active %", "Members"],
        [[datetime.date(2026, 11, 30), 26.3, 12], [datetime.date(2026, 12, 7), Decimal("0.5"), 3]],
    )
}


def test_a_dutch_download_is_for_dutch_excel():
    with translation.override("nl"):
        content = exports.render(TABLES, "csv")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Week", "Active %", "Members"], ["30-11-2026", "26,3", "12"], ["07-12-2026", "0,5", "3"]]


def test_an_english_download_stays_plain_csv():
    with translation.override("en"):
        content = exports.render(TABLES, "csv")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[1] == ["2026-11-30", "26.3", "12"]


def test_the_report_export_in_dutch(client, login, org):
    login(is_hr=True, department=None, location=None, language="nl")
    response = client.get("/api/v1/reports/participation.csv?table=trends")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert ";" in header and "," not in header
    day = first.split(";")[0]
    assert datetime.datetime.strptime(day, "%d-%m-%Y")
