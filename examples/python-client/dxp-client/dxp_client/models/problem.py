from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_errors_type_0 import ProblemErrorsType0
    from ..models.rule_refusal import RuleRefusal


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """An RFC 9457 problem: what went wrong, for a person and for a program.

    Example:
        {'detail': 'the token has expired; request a new one', 'status': 401, 'title': 'Unauthorized', 'type':
            'urn:dxp:problem:unauthorized'}

    Attributes:
        detail (str): What went wrong in this case, and what to do about it.
        status (int): The HTTP status code.
        title (str): A short summary of the kind of problem.
        type_ (str): A stable URI for the kind of problem; programs branch on this.
        error_code (None | str | Unset): For a request to the funder's provider-based API refused as its documents
            describe: a
            stable code a program branches on (`RETURN_NOT_FOUND`, `BAD_PAGINATION`, …). Example: RETURN_NOT_FOUND.
        errors (None | ProblemErrorsType0 | Unset): For a refused work-based request: each field path of the request
            that is wrong, with
            what is wrong with it (business refusals start with their rule's code). Example: {'pauseDate': ['WB-031:
            pauseDate 2026-12-03 is after today (2026-12-02)']}.
        instance (None | str | Unset): This request, as the service's logs name it (`urn:dxp:request:` and the
            `X-Request-Id`
            the response carries): quote it when asking about the problem. Example:
            urn:dxp:request:5f0c8a7e-2b8e-4f7a-9d7c-1f2e3d4c5b6a.
        refusals (list[RuleRefusal] | None | Unset): For a work-based request refused by business rules: each refusal
            with its rule.
        rule (None | str | Unset): The rule of the collection calendar that refuses the request (`RD-003`), when one
            does. Example: RD-003.
    """

    detail: str
    status: int
    title: str
    type_: str
    error_code: None | str | Unset = UNSET
    errors: None | ProblemErrorsType0 | Unset = UNSET
    instance: None | str | Unset = UNSET
    refusals: list[RuleRefusal] | None | Unset = UNSET
    rule: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.problem_errors_type_0 import ProblemErrorsType0  # noqa: PLC0415

        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        error_code: None | str | Unset
        if isinstance(self.error_code, Unset):
            error_code = UNSET
        else:
            error_code = self.error_code

        errors: dict[str, Any] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, ProblemErrorsType0):
            errors = self.errors.to_dict()
        else:
            errors = self.errors

        instance: None | str | Unset
        if isinstance(self.instance, Unset):
            instance = UNSET
        else:
            instance = self.instance

        refusals: list[dict[str, Any]] | None | Unset
        if isinstance(self.refusals, Unset):
            refusals = UNSET
        elif isinstance(self.refusals, list):
            refusals = []
            for refusals_type_0_item_data in self.refusals:
                refusals_type_0_item = refusals_type_0_item_data.to_dict()
                refusals.append(refusals_type_0_item)

        else:
            refusals = self.refusals

        rule: None | str | Unset
        if isinstance(self.rule, Unset):
            rule = UNSET
        else:
            rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if error_code is not UNSET:
            field_dict["errorCode"] = error_code
        if errors is not UNSET:
            field_dict["errors"] = errors
        if instance is not UNSET:
            field_dict["instance"] = instance
        if refusals is not UNSET:
            field_dict["refusals"] = refusals
        if rule is not UNSET:
            field_dict["rule"] = rule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_errors_type_0 import ProblemErrorsType0  # noqa: PLC0415
        from ..models.rule_refusal import RuleRefusal  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_error_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_code = _parse_error_code(d.pop("errorCode", UNSET))

        def _parse_errors(data: object) -> None | ProblemErrorsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                errors_type_0 = ProblemErrorsType0.from_dict(data)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProblemErrorsType0 | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_instance(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance = _parse_instance(d.pop("instance", UNSET))

        def _parse_refusals(data: object) -> list[RuleRefusal] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                refusals_type_0 = []
                _refusals_type_0 = data
                for refusals_type_0_item_data in _refusals_type_0:
                    refusals_type_0_item = RuleRefusal.from_dict(refusals_type_0_item_data)

                    refusals_type_0.append(refusals_type_0_item)

                return refusals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RuleRefusal] | None | Unset, data)

        refusals = _parse_refusals(d.pop("refusals", UNSET))

        def _parse_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule = _parse_rule(d.pop("rule", UNSET))

        problem = cls(
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            error_code=error_code,
            errors=errors,
            instance=instance,
            refusals=refusals,
            rule=rule,
        )

        problem.additional_properties = d
        return problem

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
