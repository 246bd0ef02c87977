from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.decision import Decision
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.row_view import RowView


T = TypeVar("T", bound="VersionView")


@_attrs_define
class VersionView:
    """A submitted version: what the funder reviews.

    Attributes:
        allocation (None | str):
        comment (None | str):
        decided_at (datetime.datetime | None):
        decided_by (None | str):
        decision (Decision | None):
        funded_value (str):
        submitted_at (datetime.datetime):
        submitted_by (str):
        unfunded_value (str):
        version (int):
        warning_count (int):
        rows (list[RowView] | None | Unset): The rows as submitted (only when one version is asked for).
    """

    allocation: None | str
    comment: None | str
    decided_at: datetime.datetime | None
    decided_by: None | str
    decision: Decision | None
    funded_value: str
    submitted_at: datetime.datetime
    submitted_by: str
    unfunded_value: str
    version: int
    warning_count: int
    rows: list[RowView] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allocation: None | str
        allocation = self.allocation

        comment: None | str
        comment = self.comment

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        decided_by = self.decided_by

        decision: None | str
        if isinstance(self.decision, Decision):
            decision = self.decision.value
        else:
            decision = self.decision

        funded_value = self.funded_value

        submitted_at = self.submitted_at.isoformat()

        submitted_by = self.submitted_by

        unfunded_value = self.unfunded_value

        version = self.version

        warning_count = self.warning_count

        rows: list[dict[str, Any]] | None | Unset
        if isinstance(self.rows, Unset):
            rows = UNSET
        elif isinstance(self.rows, list):
            rows = []
            for rows_type_0_item_data in self.rows:
                rows_type_0_item = rows_type_0_item_data.to_dict()
                rows.append(rows_type_0_item)

        else:
            rows = self.rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allocation": allocation,
                "comment": comment,
                "decidedAt": decided_at,
                "decidedBy": decided_by,
                "decision": decision,
                "fundedValue": funded_value,
                "submittedAt": submitted_at,
                "submittedBy": submitted_by,
                "unfundedValue": unfunded_value,
                "version": version,
                "warningCount": warning_count,
            }
        )
        if rows is not UNSET:
            field_dict["rows"] = rows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_view import RowView  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_allocation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        allocation = _parse_allocation(d.pop("allocation"))

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decidedAt"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decidedBy"))

        def _parse_decision(data: object) -> Decision | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_0 = Decision(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decision | None, data)

        decision = _parse_decision(d.pop("decision"))

        funded_value = d.pop("fundedValue")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submittedAt"))

        submitted_by = d.pop("submittedBy")

        unfunded_value = d.pop("unfundedValue")

        version = d.pop("version")

        warning_count = d.pop("warningCount")

        def _parse_rows(data: object) -> list[RowView] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rows_type_0 = []
                _rows_type_0 = data
                for rows_type_0_item_data in _rows_type_0:
                    rows_type_0_item = RowView.from_dict(rows_type_0_item_data)

                    rows_type_0.append(rows_type_0_item)

                return rows_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RowView] | None | Unset, data)

        rows = _parse_rows(d.pop("rows", UNSET))

        version_view = cls(
            allocation=allocation,
            comment=comment,
            decided_at=decided_at,
            decided_by=decided_by,
            decision=decision,
            funded_value=funded_value,
            submitted_at=submitted_at,
            submitted_by=submitted_by,
            unfunded_value=unfunded_value,
            version=version,
            warning_count=warning_count,
            rows=rows,
        )

        version_view.additional_properties = d
        return version_view

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
