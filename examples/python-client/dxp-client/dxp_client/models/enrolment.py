from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.enrolment_status import EnrolmentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unit_standard import UnitStandard


T = TypeVar("T", bound="Enrolment")


@_attrs_define
class Enrolment:
    """A programme enrolment as stored and returned (`GET /v1.0/enrolments/{enrolmentLocalId}`).

    Example:
        {'completionDate': None, 'deletionDate': None, 'deletionReason': None, 'enrolmentDate': '2026-02-01',
            'enrolmentLocalId': 'ENR-1001', 'enrolmentStatus': 'ACTIVE', 'fundingSourceTypeCode': '37', 'learnerLocalId':
            'L-1001', 'modeOfDeliveryCode': 24, 'overArchingEnrolmentLocalId': None, 'participationStartDate': '2026-02-09',
            'programmeLocalId': 'PLUMB-L4', 'programmeVersionNumber': 2, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId':
            'TA-1001', 'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'}], 'withdrawalDate': None}

    Attributes:
        enrolment_date (datetime.date): The day the learner enrolled: not after today, not after the participation
            start.
        enrolment_local_id (str): The TMS's id for the enrolment, never reused except after the enrolment is deleted.
        funding_source_type_code (str): Only `37`.
        learner_local_id (str): The learner of the training agreement.
        mode_of_delivery_code (int): `24`, `25` or `26`, the programme's.
        participation_start_date (datetime.date): The day training starts; the programme version must be active then.
        programme_local_id (str):
        programme_version_number (int):
        study_type_code (str): The programme's study type (`NZA` for a New Zealand Apprenticeship).
        training_agreement_local_id (str):
        enrolment_status (EnrolmentStatus): Where a programme enrolment is: it follows its agreement while open
            (`PENDING`, `ACTIVE`,
            `HOLD`, `GRACE`); `WITHDRAWN` by the TMS or with its agreement, `COMPLETED` by the funder's
            completions service, `DELETED` when the TMS deletes it (its id may then be used again).
        unit_standards (list[UnitStandard] | Unset):
        completion_date (datetime.date | None | Unset): Set by the funder's completions service.
        deletion_date (datetime.date | None | Unset):
        deletion_reason (None | str | Unset): `ID`, `IE`, `IS` or `OT` once deleted.
        over_arching_enrolment_local_id (None | str | Unset): For a sub-enrolment, its over-arching enrolment; `null`
            otherwise.
        withdrawal_date (datetime.date | None | Unset):
    """

    enrolment_date: datetime.date
    enrolment_local_id: str
    funding_source_type_code: str
    learner_local_id: str
    mode_of_delivery_code: int
    participation_start_date: datetime.date
    programme_local_id: str
    programme_version_number: int
    study_type_code: str
    training_agreement_local_id: str
    enrolment_status: EnrolmentStatus
    unit_standards: list[UnitStandard] | Unset = UNSET
    completion_date: datetime.date | None | Unset = UNSET
    deletion_date: datetime.date | None | Unset = UNSET
    deletion_reason: None | str | Unset = UNSET
    over_arching_enrolment_local_id: None | str | Unset = UNSET
    withdrawal_date: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enrolment_date = self.enrolment_date.isoformat()

        enrolment_local_id = self.enrolment_local_id

        funding_source_type_code = self.funding_source_type_code

        learner_local_id = self.learner_local_id

        mode_of_delivery_code = self.mode_of_delivery_code

        participation_start_date = self.participation_start_date.isoformat()

        programme_local_id = self.programme_local_id

        programme_version_number = self.programme_version_number

        study_type_code = self.study_type_code

        training_agreement_local_id = self.training_agreement_local_id

        enrolment_status = self.enrolment_status.value

        unit_standards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unit_standards, Unset):
            unit_standards = []
            for unit_standards_item_data in self.unit_standards:
                unit_standards_item = unit_standards_item_data.to_dict()
                unit_standards.append(unit_standards_item)

        completion_date: None | str | Unset
        if isinstance(self.completion_date, Unset):
            completion_date = UNSET
        elif isinstance(self.completion_date, datetime.date):
            completion_date = self.completion_date.isoformat()
        else:
            completion_date = self.completion_date

        deletion_date: None | str | Unset
        if isinstance(self.deletion_date, Unset):
            deletion_date = UNSET
        elif isinstance(self.deletion_date, datetime.date):
            deletion_date = self.deletion_date.isoformat()
        else:
            deletion_date = self.deletion_date

        deletion_reason: None | str | Unset
        if isinstance(self.deletion_reason, Unset):
            deletion_reason = UNSET
        else:
            deletion_reason = self.deletion_reason

        over_arching_enrolment_local_id: None | str | Unset
        if isinstance(self.over_arching_enrolment_local_id, Unset):
            over_arching_enrolment_local_id = UNSET
        else:
            over_arching_enrolment_local_id = self.over_arching_enrolment_local_id

        withdrawal_date: None | str | Unset
        if isinstance(self.withdrawal_date, Unset):
            withdrawal_date = UNSET
        elif isinstance(self.withdrawal_date, datetime.date):
            withdrawal_date = self.withdrawal_date.isoformat()
        else:
            withdrawal_date = self.withdrawal_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enrolmentDate": enrolment_date,
                "enrolmentLocalId": enrolment_local_id,
                "fundingSourceTypeCode": funding_source_type_code,
                "learnerLocalId": learner_local_id,
                "modeOfDeliveryCode": mode_of_delivery_code,
                "participationStartDate": participation_start_date,
                "programmeLocalId": programme_local_id,
                "programmeVersionNumber": programme_version_number,
                "studyTypeCode": study_type_code,
                "trainingAgreementLocalId": training_agreement_local_id,
                "enrolmentStatus": enrolment_status,
            }
        )
        if unit_standards is not UNSET:
            field_dict["unitStandards"] = unit_standards
        if completion_date is not UNSET:
            field_dict["completionDate"] = completion_date
        if deletion_date is not UNSET:
            field_dict["deletionDate"] = deletion_date
        if deletion_reason is not UNSET:
            field_dict["deletionReason"] = deletion_reason
        if over_arching_enrolment_local_id is not UNSET:
            field_dict["overArchingEnrolmentLocalId"] = over_arching_enrolment_local_id
        if withdrawal_date is not UNSET:
            field_dict["withdrawalDate"] = withdrawal_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_standard import UnitStandard  # noqa: PLC0415

        d = dict(src_dict)
        enrolment_date = datetime.date.fromisoformat(d.pop("enrolmentDate"))

        enrolment_local_id = d.pop("enrolmentLocalId")

        funding_source_type_code = d.pop("fundingSourceTypeCode")

        learner_local_id = d.pop("learnerLocalId")

        mode_of_delivery_code = d.pop("modeOfDeliveryCode")

        participation_start_date = datetime.date.fromisoformat(d.pop("participationStartDate"))

        programme_local_id = d.pop("programmeLocalId")

        programme_version_number = d.pop("programmeVersionNumber")

        study_type_code = d.pop("studyTypeCode")

        training_agreement_local_id = d.pop("trainingAgreementLocalId")

        enrolment_status = EnrolmentStatus(d.pop("enrolmentStatus"))

        _unit_standards = d.pop("unitStandards", UNSET)
        unit_standards: list[UnitStandard] | Unset = UNSET
        if _unit_standards is not UNSET:
            unit_standards = []
            for unit_standards_item_data in _unit_standards:
                unit_standards_item = UnitStandard.from_dict(unit_standards_item_data)

                unit_standards.append(unit_standards_item)

        def _parse_completion_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completion_date_type_0 = datetime.date.fromisoformat(data)

                return completion_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        completion_date = _parse_completion_date(d.pop("completionDate", UNSET))

        def _parse_deletion_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deletion_date_type_0 = datetime.date.fromisoformat(data)

                return deletion_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        deletion_date = _parse_deletion_date(d.pop("deletionDate", UNSET))

        def _parse_deletion_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deletion_reason = _parse_deletion_reason(d.pop("deletionReason", UNSET))

        def _parse_over_arching_enrolment_local_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        over_arching_enrolment_local_id = _parse_over_arching_enrolment_local_id(
            d.pop("overArchingEnrolmentLocalId", UNSET)
        )

        def _parse_withdrawal_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                withdrawal_date_type_0 = datetime.date.fromisoformat(data)

                return withdrawal_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        withdrawal_date = _parse_withdrawal_date(d.pop("withdrawalDate", UNSET))

        enrolment = cls(
            enrolment_date=enrolment_date,
            enrolment_local_id=enrolment_local_id,
            funding_source_type_code=funding_source_type_code,
            learner_local_id=learner_local_id,
            mode_of_delivery_code=mode_of_delivery_code,
            participation_start_date=participation_start_date,
            programme_local_id=programme_local_id,
            programme_version_number=programme_version_number,
            study_type_code=study_type_code,
            training_agreement_local_id=training_agreement_local_id,
            enrolment_status=enrolment_status,
            unit_standards=unit_standards,
            completion_date=completion_date,
            deletion_date=deletion_date,
            deletion_reason=deletion_reason,
            over_arching_enrolment_local_id=over_arching_enrolment_local_id,
            withdrawal_date=withdrawal_date,
        )

        enrolment.additional_properties = d
        return enrolment

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
