from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Visit")


@_attrs_define
class Visit:
    """A visit to the learner's workplace under a training plan (shape [I]).

    Example:
        {'visitDate': '2026-04-14', 'visitLocalId': 'V-1', 'visitNotes': 'Reviewed logbook; on track for unit 29677.'}

    Attributes:
        visit_date (datetime.date): Within the plan's dates, not after today; one visit per learner per day.
        visit_local_id (str): The TMS's id for the visit, unique within its plan.
        visit_notes (None | str | Unset):
    """

    visit_date: datetime.date
    visit_local_id: str
    visit_notes: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        visit_date = self.visit_date.isoformat()

        visit_local_id = self.visit_local_id

        visit_notes: None | str | Unset
        if isinstance(self.visit_notes, Unset):
            visit_notes = UNSET
        else:
            visit_notes = self.visit_notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "visitDate": visit_date,
                "visitLocalId": visit_local_id,
            }
        )
        if visit_notes is not UNSET:
            field_dict["visitNotes"] = visit_notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        visit_date = datetime.date.fromisoformat(d.pop("visitDate"))

        visit_local_id = d.pop("visitLocalId")

        def _parse_visit_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        visit_notes = _parse_visit_notes(d.pop("visitNotes", UNSET))

        visit = cls(
            visit_date=visit_date,
            visit_local_id=visit_local_id,
            visit_notes=visit_notes,
        )

        visit.additional_properties = d
        return visit

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
