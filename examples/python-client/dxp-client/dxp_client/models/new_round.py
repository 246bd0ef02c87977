from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.window_input import WindowInput


T = TypeVar("T", bound="NewRound")


@_attrs_define
class NewRound:
    """A round the funder defines. Absent dates are the standard calendar's.

    Example:
        {'dueAt': '2027-04-30T05:00:00Z', 'id': '2027-APR', 'resubmissionWindow': {'closesAt': '2027-06-14T05:00:00Z',
            'opensAt': '2027-06-01T12:00:00Z'}}

    Attributes:
        id (str):  Example: 2027-APR.
        due_at (datetime.datetime | None | Unset):
        extract_date (datetime.date | None | Unset):
        opens_at (datetime.datetime | None | Unset):
        resubmission_window (None | Unset | WindowInput):
    """

    id: str
    due_at: datetime.datetime | None | Unset = UNSET
    extract_date: datetime.date | None | Unset = UNSET
    opens_at: datetime.datetime | None | Unset = UNSET
    resubmission_window: None | Unset | WindowInput = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.window_input import WindowInput  # noqa: PLC0415

        id = self.id

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        extract_date: None | str | Unset
        if isinstance(self.extract_date, Unset):
            extract_date = UNSET
        elif isinstance(self.extract_date, datetime.date):
            extract_date = self.extract_date.isoformat()
        else:
            extract_date = self.extract_date

        opens_at: None | str | Unset
        if isinstance(self.opens_at, Unset):
            opens_at = UNSET
        elif isinstance(self.opens_at, datetime.datetime):
            opens_at = self.opens_at.isoformat()
        else:
            opens_at = self.opens_at

        resubmission_window: dict[str, Any] | None | Unset
        if isinstance(self.resubmission_window, Unset):
            resubmission_window = UNSET
        elif isinstance(self.resubmission_window, WindowInput):
            resubmission_window = self.resubmission_window.to_dict()
        else:
            resubmission_window = self.resubmission_window

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if due_at is not UNSET:
            field_dict["dueAt"] = due_at
        if extract_date is not UNSET:
            field_dict["extractDate"] = extract_date
        if opens_at is not UNSET:
            field_dict["opensAt"] = opens_at
        if resubmission_window is not UNSET:
            field_dict["resubmissionWindow"] = resubmission_window

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.window_input import WindowInput  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("dueAt", UNSET))

        def _parse_extract_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                extract_date_type_0 = datetime.date.fromisoformat(data)

                return extract_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        extract_date = _parse_extract_date(d.pop("extractDate", UNSET))

        def _parse_opens_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opens_at_type_0 = datetime.datetime.fromisoformat(data)

                return opens_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        opens_at = _parse_opens_at(d.pop("opensAt", UNSET))

        def _parse_resubmission_window(data: object) -> None | Unset | WindowInput:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resubmission_window_type_0 = WindowInput.from_dict(data)

                return resubmission_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WindowInput, data)

        resubmission_window = _parse_resubmission_window(d.pop("resubmissionWindow", UNSET))

        new_round = cls(
            id=id,
            due_at=due_at,
            extract_date=extract_date,
            opens_at=opens_at,
            resubmission_window=resubmission_window,
        )

        return new_round
