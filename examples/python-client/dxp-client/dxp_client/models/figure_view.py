from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FigureView")


@_attrs_define
class FigureView:
    """One figure: an indicator for one group and year.

    Attributes:
        by (str): `organisation`, `level-band`, `ethnicity` or `age`.
        group (str): The group, in words (such as `Māori`, `Levels 1–3`, `All learners`).
        in_words (str): The figure in plain words.
        indicator (str): `course-completion`, `qualification-completion`, `first-year-retention` or
            `progression`.
        status (str): `shown`, `suppressed` (fewer EFTS than may be published: 5 for the organisation, 30
            for a group) or `not-measured`.
        year (int):
        note (None | str | Unset):
        rate (float | None | Unset): From 0 to 1, only when shown.
    """

    by: str
    group: str
    in_words: str
    indicator: str
    status: str
    year: int
    note: None | str | Unset = UNSET
    rate: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by = self.by

        group = self.group

        in_words = self.in_words

        indicator = self.indicator

        status = self.status

        year = self.year

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        rate: float | None | Unset
        if isinstance(self.rate, Unset):
            rate = UNSET
        else:
            rate = self.rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by": by,
                "group": group,
                "inWords": in_words,
                "indicator": indicator,
                "status": status,
                "year": year,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if rate is not UNSET:
            field_dict["rate"] = rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by = d.pop("by")

        group = d.pop("group")

        in_words = d.pop("inWords")

        indicator = d.pop("indicator")

        status = d.pop("status")

        year = d.pop("year")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        rate = _parse_rate(d.pop("rate", UNSET))

        figure_view = cls(
            by=by,
            group=group,
            in_words=in_words,
            indicator=indicator,
            status=status,
            year=year,
            note=note,
            rate=rate,
        )

        figure_view.additional_properties = d
        return figure_view

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
