from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, Unset

if TYPE_CHECKING:
    from ..models.document_input import DocumentInput


T = TypeVar("T", bound="NewDocumentForm")


@_attrs_define
class NewDocumentForm:
    """The body of a new document: its details, then its files.

    Attributes:
        document (DocumentInput): A document's details, as its creator gives them. Example: {'action': 'to-action',
            'documentType': 'funding-letter', 'dueOn': '2027-01-29', 'fund': '37', 'organisations': [6004, 6005],
            'planYear': 2027, 'title': '2027 funding letter'}.
        file (list[File] | None | Unset): Its files (PDF, Word, Excel, PowerPoint, PNG, JPEG, CSV or text), each named
            by its
            part's `filename`; up to 20, or none.
    """

    document: DocumentInput
    file: list[File] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.to_dict()

        file: list[FileTypes] | None | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        elif isinstance(self.file, list):
            file = []
            for file_type_0_item_data in self.file:
                file_type_0_item = file_type_0_item_data.to_tuple()

                file.append(file_type_0_item)

        else:
            file = self.file

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
            }
        )
        if file is not UNSET:
            field_dict["file"] = file

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("document", (None, json.dumps(self.document.to_dict()).encode(), "application/json")))

        if not isinstance(self.file, Unset):
            if isinstance(self.file, list):
                for file_type_0_item_element in self.file:
                    files.append(("file", file_type_0_item_element.to_tuple()))
            else:
                files.append(("file", (None, str(self.file).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_input import DocumentInput  # noqa: PLC0415

        d = dict(src_dict)
        document = DocumentInput.from_dict(d.pop("document"))

        def _parse_file(data: object) -> list[File] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                file_type_0 = []
                _file_type_0 = data
                for file_type_0_item_data in _file_type_0:
                    file_type_0_item = File(payload=BytesIO(file_type_0_item_data))

                    file_type_0.append(file_type_0_item)

                return file_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[File] | None | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        new_document_form = cls(
            document=document,
            file=file,
        )

        new_document_form.additional_properties = d
        return new_document_form

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
