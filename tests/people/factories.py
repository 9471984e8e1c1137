"""People test data beyond single members (``MemberFactory`` lives in ``tests.factories``)."""

from people.models import Department, Location
from tests.factories import MemberFactory


def sales_and_it() -> dict:
    """Sales in Utrecht (6 members, 4 of them in the pilot, all women) and IT in Delft (4,
    one with a large network, all 25–34)."""
    sales, it = Department.objects.create(name="Sales"), Department.objects.create(name="IT")
    utrecht, delft = Location.objects.create(name="Utrecht"), Location.objects.create(name="Delft")
    sales_people = [MemberFactory(department=sales, location=utrecht, in_pilot=i < 4, gender="woman") for i in range(6)]
    it_people = [
        MemberFactory(department=it, location=delft, network_size=1500 if i == 0 else 50, age_band="25_34")
        for i in range(4)
    ]
    return {"sales": sales_people, "it": it_people}
