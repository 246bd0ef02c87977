from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.enrolment import Enrolment


T = TypeVar("T", bound="ComplexEnrolment")


@_attrs_define
class ComplexEnrolment:
    """The enrolments a complex enrolment made.

    Attributes:
        over_arching_enrolment (Enrolment): A programme enrolment as stored and returned (`GET
            /v1.0/enrolments/{enrolmentLocalId}`). Example: {'completionDate': None, 'deletionDate': None, 'deletionReason':
            None, 'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-1001', 'enrolmentStatus': 'ACTIVE',
            'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24,
            'overArchingEnrolmentLocalId': None, 'participationStartDate': '2026-02-09', 'programmeLocalId': 'PLUMB-L4',
            'programmeVersionNumber': 2, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId': 'TA-1001', 'unitStandards':
            [{'mandatory': True, 'unitStandardCode': '29677'}], 'withdrawalDate': None}.
        sub_enrolments (list[Enrolment]):
    """

    over_arching_enrolment: Enrolment
    sub_enrolments: list[Enrolment]
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
        from ..models.enrolment import Enrolment  # noqa: PLC0415

        d = dict(src_dict)
        over_arching_enrolment = Enrolment.from_dict(d.pop("overArchingEnrolment"))

        sub_enrolments = []
        _sub_enrolments = d.pop("subEnrolments")
        for sub_enrolments_item_data in _sub_enrolments:
            sub_enrolments_item = Enrolment.from_dict(sub_enrolments_item_data)

            sub_enrolments.append(sub_enrolments_item)

        complex_enrolment = cls(
            over_arching_enrolment=over_arching_enrolment,
            sub_enrolments=sub_enrolments,
        )

        complex_enrolment.additional_properties = d
        return complex_enrolment

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
