from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EpicLineView")


@_attrs_define
class EpicLineView:
    """One row of the organisation's EPIC beside the measure its returns show.

    Attributes:
        description (str):
        epic_type (str):  Example: Participation.
        in_words (str): What the returns show, in plain words.
        learner_ethnicity (str):  Example: Māori.
        level_band (str):  Example: 1-3.
        measure (str): `number` or `percentage`.
        status (str): `shown`, `suppressed` or `not-measured`.
        actual (None | str | Unset): What the returns show, in the row's unit (a count, or a percentage from 0 to 100 to
            one decimal place); only when shown.
        committed (None | str | Unset): The value committed to for the year, as entered (a percentage from 0 to 100 for
            `percentage`); `null`: none entered, or no EPIC covers the year.
    """

    description: str
    epic_type: str
    in_words: str
    learner_ethnicity: str
    level_band: str
    measure: str
    status: str
    actual: None | str | Unset = UNSET
    committed: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        epic_type = self.epic_type

        in_words = self.in_words

        learner_ethnicity = self.learner_ethnicity

        level_band = self.level_band

        measure = self.measure

        status = self.status

        actual: None | str | Unset
        if isinstance(self.actual, Unset):
            actual = UNSET
        else:
            actual = self.actual

        committed: None | str | Unset
        if isinstance(self.committed, Unset):
            committed = UNSET
        else:
            committed = self.committed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "epicType": epic_type,
                "inWords": in_words,
                "learnerEthnicity": learner_ethnicity,
                "levelBand": level_band,
                "measure": measure,
                "status": status,
            }
        )
        if actual is not UNSET:
            field_dict["actual"] = actual
        if committed is not UNSET:
            field_dict["committed"] = committed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        epic_type = d.pop("epicType")

        in_words = d.pop("inWords")

        learner_ethnicity = d.pop("learnerEthnicity")

        level_band = d.pop("levelBand")

        measure = d.pop("measure")

        status = d.pop("status")

        def _parse_actual(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actual = _parse_actual(d.pop("actual", UNSET))

        def _parse_committed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        committed = _parse_committed(d.pop("committed", UNSET))

        epic_line_view = cls(
            description=description,
            epic_type=epic_type,
            in_words=in_words,
            learner_ethnicity=learner_ethnicity,
            level_band=level_band,
            measure=measure,
            status=status,
            actual=actual,
            committed=committed,
        )

        epic_line_view.additional_properties = d
        return epic_line_view

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
