from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_view import ChangeView


T = TypeVar("T", bound="ChangePage")


@_attrs_define
class ChangePage:
    """A page of changes.

    Attributes:
        has_more (bool): True when more changes are waiting after this page.
        results (list[ChangeView]):
        next_cursor (int | None | Unset): The position to read on from: pass it as `after` next time, whether or not
            more changes
            are waiting (null only while the organisation has no change at all).
    """

    has_more: bool
    results: list[ChangeView]
    next_cursor: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        has_more = self.has_more

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        next_cursor: int | None | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hasMore": has_more,
                "results": results,
            }
        )
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_view import ChangeView  # noqa: PLC0415

        d = dict(src_dict)
        has_more = d.pop("hasMore")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ChangeView.from_dict(results_item_data)

            results.append(results_item)

        def _parse_next_cursor(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        change_page = cls(
            has_more=has_more,
            results=results,
            next_cursor=next_cursor,
        )

        change_page.additional_properties = d
        return change_page

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
