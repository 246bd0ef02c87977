from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.submission_status import SubmissionStatus
from ..models.submission_type import SubmissionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_counts import RecordCounts
    from ..models.status_change import StatusChange
    from ..models.validation_progress import ValidationProgress


T = TypeVar("T", bound="SubmissionView")


@_attrs_define
class SubmissionView:
    """A submission: a return being assembled for one organisation and round.

    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        efts_forecast_required (bool): The last validation found enrolments funded from 01, 29, 11 or 37 in courses at
            Level 3
            and above: the return is lodged only once the round's EFTS forecast is (rule RD-010).
        error_count (int): Errors and warnings found: those of each record on upload, and those of the last
            validation run across records.
        id (str):  Example: 0b4f6c1e-8d1a-4c55-9e0e-2f7d7c3b9a10.
        late (bool): Lodged after the due date, or resubmitted outside a published window.
        max_records_per_request (int): The most records one upload request may carry.
        organisation (int): The organisation's EDUMIS number. Example: 6004.
        record_counts (RecordCounts): Records held per file.
        round_ (str):  Example: 2026-APR.
        status (SubmissionStatus): Where a submission is in its life.
        submission_type (SubmissionType): What a submission carries.
        updated_at (datetime.datetime):
        warning_count (int):
        progress (None | Unset | ValidationProgress):
        status_history (list[StatusChange] | None | Unset): Every change of status, oldest first (only on single-
            submission reads).
        stop_gate_lift (None | str | Unset): The Stop Gate lift the return was lodged under, when it needed one.
        submitted_at (datetime.datetime | None | Unset):
        validated_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    created_by: str
    efts_forecast_required: bool
    error_count: int
    id: str
    late: bool
    max_records_per_request: int
    organisation: int
    record_counts: RecordCounts
    round_: str
    status: SubmissionStatus
    submission_type: SubmissionType
    updated_at: datetime.datetime
    warning_count: int
    progress: None | Unset | ValidationProgress = UNSET
    status_history: list[StatusChange] | None | Unset = UNSET
    stop_gate_lift: None | str | Unset = UNSET
    submitted_at: datetime.datetime | None | Unset = UNSET
    validated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.validation_progress import ValidationProgress  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        efts_forecast_required = self.efts_forecast_required

        error_count = self.error_count

        id = self.id

        late = self.late

        max_records_per_request = self.max_records_per_request

        organisation = self.organisation

        record_counts = self.record_counts.to_dict()

        round_ = self.round_

        status = self.status.value

        submission_type = self.submission_type.value

        updated_at = self.updated_at.isoformat()

        warning_count = self.warning_count

        progress: dict[str, Any] | None | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        elif isinstance(self.progress, ValidationProgress):
            progress = self.progress.to_dict()
        else:
            progress = self.progress

        status_history: list[dict[str, Any]] | None | Unset
        if isinstance(self.status_history, Unset):
            status_history = UNSET
        elif isinstance(self.status_history, list):
            status_history = []
            for status_history_type_0_item_data in self.status_history:
                status_history_type_0_item = status_history_type_0_item_data.to_dict()
                status_history.append(status_history_type_0_item)

        else:
            status_history = self.status_history

        stop_gate_lift: None | str | Unset
        if isinstance(self.stop_gate_lift, Unset):
            stop_gate_lift = UNSET
        else:
            stop_gate_lift = self.stop_gate_lift

        submitted_at: None | str | Unset
        if isinstance(self.submitted_at, Unset):
            submitted_at = UNSET
        elif isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        validated_at: None | str | Unset
        if isinstance(self.validated_at, Unset):
            validated_at = UNSET
        elif isinstance(self.validated_at, datetime.datetime):
            validated_at = self.validated_at.isoformat()
        else:
            validated_at = self.validated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "createdBy": created_by,
                "eftsForecastRequired": efts_forecast_required,
                "errorCount": error_count,
                "id": id,
                "late": late,
                "maxRecordsPerRequest": max_records_per_request,
                "organisation": organisation,
                "recordCounts": record_counts,
                "round": round_,
                "status": status,
                "submissionType": submission_type,
                "updatedAt": updated_at,
                "warningCount": warning_count,
            }
        )
        if progress is not UNSET:
            field_dict["progress"] = progress
        if status_history is not UNSET:
            field_dict["statusHistory"] = status_history
        if stop_gate_lift is not UNSET:
            field_dict["stopGateLift"] = stop_gate_lift
        if submitted_at is not UNSET:
            field_dict["submittedAt"] = submitted_at
        if validated_at is not UNSET:
            field_dict["validatedAt"] = validated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_counts import RecordCounts  # noqa: PLC0415
        from ..models.status_change import StatusChange  # noqa: PLC0415
        from ..models.validation_progress import ValidationProgress  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        efts_forecast_required = d.pop("eftsForecastRequired")

        error_count = d.pop("errorCount")

        id = d.pop("id")

        late = d.pop("late")

        max_records_per_request = d.pop("maxRecordsPerRequest")

        organisation = d.pop("organisation")

        record_counts = RecordCounts.from_dict(d.pop("recordCounts"))

        round_ = d.pop("round")

        status = SubmissionStatus(d.pop("status"))

        submission_type = SubmissionType(d.pop("submissionType"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        warning_count = d.pop("warningCount")

        def _parse_progress(data: object) -> None | Unset | ValidationProgress:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                progress_type_0 = ValidationProgress.from_dict(data)

                return progress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | ValidationProgress, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        def _parse_status_history(data: object) -> list[StatusChange] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                status_history_type_0 = []
                _status_history_type_0 = data
                for status_history_type_0_item_data in _status_history_type_0:
                    status_history_type_0_item = StatusChange.from_dict(status_history_type_0_item_data)

                    status_history_type_0.append(status_history_type_0_item)

                return status_history_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[StatusChange] | None | Unset, data)

        status_history = _parse_status_history(d.pop("statusHistory", UNSET))

        def _parse_stop_gate_lift(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stop_gate_lift = _parse_stop_gate_lift(d.pop("stopGateLift", UNSET))

        def _parse_submitted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        submitted_at = _parse_submitted_at(d.pop("submittedAt", UNSET))

        def _parse_validated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                validated_at_type_0 = datetime.datetime.fromisoformat(data)

                return validated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        validated_at = _parse_validated_at(d.pop("validatedAt", UNSET))

        submission_view = cls(
            created_at=created_at,
            created_by=created_by,
            efts_forecast_required=efts_forecast_required,
            error_count=error_count,
            id=id,
            late=late,
            max_records_per_request=max_records_per_request,
            organisation=organisation,
            record_counts=record_counts,
            round_=round_,
            status=status,
            submission_type=submission_type,
            updated_at=updated_at,
            warning_count=warning_count,
            progress=progress,
            status_history=status_history,
            stop_gate_lift=stop_gate_lift,
            submitted_at=submitted_at,
            validated_at=validated_at,
        )

        submission_view.additional_properties = d
        return submission_view

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
