"""Reading a typed choice number: the forms people type, and what is not a number."""

import pytest

from models.options import typed_number


@pytest.mark.parametrize("text", ["2", "2.", " 2 ", "số 2", "Số 2.", "SO 2", "02", "2)"])
def test_the_forms_of_two(text: str) -> None:
    assert typed_number(text) == 2


@pytest.mark.parametrize("text", ["", "hai", "#2", "2 3", "2,5", "số", "tổ 2", "12345"])
def test_what_is_not_a_choice_number(text: str) -> None:
    assert typed_number(text) is None
