from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_request_status import ChangeRequestStatus
from ..models.course_field import CourseField
from ..models.difference_kind import DifferenceKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.course_details import CourseDetails


T = TypeVar("T", bound="ChangeRequestView")


@_attrs_define
class ChangeRequestView:
    """A course change request.

    Attributes:
        changed_fields (list[CourseField]):
        course_code (str):
        id (str):
        kind (DifferenceKind): Whether a course is new to the register or changes it.
        organisation (int):  Example: 6004.
        proposed (CourseDetails): What the course register holds of a course for the years an entry is valid: the fields
            of a
            REGT record the funder approves.
        status (ChangeRequestStatus): What became of a change request.
        submission_id (str): The submission whose course register file it came from.
        submitted_at (datetime.datetime):
        submitted_by (str):
        year (int): The year from which the change holds once approved.
        current (CourseDetails | None | Unset):
        decided_at (datetime.datetime | None | Unset):
        decided_by (None | str | Unset):
        reason (None | str | Unset): Why the funder declined it.
    """

    changed_fields: list[CourseField]
    course_code: str
    id: str
    kind: DifferenceKind
    organisation: int
    proposed: CourseDetails
    status: ChangeRequestStatus
    submission_id: str
    submitted_at: datetime.datetime
    submitted_by: str
    year: int
    current: CourseDetails | None | Unset = UNSET
    decided_at: datetime.datetime | None | Unset = UNSET
    decided_by: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.course_details import CourseDetails  # noqa: PLC0415

        changed_fields = []
        for changed_fields_item_data in self.changed_fields:
            changed_fields_item = changed_fields_item_data.value
            changed_fields.append(changed_fields_item)

        course_code = self.course_code

        id = self.id

        kind = self.kind.value

        organisation = self.organisation

        proposed = self.proposed.to_dict()

        status = self.status.value

        submission_id = self.submission_id

        submitted_at = self.submitted_at.isoformat()

        submitted_by = self.submitted_by

        year = self.year

        current: dict[str, Any] | None | Unset
        if isinstance(self.current, Unset):
            current = UNSET
        elif isinstance(self.current, CourseDetails):
            current = self.current.to_dict()
        else:
            current = self.current

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        elif isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str | Unset
        if isinstance(self.decided_by, Unset):
            decided_by = UNSET
        else:
            decided_by = self.decided_by

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changedFields": changed_fields,
                "courseCode": course_code,
                "id": id,
                "kind": kind,
                "organisation": organisation,
                "proposed": proposed,
                "status": status,
                "submissionId": submission_id,
                "submittedAt": submitted_at,
                "submittedBy": submitted_by,
                "year": year,
            }
        )
        if current is not UNSET:
            field_dict["current"] = current
        if decided_at is not UNSET:
            field_dict["decidedAt"] = decided_at
        if decided_by is not UNSET:
            field_dict["decidedBy"] = decided_by
        if reason is not UNSET:
            field_dict["reason"] = reason

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

        id = d.pop("id")

        kind = DifferenceKind(d.pop("kind"))

        organisation = d.pop("organisation")

        proposed = CourseDetails.from_dict(d.pop("proposed"))

        status = ChangeRequestStatus(d.pop("status"))

        submission_id = d.pop("submissionId")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submittedAt"))

        submitted_by = d.pop("submittedBy")

        year = d.pop("year")

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

        def _parse_decided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        decided_at = _parse_decided_at(d.pop("decidedAt", UNSET))

        def _parse_decided_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_by = _parse_decided_by(d.pop("decidedBy", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        change_request_view = cls(
            changed_fields=changed_fields,
            course_code=course_code,
            id=id,
            kind=kind,
            organisation=organisation,
            proposed=proposed,
            status=status,
            submission_id=submission_id,
            submitted_at=submitted_at,
            submitted_by=submitted_by,
            year=year,
            current=current,
            decided_at=decided_at,
            decided_by=decided_by,
            reason=reason,
        )

        change_request_view.additional_properties = d
        return change_request_view

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
