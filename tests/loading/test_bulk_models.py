"""``Bulk`` models share one field-name set per class and still behave like pydantic models."""

from __future__ import annotations

import pickle

import pydantic
import pytest

from pimlint.model.directory import License, User


def _user(**extra: object) -> User:
    return User(id="u1", upn="a@contoso.com", **extra)


def test_instances_share_one_field_set_of_all_fields() -> None:
    first, second = _user(), _user(display_name="A")
    assert first.model_fields_set is second.model_fields_set
    assert first.model_fields_set == frozenset(User.model_fields)


def test_copy_with_update_is_validated_and_leaves_the_original() -> None:
    user = _user()
    renamed = user.model_copy(update={"display_name": "B"})
    assert renamed.display_name == "B" and user.display_name is None
    assert renamed.model_fields_set is user.model_fields_set
    with pytest.raises(pydantic.ValidationError):
        user.model_copy(update={"account_enabled": "not a boolean"})


def test_equality_and_pickle_round_trip() -> None:
    user = _user(display_name="A")
    assert user == _user(display_name="A") != _user(display_name="B")
    clone = pickle.loads(pickle.dumps(user))
    assert clone == user and clone.model_fields_set == user.model_fields_set


def test_still_frozen_and_strict_about_unknown_fields() -> None:
    lic = License(sku_id="s1")
    with pytest.raises(pydantic.ValidationError):
        lic.sku_id = "s2"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        License(sku_id="s1", unknown=1)  # type: ignore[call-arg]
