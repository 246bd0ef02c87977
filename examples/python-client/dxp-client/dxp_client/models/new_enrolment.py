from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unit_standard import UnitStandard


T = TypeVar("T", bound="NewEnrolment")


@_attrs_define
class NewEnrolment:
    """A programme enrolment as the TMS sends it (`POST /v1.0/enrolments`, and each enrolment of
    a complex one).

        Example:
            {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-1001', 'fundingSourceTypeCode': '37', 'learnerLocalId':
                'L-1001', 'modeOfDeliveryCode': 24, 'participationStartDate': '2026-02-09', 'programmeLocalId': 'PLUMB-L4',
                'programmeVersionNumber': 2, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId': 'TA-1001', 'unitStandards':
                [{'mandatory': True, 'unitStandardCode': '29677'}]}

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
            unit_standards (list[UnitStandard] | Unset):
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
    unit_standards: list[UnitStandard] | Unset = UNSET
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

        unit_standards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unit_standards, Unset):
            unit_standards = []
            for unit_standards_item_data in self.unit_standards:
                unit_standards_item = unit_standards_item_data.to_dict()
                unit_standards.append(unit_standards_item)

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
            }
        )
        if unit_standards is not UNSET:
            field_dict["unitStandards"] = unit_standards

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

        _unit_standards = d.pop("unitStandards", UNSET)
        unit_standards: list[UnitStandard] | Unset = UNSET
        if _unit_standards is not UNSET:
            unit_standards = []
            for unit_standards_item_data in _unit_standards:
                unit_standards_item = UnitStandard.from_dict(unit_standards_item_data)

                unit_standards.append(unit_standards_item)

        new_enrolment = cls(
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
            unit_standards=unit_standards,
        )

        new_enrolment.additional_properties = d
        return new_enrolment

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
