from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.epic_line_view import EpicLineView


T = TypeVar("T", bound="EpicComparisonView")


@_attrs_define
class EpicComparisonView:
    """The organisation's EPIC for a year beside what its returns show.

    Attributes:
        accepted (bool):
        organisation (int):
        rows (list[EpicLineView]):
        year (int):
        commitment_id (None | str | Unset): The EPIC compared; `null`: none covers the year, and the rows are the
            measures alone.
        plan_year (int | None | Unset):
        version (int | None | Unset): The version read (the latest accepted, else the latest submitted); `null`: the
            values
            being entered.
    """

    accepted: bool
    organisation: int
    rows: list[EpicLineView]
    year: int
    commitment_id: None | str | Unset = UNSET
    plan_year: int | None | Unset = UNSET
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        organisation = self.organisation

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        year = self.year

        commitment_id: None | str | Unset
        if isinstance(self.commitment_id, Unset):
            commitment_id = UNSET
        else:
            commitment_id = self.commitment_id

        plan_year: int | None | Unset
        if isinstance(self.plan_year, Unset):
            plan_year = UNSET
        else:
            plan_year = self.plan_year

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "organisation": organisation,
                "rows": rows,
                "year": year,
            }
        )
        if commitment_id is not UNSET:
            field_dict["commitmentId"] = commitment_id
        if plan_year is not UNSET:
            field_dict["planYear"] = plan_year
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.epic_line_view import EpicLineView  # noqa: PLC0415

        d = dict(src_dict)
        accepted = d.pop("accepted")

        organisation = d.pop("organisation")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = EpicLineView.from_dict(rows_item_data)

            rows.append(rows_item)

        year = d.pop("year")

        def _parse_commitment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commitment_id = _parse_commitment_id(d.pop("commitmentId", UNSET))

        def _parse_plan_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        plan_year = _parse_plan_year(d.pop("planYear", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        epic_comparison_view = cls(
            accepted=accepted,
            organisation=organisation,
            rows=rows,
            year=year,
            commitment_id=commitment_id,
            plan_year=plan_year,
            version=version,
        )

        epic_comparison_view.additional_properties = d
        return epic_comparison_view

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
