from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workforce_record import WorkforceRecord


T = TypeVar("T", bound="QuestionnaireUpload")


@_attrs_define
class QuestionnaireUpload:
    """A questionnaire sent as JSON.

    Attributes:
        records (list[WorkforceRecord]):
        year (int | None | Unset): The year the questionnaire is for (that of the December round it goes with). Example:
            2026.
    """

    records: list[WorkforceRecord]
    year: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "records": records,
            }
        )
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workforce_record import WorkforceRecord  # noqa: PLC0415

        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = WorkforceRecord.from_dict(records_item_data)

            records.append(records_item)

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        questionnaire_upload = cls(
            records=records,
            year=year,
        )

        return questionnaire_upload
