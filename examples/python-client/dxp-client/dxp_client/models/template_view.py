from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.template import Template

if TYPE_CHECKING:
    from ..models.column_view import ColumnView


T = TypeVar("T", bound="TemplateView")


@_attrs_define
class TemplateView:
    """A template and its columns.

    Attributes:
        columns (list[ColumnView]):
        csv (bool): Whether it is uploaded as CSV too (every MoP) or by webform only (the EPIC).
        fund (str):
        template (Template): A commitment template: one MoP family, or the EPIC.
        title (str):
    """

    columns: list[ColumnView]
    csv: bool
    fund: str
    template: Template
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        csv = self.csv

        fund = self.fund

        template = self.template.value

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "columns": columns,
                "csv": csv,
                "fund": fund,
                "template": template,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_view import ColumnView  # noqa: PLC0415

        d = dict(src_dict)
        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = ColumnView.from_dict(columns_item_data)

            columns.append(columns_item)

        csv = d.pop("csv")

        fund = d.pop("fund")

        template = Template(d.pop("template"))

        title = d.pop("title")

        template_view = cls(
            columns=columns,
            csv=csv,
            fund=fund,
            template=template,
            title=title,
        )

        template_view.additional_properties = d
        return template_view

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
