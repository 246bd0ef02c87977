from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.course_field import CourseField
from ..models.difference_kind import DifferenceKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.course_details import CourseDetails


T = TypeVar("T", bound="CourseDifference")


@_attrs_define
class CourseDifference:
    """How one course of a REGT differs from the register in the submission's year.

    Attributes:
        changed_fields (list[CourseField]): The fields that change (empty for a new course).
        course_code (str):
        kind (DifferenceKind): Whether a course is new to the register or changes it.
        proposed (CourseDetails): What the course register holds of a course for the years an entry is valid: the fields
            of a
            REGT record the funder approves.
        current (CourseDetails | None | Unset):
    """

    changed_fields: list[CourseField]
    course_code: str
    kind: DifferenceKind
    proposed: CourseDetails
    current: CourseDetails | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.course_details import CourseDetails  # noqa: PLC0415

        changed_fields = []
        for changed_fields_item_data in self.changed_fields:
            changed_fields_item = changed_fields_item_data.value
            changed_fields.append(changed_fields_item)

        course_code = self.course_code

        kind = self.kind.value

        proposed = self.proposed.to_dict()

        current: dict[str, Any] | None | Unset
        if isinstance(self.current, Unset):
            current = UNSET
        elif isinstance(self.current, CourseDetails):
            current = self.current.to_dict()
        else:
            current = self.current

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changedFields": changed_fields,
                "courseCode": course_code,
                "kind": kind,
                "proposed": proposed,
            }
        )
        if current is not UNSET:
            field_dict["current"] = current

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.course_details import CourseDetails  # noqa: PLC0415

        d = dict(src_dict)
        changed_fields = []
        _changed_fields = d.pop("changedFields")
        for changed_fields_item_data in _changed_fields:
            changed_fields_item = CourseField(changed_fields_item_data)

            changed_fields.append(changed_fields_item)

        course_code = d.pop("courseCode")

        kind = DifferenceKind(d.pop("kind"))

        proposed = CourseDetails.from_dict(d.pop("proposed"))

        def _parse_current(data: object) -> CourseDetails | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_0 = CourseDetails.from_dict(data)

                return current_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourseDetails | None | Unset, data)

        current = _parse_current(d.pop("current", UNSET))

        course_difference = cls(
            changed_fields=changed_fields,
            course_code=course_code,
            kind=kind,
            proposed=proposed,
            current=current,
        )

        course_difference.additional_properties = d
        return course_difference

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
