"""``Bulk`` models share one field-name set per class and still behave like pydantic models."""

from __future__ import annotations

import pickle
from pathlib import Path

import pydantic
import pytest

from pimlint.loading.api import load
from pimlint.model import Tenant
from pimlint.model.base import Bulk
from pimlint.model.directory import License, User

REPO = Path(__file__).resolve().parents[2]


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


def _bulk_rows(tenant: Tenant) -> list[Bulk]:
    rows: list[Bulk] = [*tenant.audit_events, *tenant.sign_ins, *tenant.groups.values(), *tenant.registration.values()]
    for user in tenant.users.values():
        rows += [user, *user.licenses]
    return rows


@pytest.mark.parametrize("sample", ["northwind-neglected", "fabrikam-smb", "contoso-hardened"])
def test_trusted_rows_are_what_validation_builds(sample: str) -> None:
    """``Bulk.trusted`` skips pydantic's validation: the normalizers must already pass every field
    in its exact type (a list where a tuple is declared would slip through unconverted)."""
    tenant = load(REPO / "sample_exports" / sample).tenant
    rows = _bulk_rows(tenant)
    assert len({type(r) for r in rows}) == 6
    for row in rows:
        validated = type(row).model_validate(dict(row.__dict__))
        assert validated == row
        assert list(validated.__dict__) == list(row.__dict__)
        for name, value in row.__dict__.items():
            assert type(value) is type(validated.__dict__[name]), (type(row).__name__, name)


def test_trusted_still_refuses_missing_and_unknown_fields() -> None:
    with pytest.raises(TypeError, match="missing \\['id'\\]"):
        User.trusted(upn="a@contoso.com")
    with pytest.raises(TypeError, match="unknown \\['nickname'\\]"):
        User.trusted(id="u1", nickname="x")
    user = User.trusted(id="u1")
    assert user == User(id="u1") and user.model_fields_set is User(id="u1").model_fields_set
