"""Issue 21, item 12: a short identity number is masked too, not shown whole."""

import pytest

from zhixing.core.idnumbers import mask_id_number
from zhixing.web.templatetags.zx import masked


@pytest.mark.parametrize(("number", "shown"), [
    ("7", "*"), ("12", "**"), ("E12", "***"), ("A123", "****"),
    ("E1234", "E***4"), ("G1234567", "G1****67"), ("31010419900101123X", "310104********123X"),
])
def test_short_numbers_are_masked(number, shown):
    assert mask_id_number(number) == shown
    assert masked(number) == shown


def test_no_short_number_is_shown_whole_or_nearly():
    for length in range(1, 11):
        number = "".join(str(i % 10) for i in range(length))
        visible = sum(ch != "*" for ch in mask_id_number(number))
        assert visible <= length // 2, (number, mask_id_number(number))
