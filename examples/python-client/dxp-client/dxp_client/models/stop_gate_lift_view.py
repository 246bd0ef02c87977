from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StopGateLiftView")


@_attrs_define
class StopGateLiftView:
    """A lift of the Stop Gate.

    Attributes:
        due_at (datetime.datetime):
        granted_at (datetime.datetime):
        granted_by (str):
        id (str):
        organisation (int):  Example: 6004.
        reason (str):
        round_ (str):  Example: 2026-APR.
        used_at (datetime.datetime | None | Unset):
        used_by_submission (None | str | Unset): The submission lodged under the lift, once one was: a lift allows one
            lodging.
    """

    due_at: datetime.datetime
    granted_at: datetime.datetime
    granted_by: str
    id: str
    organisation: int
    reason: str
    round_: str
    used_at: datetime.datetime | None | Unset = UNSET
    used_by_submission: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        granted_at = self.granted_at.isoformat()

        granted_by = self.granted_by

        id = self.id

        organisation = self.organisation

        reason = self.reason

        round_ = self.round_

        used_at: None | str | Unset
        if isinstance(self.used_at, Unset):
            used_at = UNSET
        elif isinstance(self.used_at, datetime.datetime):
            used_at = self.used_at.isoformat()
        else:
            used_at = self.used_at

        used_by_submission: None | str | Unset
        if isinstance(self.used_by_submission, Unset):
            used_by_submission = UNSET
        else:
            used_by_submission = self.used_by_submission

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dueAt": due_at,
                "grantedAt": granted_at,
                "grantedBy": granted_by,
                "id": id,
                "organisation": organisation,
                "reason": reason,
                "round": round_,
            }
        )
        if used_at is not UNSET:
            field_dict["usedAt"] = used_at
        if used_by_submission is not UNSET:
            field_dict["usedBySubmission"] = used_by_submission

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("dueAt"))

        granted_at = datetime.datetime.fromisoformat(d.pop("grantedAt"))

        granted_by = d.pop("grantedBy")

        id = d.pop("id")

        organisation = d.pop("organisation")

        reason = d.pop("reason")

        round_ = d.pop("round")

        def _parse_used_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                used_at_type_0 = datetime.datetime.fromisoformat(data)

                return used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        used_at = _parse_used_at(d.pop("usedAt", UNSET))

        def _parse_used_by_submission(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        used_by_submission = _parse_used_by_submission(d.pop("usedBySubmission", UNSET))

        stop_gate_lift_view = cls(
            due_at=due_at,
            granted_at=granted_at,
            granted_by=granted_by,
            id=id,
            organisation=organisation,
            reason=reason,
            round_=round_,
            used_at=used_at,
            used_by_submission=used_by_submission,
        )

        stop_gate_lift_view.additional_properties = d
        return stop_gate_lift_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
