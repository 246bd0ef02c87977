from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewStopGateLift")


@_attrs_define
class NewStopGateLift:
    """The funder's lift of the Stop Gate for one organisation.

    Example:
        {'dueAt': '2026-05-08T05:00:00Z', 'organisation': 6004, 'reason': 'Stop Gate request approved: SMS outage on the
            due date'}

    Attributes:
        due_at (datetime.datetime): The new due date: the organisation may lodge once until then.
        organisation (int): The organisation's EDUMIS number. Example: 6004.
        reason (str): Why the funder approved it; kept in the audit log.
    """

    due_at: datetime.datetime
    organisation: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        organisation = self.organisation

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dueAt": due_at,
                "organisation": organisation,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("dueAt"))

        organisation = d.pop("organisation")

        reason = d.pop("reason")

        new_stop_gate_lift = cls(
            due_at=due_at,
            organisation=organisation,
            reason=reason,
        )

        return new_stop_gate_lift
