from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.due_state import DueState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.in_progress_view import InProgressView
    from ..models.lodged_view import LodgedView


T = TypeVar("T", bound="DueItemView")


@_attrs_define
class DueItemView:
    """One round that needs the organisation's attention.

    Attributes:
        due_at (datetime.datetime): The due date that applies: a Stop Gate lift's, when the organisation has one.
        missing (list[str]): What is still to do, in order.
        opens_at (datetime.datetime):
        round_ (str):  Example: 2026-APR.
        state (DueState): Where a round stands for the organisation.
        in_progress (InProgressView | None | Unset):
        lodged (LodgedView | None | Unset):
    """

    due_at: datetime.datetime
    missing: list[str]
    opens_at: datetime.datetime
    round_: str
    state: DueState
    in_progress: InProgressView | None | Unset = UNSET
    lodged: LodgedView | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.in_progress_view import InProgressView  # noqa: PLC0415
        from ..models.lodged_view import LodgedView  # noqa: PLC0415

        due_at = self.due_at.isoformat()

        missing = self.missing

        opens_at = self.opens_at.isoformat()

        round_ = self.round_

        state = self.state.value

        in_progress: dict[str, Any] | None | Unset
        if isinstance(self.in_progress, Unset):
            in_progress = UNSET
        elif isinstance(self.in_progress, InProgressView):
            in_progress = self.in_progress.to_dict()
        else:
            in_progress = self.in_progress

        lodged: dict[str, Any] | None | Unset
        if isinstance(self.lodged, Unset):
            lodged = UNSET
        elif isinstance(self.lodged, LodgedView):
            lodged = self.lodged.to_dict()
        else:
            lodged = self.lodged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dueAt": due_at,
                "missing": missing,
                "opensAt": opens_at,
                "round": round_,
                "state": state,
            }
        )
        if in_progress is not UNSET:
            field_dict["inProgress"] = in_progress
        if lodged is not UNSET:
            field_dict["lodged"] = lodged

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.in_progress_view import InProgressView  # noqa: PLC0415
        from ..models.lodged_view import LodgedView  # noqa: PLC0415

        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("dueAt"))

        missing = cast(list[str], d.pop("missing"))

        opens_at = datetime.datetime.fromisoformat(d.pop("opensAt"))

        round_ = d.pop("round")

        state = DueState(d.pop("state"))

        def _parse_in_progress(data: object) -> InProgressView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                in_progress_type_0 = InProgressView.from_dict(data)

                return in_progress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InProgressView | None | Unset, data)

        in_progress = _parse_in_progress(d.pop("inProgress", UNSET))

        def _parse_lodged(data: object) -> LodgedView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                lodged_type_0 = LodgedView.from_dict(data)

                return lodged_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LodgedView | None | Unset, data)

        lodged = _parse_lodged(d.pop("lodged", UNSET))

        due_item_view = cls(
            due_at=due_at,
            missing=missing,
            opens_at=opens_at,
            round_=round_,
            state=state,
            in_progress=in_progress,
            lodged=lodged,
        )

        due_item_view.additional_properties = d
        return due_item_view

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
