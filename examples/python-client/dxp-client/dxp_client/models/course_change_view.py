from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.course_field import CourseField
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.course_details import CourseDetails


T = TypeVar("T", bound="CourseChangeView")


@_attrs_define
class CourseChangeView:
    """One change to a course of the register.

    Attributes:
        after (CourseDetails): What the course register holds of a course for the years an entry is valid: the fields of
            a
            REGT record the funder approves.
        changed_at (datetime.datetime):
        changed_by (str):
        changed_fields (list[CourseField]): The fields changed; empty when the entry was created.
        course_code (str):
        valid_from (int): The first year of the entry changed.
        before (CourseDetails | None | Unset):
        change_request_id (None | str | Unset): The change request approved; empty: loaded by the funder.
    """

    after: CourseDetails
    changed_at: datetime.datetime
    changed_by: str
    changed_fields: list[CourseField]
    course_code: str
    valid_from: int
    before: CourseDetails | None | Unset = UNSET
    change_request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.course_details import CourseDetails  # noqa: PLC0415

        after = self.after.to_dict()

        changed_at = self.changed_at.isoformat()

        changed_by = self.changed_by

        changed_fields = []
        for changed_fields_item_data in self.changed_fields:
            changed_fields_item = changed_fields_item_data.value
            changed_fields.append(changed_fields_item)

        course_code = self.course_code

        valid_from = self.valid_from

        before: dict[str, Any] | None | Unset
        if isinstance(self.before, Unset):
            before = UNSET
        elif isinstance(self.before, CourseDetails):
            before = self.before.to_dict()
        else:
            before = self.before

        change_request_id: None | str | Unset
        if isinstance(self.change_request_id, Unset):
            change_request_id = UNSET
        else:
            change_request_id = self.change_request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "changedAt": changed_at,
                "changedBy": changed_by,
                "changedFields": changed_fields,
                "courseCode": course_code,
                "validFrom": valid_from,
            }
        )
        if before is not UNSET:
            field_dict["before"] = before
        if change_request_id is not UNSET:
            field_dict["changeRequestId"] = change_request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.course_details import CourseDetails  # noqa: PLC0415

        d = dict(src_dict)
        after = CourseDetails.from_dict(d.pop("after"))

        changed_at = datetime.datetime.fromisoformat(d.pop("changedAt"))

        changed_by = d.pop("changedBy")

        changed_fields = []
        _changed_fields = d.pop("changedFields")
        for changed_fields_item_data in _changed_fields:
            changed_fields_item = CourseField(changed_fields_item_data)

            changed_fields.append(changed_fields_item)

        course_code = d.pop("courseCode")

        valid_from = d.pop("validFrom")

        def _parse_before(data: object) -> CourseDetails | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = CourseDetails.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourseDetails | None | Unset, data)

        before = _parse_before(d.pop("before", UNSET))

        def _parse_change_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        change_request_id = _parse_change_request_id(d.pop("changeRequestId", UNSET))

        course_change_view = cls(
            after=after,
            changed_at=changed_at,
            changed_by=changed_by,
            changed_fields=changed_fields,
            course_code=course_code,
            valid_from=valid_from,
            before=before,
            change_request_id=change_request_id,
        )

        course_change_view.additional_properties = d
        return course_change_view

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
