from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditEventView")


@_attrs_define
class AuditEventView:
    """One change: who made it, when, to what, and why.

    Attributes:
        action (str): What happened, e.g. `round.created`. Example: round.created.
        actor (str): The token subject, or `system` for DXP's own changes.
        id (int): Increasing with time; use it as the `after` cursor of the next page.
        occurred_at (datetime.datetime):
        subject (str): What it happened to, e.g. a round id. Example: 2026-APR.
        from_state (None | str | Unset):
        organisation (int | None | Unset): The EDUMIS number of the organisation concerned, if any.
        reason (None | str | Unset):
        to_state (None | str | Unset):
    """

    action: str
    actor: str
    id: int
    occurred_at: datetime.datetime
    subject: str
    from_state: None | str | Unset = UNSET
    organisation: int | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    to_state: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        subject = self.subject

        from_state: None | str | Unset
        if isinstance(self.from_state, Unset):
            from_state = UNSET
        else:
            from_state = self.from_state

        organisation: int | None | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        to_state: None | str | Unset
        if isinstance(self.to_state, Unset):
            to_state = UNSET
        else:
            to_state = self.to_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "id": id,
                "occurredAt": occurred_at,
                "subject": subject,
            }
        )
        if from_state is not UNSET:
            field_dict["fromState"] = from_state
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_state is not UNSET:
            field_dict["toState"] = to_state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurredAt"))

        subject = d.pop("subject")

        def _parse_from_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_state = _parse_from_state(d.pop("fromState", UNSET))

        def _parse_organisation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_to_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_state = _parse_to_state(d.pop("toState", UNSET))

        audit_event_view = cls(
            action=action,
            actor=actor,
            id=id,
            occurred_at=occurred_at,
            subject=subject,
            from_state=from_state,
            organisation=organisation,
            reason=reason,
            to_state=to_state,
        )

        audit_event_view.additional_properties = d
        return audit_event_view

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
