// The diesel schema of both backends (identical by construction; a test checks it).

diesel::table! {
    organisations (edumis) {
        edumis -> Integer,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rounds (id) {
        id -> Text,
        kind -> Text,
        year -> Integer,
        return_id -> Integer,
        extract_date -> Date,
        opens_at -> Timestamp,
        due_at -> Timestamp,
        resubmission_opens_at -> Nullable<Timestamp>,
        resubmission_closes_at -> Nullable<Timestamp>,
        published -> Bool,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor -> Text,
        organisation -> Nullable<Integer>,
        action -> Text,
        subject -> Text,
        from_state -> Nullable<Text>,
        to_state -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(organisations, rounds, audit_events);
