from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.new_enrolment import NewEnrolment


T = TypeVar("T", bound="NewComplexEnrolment")


@_attrs_define
class NewComplexEnrolment:
    """A complex enrolment: an over-arching enrolment and its sub-enrolments, all under one training
    agreement (`POST /v1.0/complex-enrolments`, `CreateComplexEnrolmentRequest`).

        Example:
            {'overArchingEnrolment': {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-2000',
                'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24, 'participationStartDate':
                '2026-02-09', 'programmeLocalId': 'ELEC-NZA', 'programmeVersionNumber': 1, 'studyTypeCode': 'NZA',
                'trainingAgreementLocalId': 'TA-1001', 'unitStandards': []}, 'subEnrolments': [{'enrolmentDate': '2026-02-01',
                'enrolmentLocalId': 'ENR-2001', 'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode':
                24, 'participationStartDate': '2026-02-09', 'programmeLocalId': 'ELEC-L3', 'programmeVersionNumber': 3,
                'studyTypeCode': 'NZA', 'trainingAgreementLocalId': 'TA-1001', 'unitStandards': []}]}

        Attributes:
            over_arching_enrolment (NewEnrolment): A programme enrolment as the TMS sends it (`POST /v1.0/enrolments`, and
                each enrolment of
                a complex one). Example: {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-1001',
                'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24, 'participationStartDate':
                '2026-02-09', 'programmeLocalId': 'PLUMB-L4', 'programmeVersionNumber': 2, 'studyTypeCode': 'NZA',
                'trainingAgreementLocalId': 'TA-1001', 'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'}]}.
            sub_enrolments (list[NewEnrolment]): At least one.
    """

    over_arching_enrolment: NewEnrolment
    sub_enrolments: list[NewEnrolment]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        over_arching_enrolment = self.over_arching_enrolment.to_dict()

        sub_enrolments = []
        for sub_enrolments_item_data in self.sub_enrolments:
            sub_enrolments_item = sub_enrolments_item_data.to_dict()
            sub_enrolments.append(sub_enrolments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "overArchingEnrolment": over_arching_enrolment,
                "subEnrolments": sub_enrolments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.new_enrolment import NewEnrolment  # noqa: PLC0415

        d = dict(src_dict)
        over_arching_enrolment = NewEnrolment.from_dict(d.pop("overArchingEnrolment"))

        sub_enrolments = []
        _sub_enrolments = d.pop("subEnrolments")
        for sub_enrolments_item_data in _sub_enrolments:
            sub_enrolments_item = NewEnrolment.from_dict(sub_enrolments_item_data)

            sub_enrolments.append(sub_enrolments_item)

        new_complex_enrolment = cls(
            over_arching_enrolment=over_arching_enrolment,
            sub_enrolments=sub_enrolments,
        )

        new_complex_enrolment.additional_properties = d
        return new_complex_enrolment

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
