//! Hand-built schemas for the two array fields: utoipa's field attributes constrain the array
//! but not its items, and the items carry the limits integrators need to know (a month's EFTS
//! range, an ITE subject's length).

use utoipa::openapi::schema::{
    ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{Array, RefOr, Schema};

/// `eftsByMonth`: required, at least one month, each value Numeric(1,4).
pub(super) fn efts_by_month() -> Array {
    let month = ObjectBuilder::new()
        .schema_type(Type::Number)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Double)))
        .minimum(Some(0.0))
        .maximum(Some(9.9999))
        .description(Some(
            "EFTS for one calendar month: 0 to 9.9999, at most four decimal places.",
        ));
    ArrayBuilder::new()
        .items(RefOr::T(Schema::Object(month.build())))
        .min_items(Some(1))
        .description(Some(
            "EFTS by Month: the course EFTS factor divided evenly over the calendar months of the \
             enrolment (day of month ignored), one value per month from the start month to the \
             end month inclusive, each 0 to 9.9999 with at most four decimal places. Each month \
             is courseEftsFactor divided by the number of months, rounded down to four places; \
             the last month may instead hold the remainder, so that the months add up to the \
             factor. Twelve values for January to December of a year the \
             course runs in, with 0 for the months outside the course, are also accepted. \
             Mandatory.",
        ))
        .examples([serde_json::json!([0.025, 0.025, 0.025, 0.025, 0.025])])
        .build()
}

/// `iteSubject`: optional (so nullable), up to four subjects of at most 40 characters.
pub(super) fn ite_subject() -> Array {
    let subject = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(40))
        .description(Some(
            "A subject from the ITE subject classification, at most 40 characters.",
        ));
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(RefOr::T(Schema::Object(subject.build())))
        .max_items(Some(4))
        .description(Some(
            "ITE Subject: the curriculum subject areas of a learner in Initial Teacher Education \
             whose ITE sector is Secondary, from the ITE subject classification. Up to four \
             values of at most 40 characters; at least one when iteSector is 3. The same values \
             must be used for each of the learner's course enrolments in the qualification. \
             Checked as a warning for courses starting before 2026 and as an error from 2026.",
        ))
        .examples([serde_json::json!(["Mathematics", "Physics"])])
        .build()
}
