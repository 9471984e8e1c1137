import pytest

from tests.people.factories import sales_and_it


@pytest.fixture
def org(db):
    """Sales in Utrecht and IT in Delft (``tests.people.factories.sales_and_it``)."""
    return sales_and_it()
