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

diesel::table! {
    submissions (id) {
        id -> Text,
        organisation -> Integer,
        round_id -> Text,
        status -> Text,
        error_count -> Integer,
        warning_count -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        validated_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        submission_type -> Text,
        late -> Bool,
        stop_gate_lift_id -> Nullable<Text>,
        efts_forecast_required -> Bool,
    }
}

diesel::table! {
    stop_gate_lifts (id) {
        id -> Text,
        round_id -> Text,
        organisation -> Integer,
        due_at -> Timestamp,
        reason -> Text,
        granted_by -> Text,
        granted_at -> Timestamp,
        used_by_submission -> Nullable<Text>,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    workforce_questionnaires (id) {
        id -> Text,
        organisation -> Integer,
        year -> Integer,
        status -> Text,
        record_count -> Integer,
        error_count -> Integer,
        warning_count -> Integer,
        records -> Text,
        problems -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    records (submission_id, file, local_id) {
        submission_id -> Text,
        file -> Text,
        local_id -> Text,
        student_identification_code -> Nullable<Text>,
        record -> Text,
        error_count -> Integer,
        warning_count -> Integer,
        received_at -> Timestamp,
    }
}

diesel::table! {
    problems (id) {
        id -> BigInt,
        submission_id -> Text,
        file -> Text,
        local_id -> Text,
        origin -> Text,
        field -> Text,
        rule -> Text,
        severity -> Text,
        message -> Text,
    }
}

diesel::table! {
    idempotency_keys (organisation, key) {
        organisation -> Integer,
        key -> Text,
        request_fingerprint -> Text,
        status -> Integer,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    work_based_resources (organisation, kind, local_id, ordinal) {
        organisation -> Integer,
        kind -> Text,
        local_id -> Text,
        ordinal -> Integer,
        parent_id -> Nullable<Text>,
        lookup -> Nullable<Text>,
        status -> Nullable<Text>,
        status_date -> Nullable<Date>,
        revision -> Integer,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    work_based_changes (organisation, position) {
        organisation -> Integer,
        position -> BigInt,
        kind -> Text,
        local_id -> Text,
        ordinal -> Integer,
        change -> Text,
        from_status -> Nullable<Text>,
        to_status -> Nullable<Text>,
        body -> Text,
        actor -> Text,
        reason -> Nullable<Text>,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    work_based_feed_positions (organisation) {
        organisation -> Integer,
        last_position -> BigInt,
    }
}

diesel::table! {
    scheduled_job_leases (job) {
        job -> Text,
        holder -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    submission_tokens (token_hash) {
        token_hash -> Text,
        submission_id -> Text,
        organisation -> Integer,
        expires_at -> Timestamp,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    machine_accounts (client_id) {
        client_id -> Text,
        organisation -> Integer,
        secret_hash -> Text,
        permissions -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(submissions -> organisations (organisation));
diesel::joinable!(submissions -> rounds (round_id));
diesel::joinable!(records -> submissions (submission_id));
diesel::joinable!(problems -> submissions (submission_id));

diesel::allow_tables_to_appear_in_same_query!(
    submissions,
    records,
    problems,
    idempotency_keys,
    organisations,
    rounds,
    audit_events,
    stop_gate_lifts,
    workforce_questionnaires
);

diesel::table! {
    validation_jobs (id) {
        id -> Text,
        submission_id -> Text,
        state -> Text,
        attempts -> Integer,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        records_checked -> BigInt,
        records_total -> BigInt,
        queued_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        error -> Nullable<Text>,
        error_count -> Nullable<Integer>,
        warning_count -> Nullable<Integer>,
    }
}

diesel::joinable!(validation_jobs -> submissions (submission_id));
diesel::allow_tables_to_appear_in_same_query!(validation_jobs, submissions);

diesel::table! {
    submission_files (submission_id, file) {
        submission_id -> Text,
        file -> Text,
        records -> BigInt,
    }
}

diesel::joinable!(submission_files -> submissions (submission_id));
diesel::allow_tables_to_appear_in_same_query!(submission_files, submissions);

diesel::table! {
    people (subject) {
        subject -> Text,
        organisation -> Nullable<Integer>,
        name -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        mobile -> Nullable<Text>,
        roles -> Text,
        disabled -> Bool,
        first_seen_at -> Timestamp,
        last_seen_at -> Timestamp,
        portal_roles -> Text,
        access_changed_by -> Nullable<Text>,
        access_changed_at -> Nullable<Timestamp>,
        email_digest -> Bool,
        last_digest_on -> Nullable<Date>,
    }
}

diesel::table! {
    notices (id) {
        id -> Text,
        subject -> Text,
        organisation -> Nullable<Integer>,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        digest_pending -> Bool,
    }
}

diesel::table! {
    email_preferences (subject, kind) {
        subject -> Text,
        kind -> Text,
        emailed -> Bool,
    }
}

diesel::table! {
    outbox_emails (id) {
        id -> Text,
        recipient -> Text,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(people, email_preferences);

diesel::table! {
    reminders_sent (organisation, round_id, mark) {
        organisation -> Integer,
        round_id -> Text,
        mark -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        owner_organisation -> Nullable<Integer>,
        document_type -> Text,
        title -> Text,
        subject -> Nullable<Text>,
        fund -> Nullable<Text>,
        plan_year -> Nullable<Integer>,
        action -> Text,
        due_on -> Nullable<Date>,
        commercial -> Bool,
        submission_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_subscriptions (id) {
        id -> Text,
        organisation -> Integer,
        url -> Text,
        kinds -> Text,
        secret -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        secret_rotated_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    document_audience (document_id, organisation) {
        document_id -> Text,
        organisation -> Integer,
        actioned_at -> Nullable<Timestamp>,
        actioned_by -> Nullable<Text>,
    }
}

diesel::table! {
    document_files (id) {
        id -> Text,
        document_id -> Text,
        organisation -> Nullable<Integer>,
        file_name -> Text,
        media_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        object_key -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::joinable!(document_audience -> documents (document_id));
diesel::joinable!(document_files -> documents (document_id));
diesel::allow_tables_to_appear_in_same_query!(documents, document_audience, document_files);

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        subscription_id -> Text,
        organisation -> Integer,
        kind -> Text,
        body -> Text,
        created_at -> Timestamp,
        series -> Integer,
        attempts -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        delivered_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_response -> Nullable<Text>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Text,
        delivery_id -> Text,
        series -> Integer,
        attempted_at -> Timestamp,
        duration_ms -> Integer,
        status -> Nullable<Integer>,
        response -> Nullable<Text>,
        error -> Nullable<Text>,
    }
}

diesel::joinable!(webhook_deliveries -> webhook_subscriptions (subscription_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::allow_tables_to_appear_in_same_query!(
    webhook_subscriptions,
    webhook_deliveries,
    webhook_attempts
);

diesel::allow_tables_to_appear_in_same_query!(notices, people);

diesel::table! {
    course_register (organisation, course_code, valid_from) {
        organisation -> Integer,
        course_code -> Text,
        valid_from -> Integer,
        valid_to -> Nullable<Integer>,
        details -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    course_register_history (id) {
        id -> Text,
        organisation -> Integer,
        course_code -> Text,
        seq -> Integer,
        valid_from -> Integer,
        changed_fields -> Text,
        before_details -> Nullable<Text>,
        after_details -> Text,
        change_request_id -> Nullable<Text>,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    qualification_register (qualification_code) {
        qualification_code -> Text,
        title -> Text,
        level -> Integer,
        credits -> Integer,
        award_category -> Text,
        dq37_approved_from -> Nullable<Integer>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    delivery_sites (organisation, site_code) {
        organisation -> Integer,
        site_code -> Text,
        name -> Text,
        address -> Text,
        active_from -> Integer,
        active_to -> Nullable<Integer>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    course_change_requests (id) {
        id -> Text,
        organisation -> Integer,
        submission_id -> Text,
        course_code -> Text,
        year -> Integer,
        kind -> Text,
        changed_fields -> Text,
        current_details -> Nullable<Text>,
        proposed_details -> Text,
        status -> Text,
        submitted_by -> Text,
        submitted_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    commitments (id) {
        id -> Text,
        organisation -> Integer,
        template -> Text,
        fund -> Text,
        plan_year -> Integer,
        due_on -> Date,
        allocation_cents -> Nullable<BigInt>,
        state -> Text,
        next_row -> BigInt,
        provisioned_by -> Text,
        provisioned_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    commitment_rows (commitment_id, row_number) {
        commitment_id -> Text,
        row_number -> BigInt,
        row_values -> Text,
    }
}

diesel::table! {
    commitment_versions (commitment_id, version) {
        commitment_id -> Text,
        version -> Integer,
        rows_json -> Text,
        funded_value_cents -> BigInt,
        unfunded_value_cents -> BigInt,
        allocation_cents -> Nullable<BigInt>,
        warning_count -> Integer,
        submitted_by -> Text,
        submitted_at -> Timestamp,
        decision -> Nullable<Text>,
        decision_comment -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    subject_groupings (funding_category) {
        funding_category -> Text,
        subject_grouping -> Text,
        loaded_by -> Text,
        loaded_at -> Timestamp,
    }
}

diesel::table! {
    funding_rates (fund, plan_year, category, mode) {
        fund -> Text,
        plan_year -> Integer,
        category -> Text,
        mode -> Text,
        rate_cents -> BigInt,
        loaded_by -> Text,
        loaded_at -> Timestamp,
    }
}

diesel::table! {
    insight_facts (organisation, round_id) {
        organisation -> Integer,
        round_id -> Text,
        year -> Integer,
        submission_id -> Text,
        computed_at -> Timestamp,
        facts -> Text,
        learners -> Text,
    }
}

diesel::table! {
    insight_figures (organisation) {
        organisation -> Integer,
        sources -> Text,
        computed_at -> Timestamp,
        figures -> Text,
        epic -> Text,
        training_volumes -> Text,
    }
}

diesel::table! {
    nzqa_results (national_student_number, kind, code) {
        national_student_number -> Integer,
        kind -> Text,
        code -> Text,
        credits -> Integer,
        achieved_on -> Date,
        loaded_by -> Text,
        loaded_at -> Timestamp,
    }
}
