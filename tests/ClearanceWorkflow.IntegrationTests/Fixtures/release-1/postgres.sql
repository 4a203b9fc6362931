--
-- PostgreSQL database dump
--

\restrict rJ6taDrjbpKlabXa5eNoD0rHhhhWCusuobM6SBMXFeAX6OQGp0iq3OmqTK4QK2T

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: __EFMigrationsHistory; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL
);


--
-- Name: audit_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_events (
    "Id" uuid NOT NULL,
    "Sequence" bigint NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Actor" character varying(200) NOT NULL,
    "Action" character varying(64) NOT NULL,
    "CaseId" uuid,
    "Detail" text NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "PreviousHash" character varying(64) NOT NULL
);


--
-- Name: case_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_events (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Sequence" integer NOT NULL,
    "Action" character varying(64) NOT NULL,
    "Actor" character varying(200) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "FromStage" character varying(64) NOT NULL,
    "ToStage" character varying(64) NOT NULL,
    "FromStatus" character varying(64) NOT NULL,
    "ToStatus" character varying(64) NOT NULL
);


--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    "Id" uuid NOT NULL,
    "Reference" character varying(32) NOT NULL,
    "Type" character varying(32) NOT NULL,
    "RequestedLevel" character varying(16) NOT NULL,
    "Sponsor" character varying(200) NOT NULL,
    "SubjectId" character varying(200) NOT NULL,
    "PersonalDataCipher" text NOT NULL,
    "NationalIdIndex" character varying(64) NOT NULL,
    "QuestionnaireCipher" text,
    "QuestionnaireUpdatedAt" timestamp with time zone,
    "WorkflowName" character varying(64) NOT NULL,
    "WorkflowVersion" integer NOT NULL,
    "Stage" character varying(64) NOT NULL,
    "Status" character varying(64) NOT NULL,
    "StageEnteredAt" timestamp with time zone NOT NULL,
    "AssignedAdjudicator" character varying(200),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone,
    "InvestigationClosedAt" timestamp with time zone,
    "InterviewScheduledAt" timestamp with time zone,
    "InterviewLocationCipher" text,
    "InterviewSummaryCipher" text,
    "InterviewCompletedAt" timestamp with time zone,
    "DecisionRationaleCipher" text,
    "ClosedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    "DueAt" timestamp with time zone,
    "Overdue" boolean DEFAULT false NOT NULL
);


--
-- Name: clearances; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.clearances (
    "Id" uuid NOT NULL,
    "SubjectId" character varying(200) NOT NULL,
    "CaseId" uuid NOT NULL,
    "Level" character varying(16) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "GrantedOn" date NOT NULL,
    "InvestigationClosedOn" date NOT NULL,
    "GrantingAgency" character varying(200) NOT NULL,
    "Exception" character varying(16),
    "ExceptionDetailsCipher" text,
    "ReinvestigationDueOn" date NOT NULL,
    "PersonalDataCipher" text NOT NULL,
    "NationalIdIndex" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    "LastReminderDays" integer,
    "ReinvestigationCaseId" uuid
);


--
-- Name: findings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.findings (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Guideline" character varying(1) NOT NULL,
    "Severity" character varying(16) NOT NULL,
    "SummaryCipher" text NOT NULL,
    "Mitigated" boolean NOT NULL,
    "MitigationCipher" text,
    "RecordedBy" character varying(200) NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL
);


--
-- Name: information_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.information_requests (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "QuestionsCipher" text NOT NULL,
    "AnswersCipher" text,
    "RequestedBy" character varying(200) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "AnsweredAt" timestamp with time zone
);


--
-- Name: investigation_checks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.investigation_checks (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Kind" character varying(64) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Attempts" integer NOT NULL,
    "StartedAt" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "SummaryCipher" text,
    "ProviderReference" character varying(200),
    "CompletedBy" character varying(200),
    "Version" integer NOT NULL
);


--
-- Name: outbox_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_messages (
    "Id" uuid NOT NULL,
    "Type" character varying(64) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "DeliveredAt" timestamp with time zone,
    "DeadAt" timestamp with time zone,
    "LastError" character varying(500)
);


--
-- Name: partners; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.partners (
    "Id" uuid NOT NULL,
    "PartnerId" character varying(64) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Country" character varying(2) NOT NULL,
    "Purposes" character varying(1000) NOT NULL,
    "MaxLevel" character varying(16) NOT NULL,
    "AgreementExpiresOn" date NOT NULL,
    "Active" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "DeactivatedAt" timestamp with time zone,
    "Version" integer NOT NULL
);


--
-- Name: qrtz_blob_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_blob_triggers (
    sched_name text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    blob_data bytea
);


--
-- Name: qrtz_calendars; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_calendars (
    sched_name text NOT NULL,
    calendar_name text NOT NULL,
    calendar bytea NOT NULL
);


--
-- Name: qrtz_cron_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_cron_triggers (
    sched_name text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    cron_expression text NOT NULL,
    time_zone_id text
);


--
-- Name: qrtz_execution_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_execution_history (
    sched_name text NOT NULL,
    entry_id text NOT NULL,
    instance_name text NOT NULL,
    job_name text NOT NULL,
    job_group text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    fired_time bigint NOT NULL,
    run_time bigint NOT NULL,
    succeeded boolean NOT NULL,
    error_message text,
    retry_attempt integer DEFAULT 0 NOT NULL,
    retry_scheduled boolean DEFAULT false NOT NULL,
    execution_log text,
    result integer,
    summary text,
    metrics text,
    manual boolean,
    fire_instance_id text,
    job_input text,
    job_input_too_large boolean
);


--
-- Name: qrtz_fired_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_fired_triggers (
    sched_name text NOT NULL,
    entry_id text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    instance_name text NOT NULL,
    fired_time bigint NOT NULL,
    sched_time bigint NOT NULL,
    priority integer NOT NULL,
    state text NOT NULL,
    job_name text,
    job_group text,
    is_nonconcurrent boolean NOT NULL,
    requests_recovery boolean,
    execution_group character varying(200),
    progress integer,
    progress_message character varying(250),
    interrupt_requested_time bigint
);


--
-- Name: qrtz_job_details; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_job_details (
    sched_name text NOT NULL,
    job_name text NOT NULL,
    job_group text NOT NULL,
    description text,
    job_class_name text NOT NULL,
    is_durable boolean NOT NULL,
    is_nonconcurrent boolean NOT NULL,
    is_update_data boolean NOT NULL,
    requests_recovery boolean NOT NULL,
    job_data bytea
);


--
-- Name: qrtz_job_status; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_job_status (
    sched_name text NOT NULL,
    job_group text NOT NULL,
    job_name text NOT NULL,
    first_fired_time bigint NOT NULL,
    last_fired_time bigint NOT NULL,
    last_result integer NOT NULL,
    last_run_time bigint NOT NULL,
    last_instance_name text NOT NULL,
    last_entry_id text,
    last_summary text,
    last_success_time bigint,
    last_failure_time bigint,
    last_failure_message text,
    consecutive_failures integer DEFAULT 0 NOT NULL,
    run_count bigint DEFAULT 0 NOT NULL,
    failure_count bigint DEFAULT 0 NOT NULL
);


--
-- Name: qrtz_locks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_locks (
    sched_name text NOT NULL,
    lock_name text NOT NULL
);


--
-- Name: qrtz_misfire_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_misfire_history (
    sched_name text NOT NULL,
    entry_id text NOT NULL,
    instance_name text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    job_name text,
    job_group text,
    misfire_time bigint NOT NULL,
    sched_time bigint,
    reason integer
);


--
-- Name: qrtz_paused_job_grps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_paused_job_grps (
    sched_name text NOT NULL,
    job_group text NOT NULL,
    pause_reason character varying(250),
    paused_by character varying(200),
    paused_at bigint
);


--
-- Name: qrtz_paused_trigger_grps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_paused_trigger_grps (
    sched_name text NOT NULL,
    trigger_group text NOT NULL,
    pause_reason character varying(250),
    paused_by character varying(200),
    paused_at bigint
);


--
-- Name: qrtz_scheduler_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_scheduler_state (
    sched_name text NOT NULL,
    instance_name text NOT NULL,
    last_checkin_time bigint NOT NULL,
    checkin_interval bigint NOT NULL,
    quartz_version character varying(20)
);


--
-- Name: qrtz_simple_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_simple_triggers (
    sched_name text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    repeat_count bigint NOT NULL,
    repeat_interval bigint NOT NULL,
    times_triggered bigint NOT NULL
);


--
-- Name: qrtz_simprop_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_simprop_triggers (
    sched_name text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    str_prop_1 text,
    str_prop_2 text,
    str_prop_3 text,
    int_prop_1 integer,
    int_prop_2 integer,
    long_prop_1 bigint,
    long_prop_2 bigint,
    dec_prop_1 numeric,
    dec_prop_2 numeric,
    bool_prop_1 boolean,
    bool_prop_2 boolean,
    time_zone_id text
);


--
-- Name: qrtz_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qrtz_triggers (
    sched_name text NOT NULL,
    trigger_name text NOT NULL,
    trigger_group text NOT NULL,
    job_name text NOT NULL,
    job_group text NOT NULL,
    description text,
    next_fire_time bigint,
    prev_fire_time bigint,
    priority integer,
    trigger_state text NOT NULL,
    trigger_type text NOT NULL,
    start_time bigint NOT NULL,
    end_time bigint,
    calendar_name text,
    misfire_instr smallint,
    misfire_orig_fire_time bigint,
    execution_group character varying(200),
    preferred_node character varying(200),
    preferred_node_auto boolean DEFAULT false NOT NULL,
    retry_policy character varying(250),
    retry_attempt integer,
    continues_trigger_name text,
    continues_trigger_group text,
    continuation_condition integer,
    overlap_policy integer,
    pause_reason character varying(250),
    paused_by character varying(200),
    paused_at bigint,
    misfire_threshold bigint,
    fixed_delay boolean,
    job_data bytea
);


--
-- Name: scheduled_work; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduled_work (
    "Id" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "CaseId" uuid NOT NULL,
    "Name" character varying(64) NOT NULL,
    "RunAt" timestamp with time zone,
    "StageEnteredAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL
);


--
-- Data for Name: __EFMigrationsHistory; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261123000000_InitialSchema', '10.0.15');
INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261123010000_TimersRemindersOutbox', '10.0.15');
INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261124000000_PartnersAndAgreements', '10.0.15');


--
-- Data for Name: audit_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('328d4cc4-b7ee-4a63-8f99-8c892ab1c850', 1, '2016-11-29 08:56:38.081331+00', 'subj-oldham', 'case.apply', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","type":"Initial","level":"Secret","workflow":"clearance.v1"}', '8093a433cf55466a291a7101d6e496a616e43b65e326659c5bbe2f38962cf166', '0000000000000000000000000000000000000000000000000000000000000000');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('20c944da-edd0-4fda-849b-e61ab3c9162d', 2, '2016-11-29 08:56:40.675283+00', 'subj-oldham', 'case.questionnaire-updated', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001"}', '7cb2806da4ebb48e88587b0701607d20d50dff3840c81d8ee9bd8eaba185b7d9', '8093a433cf55466a291a7101d6e496a616e43b65e326659c5bbe2f38962cf166');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('197ecce6-4f29-4d8d-982c-4fa7d62f70ed', 3, '2016-11-29 08:56:40.991538+00', 'subj-oldham', 'case.submit', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '7c0f2b37f52446754a9739558214a6c9fc32894a7c8b3908f2dda943d7075532', '7cb2806da4ebb48e88587b0701607d20d50dff3840c81d8ee9bd8eaba185b7d9');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('d9b0103a-fdc8-4ba4-a365-cc0893831ada', 4, '2016-11-29 08:56:41.161126+00', 'ivan-fixture', 'investigation.viewed', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001"}', '693c2dd19410029c5652b6e36f8a1b12e5c99304a9677a52e7d5c7fc89152f55', '7c0f2b37f52446754a9739558214a6c9fc32894a7c8b3908f2dda943d7075532');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3b452d5b-e2d1-4dd9-9550-1b4060afc21d', 5, '2016-11-29 08:56:41.284666+00', 'ivan-fixture', 'check.result', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","kind":"credit","outcome":"Clear","attempts":0}', '2376c255423fa9cafff5f94177f4d9ce7e4685e9b9a86276795aaad7a745f732', '693c2dd19410029c5652b6e36f8a1b12e5c99304a9677a52e7d5c7fc89152f55');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('52385858-0529-4cb0-8fb2-dc18ba7b6efb', 6, '2016-11-29 08:56:41.346056+00', 'ivan-fixture', 'check.result', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","kind":"criminal","outcome":"Clear","attempts":0}', '53c815e72baf60418cd8edff18221faf951dd306783eb15a9cbb9de3b0a6f0ef', '2376c255423fa9cafff5f94177f4d9ce7e4685e9b9a86276795aaad7a745f732');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('5d37fc00-e9dc-4fd7-b95c-08a9d6fc5d5a', 7, '2016-11-29 08:56:41.459882+00', 'ivan-fixture', 'check.result', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","kind":"education","outcome":"Clear","attempts":0}', '668e9411b4d1eccbcbe526a8301c148b07fb846df87dea261629521a92efb3b1', '53c815e72baf60418cd8edff18221faf951dd306783eb15a9cbb9de3b0a6f0ef');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3bac6878-f985-49ea-88ef-a34c1d638077', 8, '2016-11-29 08:56:41.511092+00', 'ivan-fixture', 'check.result', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","kind":"employment","outcome":"Clear","attempts":0}', '70e1e16ab1bd44ef08680a29ae11d021a4a2cf77a3dd5c1f0fded5ea0d39e405', '668e9411b4d1eccbcbe526a8301c148b07fb846df87dea261629521a92efb3b1');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4d6beaf1-e7c8-4c36-ae98-cdb14500dc59', 10, '2016-11-29 08:56:41.538722+00', 'system', 'case.complete-investigation', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', 'ef29d5cf1eae15573376142d7fe91126f3707b97a99451e31ecf308e53406699', 'badd852530ef6a350987fa4d7d4f5941c2d1f3d17f1c13115085de3a5e7c1477');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4fc22ceb-3c69-4b6f-b708-8b6c1d053190', 9, '2016-11-29 08:56:41.536412+00', 'ivan-fixture', 'check.result', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","kind":"identity","outcome":"Clear","attempts":0}', 'badd852530ef6a350987fa4d7d4f5941c2d1f3d17f1c13115085de3a5e7c1477', '70e1e16ab1bd44ef08680a29ae11d021a4a2cf77a3dd5c1f0fded5ea0d39e405');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('bf35714d-8716-4f01-bbbe-de8e6269d005', 11, '2016-11-29 08:56:41.653837+00', 'adam-fixture', 'case.claim', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '49fc957cbfe9f4c237b8bdb53d00c95e45feb203b42c02706cf4bf41bced67f1', 'ef29d5cf1eae15573376142d7fe91126f3707b97a99451e31ecf308e53406699');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3737170c-cd88-4c0a-ba75-07a5a74957d8', 12, '2016-11-29 08:56:41.707699+00', 'adam-fixture', 'case.refer-to-decision', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","workflow":"clearance.v1","fromStage":"review","toStage":"decision","fromStatus":"InProgress","toStatus":"InProgress"}', '7b3cb36bd3771a7e2edea0615d758e9c7ffae242cb058a4488c5a6104fd58122', '49fc957cbfe9f4c237b8bdb53d00c95e45feb203b42c02706cf4bf41bced67f1');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8028aa3f-a842-4183-83ea-995cf979df10', 13, '2016-11-29 08:56:42.057388+00', 'adam-fixture', 'case.grant', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', '{"reference":"CW-2016-000001","workflow":"clearance.v1","fromStage":"decision","toStage":"closed","fromStatus":"InProgress","toStatus":"Granted"}', '5cac6cea7f82ca877c7a90fab06047a30878df6c97a0f989d485c2edb6993a01', '7b3cb36bd3771a7e2edea0615d758e9c7ffae242cb058a4488c5a6104fd58122');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3c2d3a34-64c8-498b-923c-dda981151e6c', 14, '2016-11-29 08:56:42.260897+00', 'subj-late', 'case.apply', 'a41ba63f-a445-48df-be13-78a3739db58c', '{"reference":"CW-2016-000002","type":"Initial","level":"Confidential","workflow":"clearance.v1"}', 'ee109c2874d06d246a0f2f75c3ed12ace7c3abf4cb39cbd91a86c5fb50318196', '5cac6cea7f82ca877c7a90fab06047a30878df6c97a0f989d485c2edb6993a01');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3b9b36ee-8aef-4275-87ca-9f78d01a3dd8', 15, '2026-11-29 08:56:46.784803+00', 'subj-appleby', 'case.apply', '24fc1aeb-d3fd-487d-a8b4-26eca931f2cd', '{"reference":"CW-2026-000001","type":"Initial","level":"Confidential","workflow":"clearance.v1"}', '3db6d11272ebfb9ae56cc482818ac5de4c5166154ef53e914a829e1ebf4c8ba7', 'ee109c2874d06d246a0f2f75c3ed12ace7c3abf4cb39cbd91a86c5fb50318196');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('d7954512-505d-4737-afde-ebbd990b3d10', 16, '2026-11-29 08:56:46.952649+00', 'subj-quinn', 'case.apply', '144fb87a-6f0a-40a8-9125-639c2c844e95', '{"reference":"CW-2026-000002","type":"Initial","level":"Secret","workflow":"clearance.v1"}', '14fe8d6d2c86ab8c011b914e19eed4fef4bb3563ed04b1678880103256f5bf4a', '3db6d11272ebfb9ae56cc482818ac5de4c5166154ef53e914a829e1ebf4c8ba7');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('e616016a-6fe1-4f15-b7dc-480d32764ce7', 17, '2026-11-29 08:56:47.064906+00', 'system', 'case.sla-breached', 'a41ba63f-a445-48df-be13-78a3739db58c', '{"reference":"CW-2016-000002","stage":"application","dueAt":"2016-12-29T08:56:42.241229Z"}', '6e39115f7659c2408cadc394027fa9f1e2daf2924b2dd2a34d081872c52fd0f2', '14fe8d6d2c86ab8c011b914e19eed4fef4bb3563ed04b1678880103256f5bf4a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3a493a15-37a6-479e-8e8c-51612fd76e9a', 18, '2026-11-29 08:56:47.118967+00', 'subj-quinn', 'case.questionnaire-updated', '144fb87a-6f0a-40a8-9125-639c2c844e95', '{"reference":"CW-2026-000002"}', '13d1e74c58e3aa4c75f21440a71e28968a2698c5fcc56afae9033c065864d351', '6e39115f7659c2408cadc394027fa9f1e2daf2924b2dd2a34d081872c52fd0f2');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('aa7a28f2-4b4e-4a92-8779-11d56722afb9', 19, '2026-11-29 08:56:47.147602+00', 'subj-backer', 'case.apply', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', '{"reference":"CW-2026-000003","type":"Initial","level":"Secret","workflow":"clearance.v1"}', '16d6ea23178aae96b4e27513763da7ad4d8955acbe9b7d803f081a26d8499b6c', '13d1e74c58e3aa4c75f21440a71e28968a2698c5fcc56afae9033c065864d351');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('0910f53a-4b8c-4ff7-b875-0443fb5f904c', 20, '2026-11-29 08:56:47.259786+00', 'subj-backer', 'case.questionnaire-updated', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', '{"reference":"CW-2026-000003"}', '36f1e0b2c09442c7e33ea408d4b68efbd3018b3626612687cca9bb1fde12d6f3', '16d6ea23178aae96b4e27513763da7ad4d8955acbe9b7d803f081a26d8499b6c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('14b6df45-29c3-4338-aba1-814cbb9bb7fb', 21, '2026-11-29 08:56:47.282995+00', 'subj-backer', 'case.submit', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', '{"reference":"CW-2026-000003","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '51b5d3f833b1d8d894643f52a1a897a3454de99e832ed07fbf555016c376de16', '36f1e0b2c09442c7e33ea408d4b68efbd3018b3626612687cca9bb1fde12d6f3');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('dd78dcb3-7fcd-4aaf-b605-a80d29e37c46', 22, '2026-11-29 08:56:47.327823+00', 'ivan-fixture', 'check.result', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', '{"reference":"CW-2026-000003","kind":"identity","outcome":"Clear","attempts":0}', 'cf5d7fad9e846fe35eaee3d019cbe629691efd4d03e642d98947ab8429d3f35b', '51b5d3f833b1d8d894643f52a1a897a3454de99e832ed07fbf555016c376de16');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('f754098c-a832-4f1a-92a8-879dbab83e8a', 23, '2026-11-29 08:56:47.342083+00', 'ivan-fixture', 'check.result', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', '{"reference":"CW-2026-000003","kind":"credit","outcome":"Flagged","attempts":0}', '4d6577808669b9c458f090879396930441d48c28fa24215af11de1cd3bb421df', 'cf5d7fad9e846fe35eaee3d019cbe629691efd4d03e642d98947ab8429d3f35b');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6b37b85c-0427-4dc5-a5d8-297874636b69', 24, '2026-11-29 08:56:47.421331+00', 'subj-revere', 'case.apply', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","type":"Initial","level":"Secret","workflow":"clearance.v1"}', '2a051f77e8888f2d718eea43c7eb222d2164da62d9d637d2e9bc699f9e7d5139', '4d6577808669b9c458f090879396930441d48c28fa24215af11de1cd3bb421df');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('357977cd-830b-4ac1-9c61-9b582b4d27ce', 25, '2026-11-29 08:56:47.475077+00', 'subj-revere', 'case.questionnaire-updated', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004"}', '7da38ddd4ef96a29f993c1703461ca916e0c2baeb252f0dba41ae3b5cef0094c', '2a051f77e8888f2d718eea43c7eb222d2164da62d9d637d2e9bc699f9e7d5139');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3cf27950-7442-457b-89a0-cebb5d35983d', 29, '2026-11-29 08:56:47.563924+00', 'ivan-fixture', 'check.result', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","kind":"criminal","outcome":"Clear","attempts":0}', '26a3c0e83c7656052e79e732d8461bf8bc048f24010b91d60293281c85f45f0f', '68debce436f27d3a4cd21ec7bec8e3ff13319a90c309fd339c0b11703f6d2f93');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('978e3331-e948-4e8d-bde5-33e7ad88e512', 38, '2026-11-29 08:56:48.148143+00', 'subj-inman', 'case.questionnaire-updated', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005"}', 'cf4551068c49be35a291ca4805e5a4c27165b1cc88ad26228eb910871bb9243a', 'd1e454e28087939a9aaaa52007a879fb0feedfad2fc5679d33d9561869945c8d');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('c4ffd5b9-fef5-42c1-b036-d3587592a145', 44, '2026-11-29 08:56:48.591093+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"employment","outcome":"Clear","attempts":0}', 'bd6d8d25b13beb3e88d734cc98873b7e6553f92f2a8734712aa20ad1aa749ddd', '45228e46d419b175a3d35a8e818e975c46a6492cfb577647ff49341e0cefa49b');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('e0effc7c-b903-4ffb-b7bf-854c754cd12b', 50, '2026-11-29 08:56:48.717332+00', 'system', 'case.complete-investigation', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', 'fab2fb2bd0d2a37d6b7c17fc63628aba5c4ec398a2c4e2d1cce6758e5fbde194', 'e146625a0b1c50019cc7d1502aed32c4a3832e5e6f662d720ddf073fa3f3bf1f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('eca2954f-b6a1-4082-bd35-478a731b26de', 49, '2026-11-29 08:56:48.71685+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"residence","outcome":"Clear","attempts":0}', 'e146625a0b1c50019cc7d1502aed32c4a3832e5e6f662d720ddf073fa3f3bf1f', '31db4dccb5c1edfc99d97b221e5086d5a8a077275e275cc56ef8fd890ad51135');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8ee35357-449b-42cb-a129-a6f3fcfa1731', 51, '2026-11-29 08:56:48.774783+00', 'adam-fixture', 'case.claim', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '568736fd3a317332398facc7c80629e5325aa9e5d652ac93a05aa3e1ed3437b3', 'fab2fb2bd0d2a37d6b7c17fc63628aba5c4ec398a2c4e2d1cce6758e5fbde194');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8da09e2b-c194-47bd-81a3-5ca35e85c912', 26, '2026-11-29 08:56:47.486749+00', 'subj-revere', 'case.submit', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '963f06f7a97ed1832d3b74bd194aa4a3461a9b042c2d0edcd4e457d9e3c153f2', '7da38ddd4ef96a29f993c1703461ca916e0c2baeb252f0dba41ae3b5cef0094c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6298cae5-679e-42c4-b540-7ff1e6e1878a', 27, '2026-11-29 08:56:47.534027+00', 'ivan-fixture', 'investigation.viewed', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004"}', '4fc1a2607b7625d15ca4af9abebd6e15e062f23fb8933d82660339b5d13a2d9e', '963f06f7a97ed1832d3b74bd194aa4a3461a9b042c2d0edcd4e457d9e3c153f2');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('c73ddc11-a7f7-4958-a29e-ff196bfd8607', 30, '2026-11-29 08:56:47.573657+00', 'ivan-fixture', 'check.result', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","kind":"education","outcome":"Clear","attempts":0}', '84b00e1b32bd7be93f6f46c149e94ed12c3ac9243336ecfacc4d4040844f6363', '26a3c0e83c7656052e79e732d8461bf8bc048f24010b91d60293281c85f45f0f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('a0d0c107-c89a-4fa9-b895-afb6171a1ad1', 34, '2026-11-29 08:56:47.732865+00', 'adam-fixture', 'case.claim', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '23ce5575b3516d079a4dea635288b3bff1044b7734d5de5412e982f8f21957d0', '08db18843e088debe0ed11ff44c6e98f4d6c9ab0632b03ea50290dcd361be293');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('002cfe3f-2384-4edc-b6a6-e6e83c0ddc22', 35, '2026-11-29 08:56:47.836316+00', 'adam-fixture', 'finding.recorded', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","findingId":"6a5b1576-37b2-4637-a263-395d33930d4a","guideline":"F","severity":"Moderate","mitigated":true}', 'f9520f008a5b51503bc68942c5141009634c7ec475dcdd2d10568feddc02e2b8', '23ce5575b3516d079a4dea635288b3bff1044b7734d5de5412e982f8f21957d0');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('08b8f516-dea4-4e96-a923-68a88988977e', 37, '2026-11-29 08:56:48.082987+00', 'subj-inman', 'case.apply', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","type":"Initial","level":"TopSecret","workflow":"clearance.v1"}', 'd1e454e28087939a9aaaa52007a879fb0feedfad2fc5679d33d9561869945c8d', '17549ae8d97f284966b18e9dcd28c2019c43739e10fae82e8cd4e35498fa7a8f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8f099023-edd8-43e1-859d-89f4a2731e29', 41, '2026-11-29 08:56:48.468398+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"credit","outcome":"Clear","attempts":0}', '33b5c1fceb18b4cccb34ee3584dad073d8e94bea47095ec837716c1a638c78db', 'c7de5f1d46f4ec66e2d1499899e6b17ffa275d9d8e5964f60d14dd804b491cde');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9756a9fd-d8d5-4ccf-90ef-ad1e21991d33', 43, '2026-11-29 08:56:48.554727+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"education","outcome":"Clear","attempts":0}', '45228e46d419b175a3d35a8e818e975c46a6492cfb577647ff49341e0cefa49b', 'cd67c0688df38f4d5420d25e358f06931ec13e599a0f2e19a9314fe532b39e6c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('f70ccea7-11ac-4fe6-bd53-8a5d7798f2f4', 45, '2026-11-29 08:56:48.611922+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"foreign-contacts","outcome":"Clear","attempts":0}', '9fe040875f8e77f6cc03e1574030b9698647ca02098628505c935478743f5ffe', 'bd6d8d25b13beb3e88d734cc98873b7e6553f92f2a8734712aa20ad1aa749ddd');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6570c447-5f3a-4588-a306-7b40e1b52550', 48, '2026-11-29 08:56:48.691251+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"references","outcome":"Clear","attempts":0}', '31db4dccb5c1edfc99d97b221e5086d5a8a077275e275cc56ef8fd890ad51135', 'df6ce0b6332016e311362a21ad316469d7efc8c5fc43afda88d9777b8852ddb4');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8e166279-7042-4334-8116-cdef0f0487fe', 28, '2026-11-29 08:56:47.555791+00', 'ivan-fixture', 'check.result', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","kind":"credit","outcome":"Clear","attempts":0}', '68debce436f27d3a4cd21ec7bec8e3ff13319a90c309fd339c0b11703f6d2f93', '4fc1a2607b7625d15ca4af9abebd6e15e062f23fb8933d82660339b5d13a2d9e');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('b9258026-84c3-44ae-af2d-b1df3b0423be', 31, '2026-11-29 08:56:47.588842+00', 'ivan-fixture', 'check.result', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","kind":"employment","outcome":"Clear","attempts":0}', 'eaf641b66d23ea1dde9412ddd43f686f1c9a212f616fb8d9e56c9c93c358d565', '84b00e1b32bd7be93f6f46c149e94ed12c3ac9243336ecfacc4d4040844f6363');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('c877730c-dae2-491f-9e1c-0d9598369ef2', 36, '2026-11-29 08:56:47.982388+00', 'adam-fixture', 'case.request-information', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"AwaitingApplicant"}', '17549ae8d97f284966b18e9dcd28c2019c43739e10fae82e8cd4e35498fa7a8f', 'f9520f008a5b51503bc68942c5141009634c7ec475dcdd2d10568feddc02e2b8');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('5af1c20b-b1f5-4197-a628-6957ef927e8a', 39, '2026-11-29 08:56:48.184509+00', 'subj-inman', 'case.submit', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '361e02fce0a294b74d7418b4e95a1c964db3427accf7d0f27e35b8ad2faca0fc', 'cf4551068c49be35a291ca4805e5a4c27165b1cc88ad26228eb910871bb9243a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('5de34279-cb44-47b9-8ae0-ecad4db6d323', 46, '2026-11-29 08:56:48.666884+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"foreign-travel","outcome":"Clear","attempts":0}', '7e547d6db2878386564adc02d06553b493c300aca65baa37a8380643dfbe86ff', '9fe040875f8e77f6cc03e1574030b9698647ca02098628505c935478743f5ffe');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9d6a105e-3714-4859-8942-0844a769f42d', 33, '2026-11-29 08:56:47.632036+00', 'system', 'case.complete-investigation', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '08db18843e088debe0ed11ff44c6e98f4d6c9ab0632b03ea50290dcd361be293', '9547bdd580eb5bfc38809b41602d8eb69c46a75daa145005ee1a5271cea7a784');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('fb5dd52b-0977-4a4f-a617-455a8ceeb10a', 32, '2026-11-29 08:56:47.630221+00', 'ivan-fixture', 'check.result', '218d1894-58fb-417c-9f52-6ff91625282c', '{"reference":"CW-2026-000004","kind":"identity","outcome":"Clear","attempts":0}', '9547bdd580eb5bfc38809b41602d8eb69c46a75daa145005ee1a5271cea7a784', 'eaf641b66d23ea1dde9412ddd43f686f1c9a212f616fb8d9e56c9c93c358d565');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('e11ba682-49a6-4c15-89a2-ef1061ebc77d', 40, '2026-11-29 08:56:48.411263+00', 'ivan-fixture', 'investigation.viewed', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005"}', 'c7de5f1d46f4ec66e2d1499899e6b17ffa275d9d8e5964f60d14dd804b491cde', '361e02fce0a294b74d7418b4e95a1c964db3427accf7d0f27e35b8ad2faca0fc');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('f2958105-a98d-4915-910d-8de7f4f8316e', 42, '2026-11-29 08:56:48.527573+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"criminal","outcome":"Clear","attempts":0}', 'cd67c0688df38f4d5420d25e358f06931ec13e599a0f2e19a9314fe532b39e6c', '33b5c1fceb18b4cccb34ee3584dad073d8e94bea47095ec837716c1a638c78db');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8c3dc085-0861-426c-a336-c7de27f506b1', 47, '2026-11-29 08:56:48.678914+00', 'ivan-fixture', 'check.result', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","kind":"identity","outcome":"Clear","attempts":0}', 'df6ce0b6332016e311362a21ad316469d7efc8c5fc43afda88d9777b8852ddb4', '7e547d6db2878386564adc02d06553b493c300aca65baa37a8380643dfbe86ff');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('1a9dd5c3-ad57-4ad4-8723-a5045930e42f', 52, '2026-11-29 08:56:48.883402+00', 'adam-fixture', 'case.schedule-interview', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', '{"reference":"CW-2026-000005","workflow":"clearance.v1","fromStage":"review","toStage":"interview","fromStatus":"InProgress","toStatus":"InProgress"}', '0b036a54df6693de1b240574dd0408a9987835ff4a0d6e7f6e61116d7b24adec', '568736fd3a317332398facc7c80629e5325aa9e5d652ac93a05aa3e1ed3437b3');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('07db5381-7b7e-4e40-87db-b91910b8023c', 53, '2026-11-29 08:56:48.915484+00', 'subj-decker', 'case.apply', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","type":"Initial","level":"Secret","workflow":"clearance.v1"}', '604ce6301a66908003b718a3126a44836cf7163b50e77401d440674737c1444b', '0b036a54df6693de1b240574dd0408a9987835ff4a0d6e7f6e61116d7b24adec');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4d81a0b9-1586-4b80-901e-7543d4c5dac5', 54, '2026-11-29 08:56:48.999401+00', 'subj-decker', 'case.questionnaire-updated', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006"}', '1c5f54034903ba34d06d31b11ebb7ee169ad49e1148e573aeee274b6070462fc', '604ce6301a66908003b718a3126a44836cf7163b50e77401d440674737c1444b');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9041fa0e-fd47-4bf2-8cc1-b51192527633', 55, '2026-11-29 08:56:49.011126+00', 'subj-decker', 'case.submit', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '03fe4f5a9553b31cb351008272f533c1ff99d81b740483750d5cffb92cb81d15', '1c5f54034903ba34d06d31b11ebb7ee169ad49e1148e573aeee274b6070462fc');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('fc91d866-98fc-42df-ba94-125dff62182e', 56, '2026-11-29 08:56:49.03913+00', 'ivan-fixture', 'investigation.viewed', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006"}', '2d5c93fd5d0b4039ef21eafc1306a3ed5fe9fdd49282b1352d83caa0b92f7b29', '03fe4f5a9553b31cb351008272f533c1ff99d81b740483750d5cffb92cb81d15');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('0d5d5dcf-7918-49cf-9f98-84f4459fb869', 57, '2026-11-29 08:56:49.052089+00', 'ivan-fixture', 'check.result', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","kind":"credit","outcome":"Clear","attempts":0}', '223b027c6dc00cc102fa25c0842aa0a549d924ccf0108ee495b0e2047a12b3f3', '2d5c93fd5d0b4039ef21eafc1306a3ed5fe9fdd49282b1352d83caa0b92f7b29');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9f127cee-8ad2-43ca-a0c3-d8e49f2c6f25', 58, '2026-11-29 08:56:49.063958+00', 'ivan-fixture', 'check.result', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","kind":"criminal","outcome":"Clear","attempts":0}', 'e181486fc104b1a804c3486f6e45e2df2009d7bfaee5e86e7f23528ce3a6e31a', '223b027c6dc00cc102fa25c0842aa0a549d924ccf0108ee495b0e2047a12b3f3');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('cbdf2814-76f3-4950-8d4d-c3e02f0c1083', 59, '2026-11-29 08:56:49.077297+00', 'ivan-fixture', 'check.result', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","kind":"education","outcome":"Clear","attempts":0}', '61789520411abdf950be0326f15b3a4e060c692a8cd00bf9c224bd14bc63b6bf', 'e181486fc104b1a804c3486f6e45e2df2009d7bfaee5e86e7f23528ce3a6e31a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('e9612b55-d5ec-477f-9a5b-71c6906e187f', 60, '2026-11-29 08:56:49.089038+00', 'ivan-fixture', 'check.result', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","kind":"employment","outcome":"Clear","attempts":0}', 'c8afc29594b23d55fcdb0d61673008293d710ee76aef7e5689cad3039417908e', '61789520411abdf950be0326f15b3a4e060c692a8cd00bf9c224bd14bc63b6bf');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('847c28e5-5a69-4513-bfec-9ccc22ec11de', 61, '2026-11-29 08:56:49.124639+00', 'ivan-fixture', 'check.result', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","kind":"identity","outcome":"Clear","attempts":0}', '0d51d8641d2df00a0fa4f6713ff5e7936bc3321a1b647ae515147d0b6ae60e31', 'c8afc29594b23d55fcdb0d61673008293d710ee76aef7e5689cad3039417908e');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('c6cce39e-0a08-4036-8742-8f884c9cc133', 62, '2026-11-29 08:56:49.129796+00', 'system', 'case.complete-investigation', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '711ac8fbb663826e3912a7fefd83e1d3d04789ed6a89755270ff23d531984bd8', '0d51d8641d2df00a0fa4f6713ff5e7936bc3321a1b647ae515147d0b6ae60e31');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('fa4ff8d0-461e-464d-bdb0-e1a7fe6db1ba', 63, '2026-11-29 08:56:49.304256+00', 'adam-fixture', 'case.claim', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '1affbf6335eb59c4962c6c7a3d7aff18ddfa03ec58b17599aed795f8f04c4eae', '711ac8fbb663826e3912a7fefd83e1d3d04789ed6a89755270ff23d531984bd8');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('0db9ff94-a992-4693-92ce-9e59f88699fd', 64, '2026-11-29 08:56:49.323968+00', 'adam-fixture', 'case.refer-to-decision', '76d89385-cb2e-4c28-9bac-0be3d912ad46', '{"reference":"CW-2026-000006","workflow":"clearance.v1","fromStage":"review","toStage":"decision","fromStatus":"InProgress","toStatus":"InProgress"}', '5d69568bf706caa3224a96d982d29db9474325e1f0c97f2fe705aa50e850afac', '1affbf6335eb59c4962c6c7a3d7aff18ddfa03ec58b17599aed795f8f04c4eae');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('627e4851-cc67-4d01-9f02-b14d9b3dc0a3', 65, '2026-11-29 08:56:49.363822+00', 'subj-dennis', 'case.apply', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","type":"Initial","level":"Secret","workflow":"clearance.v1"}', '3a6400062fd6a8cfa1d845c4969c82826557161f5cfa54d4cdee4040f072719c', '5d69568bf706caa3224a96d982d29db9474325e1f0c97f2fe705aa50e850afac');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8e8093d9-f59f-4a8b-9f30-8e5524bf0501', 66, '2026-11-29 08:56:49.402622+00', 'subj-dennis', 'case.questionnaire-updated', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007"}', 'fa1b8ed8d0e277e0d3b60b448fd56451c40b84e0aceb69626bd2e4544909d286', '3a6400062fd6a8cfa1d845c4969c82826557161f5cfa54d4cdee4040f072719c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('1ed513dd-dd12-4017-8d65-75c0c495b971', 67, '2026-11-29 08:56:49.413524+00', 'subj-dennis', 'case.submit', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', 'b8c09a90347072db9d497cb0072f7f609f464564a6fd8c43c715c86d5aa10918', 'fa1b8ed8d0e277e0d3b60b448fd56451c40b84e0aceb69626bd2e4544909d286');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('15674a2b-9956-4359-ace6-a84ec1b0a028', 68, '2026-11-29 08:56:49.442747+00', 'ivan-fixture', 'investigation.viewed', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007"}', '218710fd9769b56202838e34a4ff542a7302715f8b449ded555b9a5bf182a7d8', 'b8c09a90347072db9d497cb0072f7f609f464564a6fd8c43c715c86d5aa10918');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4d9dc65a-1141-4eab-b797-8c6a7534e400', 69, '2026-11-29 08:56:49.470519+00', 'ivan-fixture', 'check.result', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","kind":"credit","outcome":"Clear","attempts":0}', '2e4dbc794508076c8e9e1fdff5918838793f7a4dc4be15a0ee484e1102db44de', '218710fd9769b56202838e34a4ff542a7302715f8b449ded555b9a5bf182a7d8');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6a5fc03c-2f48-40e1-8d30-13a7ee7d8318', 70, '2026-11-29 08:56:49.488767+00', 'ivan-fixture', 'check.result', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","kind":"criminal","outcome":"Clear","attempts":0}', 'fcecc2340438810111753c561c31164b67406cc9796c7f71a8a46628545169b3', '2e4dbc794508076c8e9e1fdff5918838793f7a4dc4be15a0ee484e1102db44de');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('ac3231c1-eb97-418d-bb77-34cfb769cfb6', 71, '2026-11-29 08:56:49.506534+00', 'ivan-fixture', 'check.result', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","kind":"education","outcome":"Clear","attempts":0}', '1a985ab71a5d7e3cc5fac934a2376801db16b8a8d5ad1ee587274e3ec86d4096', 'fcecc2340438810111753c561c31164b67406cc9796c7f71a8a46628545169b3');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4cf339b2-6171-494c-a9fb-4beb25c202c5', 75, '2026-11-29 08:56:49.719163+00', 'sara-fixture', 'case.claim', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '4c9ec6bea2f6c9d227580780e648f2258532ad255142b08b79c6696782209373', 'e670cab0443bf11b4ab3b6ab645e147291de4dd9990e4f8f802a131067dc8774');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('820d548a-f07a-4af0-9139-83c7ec360cc2', 80, '2026-11-29 08:56:49.996637+00', 'subj-grant', 'case.apply', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","type":"Initial","level":"Secret","workflow":"clearance.v1"}', 'c618298ceadda985dc2b76c30fa4152a2cbe7e9cbec553d9440bd71a1f7b2136', '6b766b4f538b1b0910f84defc692668fefd1e3c81e29426b44ebb4021d19d0e8');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('2cc5abed-8c29-49f6-b79b-4ab0b96d8bc8', 87, '2026-11-29 08:56:50.330389+00', 'ivan-fixture', 'check.result', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","kind":"employment","outcome":"Clear","attempts":0}', '908f9f6cd30c3299b86511216c2574ea2f571dfc54ef3225f386cbf72ee64c76', '5684b19e4e2f1c7169f7f58e10cb6d115014c7f0e5bc555586d7538c25392586');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('7fb7d649-36cf-4c21-be36-372a2090419e', 90, '2026-11-29 08:56:50.539866+00', 'adam-fixture', 'case.claim', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', 'cdbf5c36213c3ae5281b4cfc85b98b6706150c8727ab6d0aea393283a4c79180', '1fd4999a96f3ed7d78c56b45ace3b6f59e03d1b3029dc5df26361fe20a01292f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('a8f5356a-be3a-4177-aaa0-e56384f02982', 92, '2026-11-29 08:56:50.776653+00', 'adam-fixture', 'case.grant', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","workflow":"clearance.v1","fromStage":"decision","toStage":"closed","fromStatus":"InProgress","toStatus":"Granted"}', 'c43f5a5e59b27a260f23f8bf3630fdbead831244f6ed02bab272b93061c8e162', '3563771cc669afaf1c06bd46a1c9d427b2d02af4d9a4203118993eac0548483b');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('d58f474d-cb46-4a17-ab56-6f097ed866d5', 93, '2026-11-29 08:56:50.806723+00', 'subj-denholm', 'case.apply', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","type":"Initial","level":"Secret","workflow":"clearance.v1"}', 'b260d7901a513789416b45ab0fd3b3279f176da4536b9837ccf46b7f5c61d590', 'c43f5a5e59b27a260f23f8bf3630fdbead831244f6ed02bab272b93061c8e162');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('5d0cf7d7-08ea-47fe-aac2-59cff0dc56ba', 94, '2026-11-29 08:56:50.848297+00', 'subj-denholm', 'case.questionnaire-updated', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009"}', '1203c2b1f0e29052fa0548389f6b085d7f8cb38324e4404ac0a5368ec6be550e', 'b260d7901a513789416b45ab0fd3b3279f176da4536b9837ccf46b7f5c61d590');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('23254c1f-82dd-4153-b561-9ffe66758511', 97, '2026-11-29 08:56:50.980372+00', 'ivan-fixture', 'check.result', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","kind":"credit","outcome":"Clear","attempts":0}', 'd53b9ea4c9958636cb808eac551c67f510a813211c129c7a7a830e16575f0272', '5dd9eed34db038caacf0063f455cd0dc771a05091d9b0b94632746bed42be954');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6028ad27-1e0c-48ba-a903-83f6b0d2921f', 111, '2026-11-29 08:56:51.720614+00', 'subj-wither', 'case.submit', '7e201c5f-c410-43c1-93c2-3127c21e420c', '{"reference":"CW-2026-000010","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '68ca826b35f8a04cc8ce87cb3e672ebb58fc4ab8c8d715e6e9a4f6dc1a8967a7', '3d86f22e64e61348e6661d46b1dad2b0fd8ea8926bd37a33114662f6670cec6f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9c3de6f9-ecf0-4c3b-9e89-ba87535a1416', 72, '2026-11-29 08:56:49.557807+00', 'ivan-fixture', 'check.result', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","kind":"employment","outcome":"Clear","attempts":0}', '0cfc3695e49e33bee7ec7f52036eefa0f73144d59d1a766f80d2a73b665483a2', '1a985ab71a5d7e3cc5fac934a2376801db16b8a8d5ad1ee587274e3ec86d4096');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('bbf738b0-0148-4a39-bffb-7fb27b077e9d', 84, '2026-11-29 08:56:50.146002+00', 'ivan-fixture', 'check.result', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","kind":"credit","outcome":"Clear","attempts":0}', '8753f70ac0ea8f7c28ba975c11cfc149c59da8646b6f7b04984fff39684c8e45', '69cfdfea21163df05abefbcdcc363dda9e6f04eaf7a4e540fe39449e3ac28e28');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('061b29d6-6130-4c95-94b7-8b506ccaade8', 89, '2026-11-29 08:56:50.388383+00', 'system', 'case.complete-investigation', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '1fd4999a96f3ed7d78c56b45ace3b6f59e03d1b3029dc5df26361fe20a01292f', '27ddaeb43e7f4d7aba5628a85bb2774782e14055b22d672f22d4c29a725cf9dd');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('dcdc4bc2-b309-4dde-a2e2-10f3b5a0fac9', 88, '2026-11-29 08:56:50.387806+00', 'ivan-fixture', 'check.result', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","kind":"identity","outcome":"Clear","attempts":0}', '27ddaeb43e7f4d7aba5628a85bb2774782e14055b22d672f22d4c29a725cf9dd', '908f9f6cd30c3299b86511216c2574ea2f571dfc54ef3225f386cbf72ee64c76');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('a7824c16-501d-4abd-b2ab-f3143a8979e0', 91, '2026-11-29 08:56:50.616697+00', 'adam-fixture', 'case.refer-to-decision', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","workflow":"clearance.v1","fromStage":"review","toStage":"decision","fromStatus":"InProgress","toStatus":"InProgress"}', '3563771cc669afaf1c06bd46a1c9d427b2d02af4d9a4203118993eac0548483b', 'cdbf5c36213c3ae5281b4cfc85b98b6706150c8727ab6d0aea393283a4c79180');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('cf63350f-2040-4f58-83c1-2cf6490c13a0', 96, '2026-11-29 08:56:50.938504+00', 'ivan-fixture', 'investigation.viewed', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009"}', '5dd9eed34db038caacf0063f455cd0dc771a05091d9b0b94632746bed42be954', 'fe7b71447a92d03ba967a542549b7d48b7878e77469b9c221ec2280c3c3f6f54');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6acfbc40-f043-453e-9b45-45a22b21e82e', 105, '2026-11-29 08:56:51.393825+00', 'sara-fixture', 'case.schedule-interview', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"review","toStage":"interview","fromStatus":"InProgress","toStatus":"InProgress"}', 'dee29e0ba2e9a801c89cb2154a65c2ce3997bf2804acc1c0713bdd31eefbd676', '29916a8b05f498afd540aab98fc3bb7d892debff9c6383127e517bc33884b523');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('21da2248-c779-4050-8901-5b138ea4047c', 107, '2026-11-29 08:56:51.540525+00', 'sara-fixture', 'case.deny', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"decision","toStage":"decision","fromStatus":"InProgress","toStatus":"DenialPendingConcurrence"}', '50b15b4097c3ede30a00fe1c6bc4b57615b3eab548db4855ab94f21235169021', 'd1f37f4a37fbfa1ef61d4465e1ee979ad6aa419dab3f7cedaeb971d55316687f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4dc61bd2-9f42-4f3c-a3f6-6b498cc41027', 118, '2026-11-29 08:56:52.087091+00', 'pat-fixture', 'reciprocity.query', NULL, '{"partnerId":"agency-de","purpose":"employment","requiredLevel":null,"outcome":"no-match","rule":null,"subjectRef":"c2d27a8e26c2a789","batchId":null,"position":null,"disclosed":null}', 'e8e43dc8b63cd348138c8434d2fd8687f583b205d86d6237151d1bc307dd695a', '9e0ed3ca186a19fa2d5b1a310ab9eefc86bebd81c018bae497b232a80c4e793f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('0ab6ad40-ad06-4474-8f43-f9d4c4395145', 73, '2026-11-29 08:56:49.600344+00', 'ivan-fixture', 'check.result', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","kind":"identity","outcome":"Clear","attempts":0}', '66b88a169ea9da8bb54d53c310d98467c3478665b43b32c23b21b1ba600ef61c', '0cfc3695e49e33bee7ec7f52036eefa0f73144d59d1a766f80d2a73b665483a2');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('753a9dde-e24b-4f73-8ae3-f9709c738fd6', 74, '2026-11-29 08:56:49.600791+00', 'system', 'case.complete-investigation', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', 'e670cab0443bf11b4ab3b6ab645e147291de4dd9990e4f8f802a131067dc8774', '66b88a169ea9da8bb54d53c310d98467c3478665b43b32c23b21b1ba600ef61c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('1abd0525-6b3d-4859-80de-4250e61ccf20', 76, '2026-11-29 08:56:49.775722+00', 'sara-fixture', 'finding.recorded', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","findingId":"02619d16-a6fc-4c6b-85e0-42f94b29d85d","guideline":"F","severity":"Serious","mitigated":false}', '0e60b1bb65372fc6ab7d0fedb21eb8ac6148005333fb78ef624b4da52ae25c0c', '4c9ec6bea2f6c9d227580780e648f2258532ad255142b08b79c6696782209373');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4adf5d58-defe-432a-b5da-26f41166fec0', 82, '2026-11-29 08:56:50.04278+00', 'subj-grant', 'case.submit', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '70465cce7c214f21e68a83b5b1b6991efe7502fbff3060df842de6f3262b8761', '05486defad278f8369bbd51f5e4e7b423ee41c036217d8c4e4fccce0fdabdb6a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4bd283bb-2917-4fea-831f-2080fbe664a1', 85, '2026-11-29 08:56:50.212227+00', 'ivan-fixture', 'check.result', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","kind":"criminal","outcome":"Clear","attempts":0}', 'a16b9fc3849140e2628d56b24fc4324c8c868f5523e4d2b138c1184af86d1b45', '8753f70ac0ea8f7c28ba975c11cfc149c59da8646b6f7b04984fff39684c8e45');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('ebd282b2-1851-4795-8cc9-d536f1116483', 100, '2026-11-29 08:56:51.066597+00', 'ivan-fixture', 'check.result', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","kind":"employment","outcome":"Clear","attempts":0}', 'c460f676fb629ea4eba38da85372981fd91e3d59ee30d6c8fd927238ba9368fa', '5aa4982f61d9f63f9f8b51dc617811f0d3de59676e5a3ffc7202bdf2ce3714eb');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('81ee4d12-54e0-4d18-89b1-26d2a300b500', 103, '2026-11-29 08:56:51.288523+00', 'sara-fixture', 'case.claim', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"review","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', '78df0ac974efb6846459331dc54f1bfa84e30bfd3caf9a3460490f7adfcbb11b', 'a13046cc5a44e4388a85a0c994b66408a44c616aefe0fcda3bd85b29b2e802a0');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('b6738315-51b2-405c-bb82-5e567dd0886a', 106, '2026-11-29 08:56:51.449177+00', 'sara-fixture', 'case.complete-interview', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"interview","toStage":"decision","fromStatus":"InProgress","toStatus":"InProgress"}', 'd1f37f4a37fbfa1ef61d4465e1ee979ad6aa419dab3f7cedaeb971d55316687f', 'dee29e0ba2e9a801c89cb2154a65c2ce3997bf2804acc1c0713bdd31eefbd676');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('143370b8-4b5d-4122-85c5-460224888af1', 109, '2026-11-29 08:56:51.604059+00', 'subj-wither', 'case.apply', '7e201c5f-c410-43c1-93c2-3127c21e420c', '{"reference":"CW-2026-000010","type":"Initial","level":"Secret","workflow":"clearance.v1"}', 'cbe331c56b2d3bc24a9aba8ad1ca420202d2a6cf0ae861ff8f9564e4a915234a', '7f98a70bf6b63139343636a140d31395cb0002880163f8294cbec0024763fedc');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('600e0263-aa47-41a7-aa0a-4c461257884d', 112, '2026-11-29 08:56:51.791379+00', 'subj-wither', 'case.withdraw', '7e201c5f-c410-43c1-93c2-3127c21e420c', '{"reference":"CW-2026-000010","workflow":"clearance.v1","fromStage":"background-check","toStage":"closed","fromStatus":"InProgress","toStatus":"Withdrawn"}', 'd780e370cc59175177881a87f8a711a791f03efe0722ee0843382bead834843f', '68ca826b35f8a04cc8ce87cb3e672ebb58fc4ab8c8d715e6e9a4f6dc1a8967a7');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('d1619548-198c-4acb-89cd-d587236a98a3', 115, '2026-11-29 08:56:51.969309+00', 'root-fixture', 'partner.updated', NULL, '{"partnerId":"agency-fr","country":"FR","purposes":["employment","site-access"],"maxLevel":"Secret","agreementExpiresOn":"2028-11-29","active":true,"version":1}', '08f393a6a9097f97a19fc92a3df3772fab238d535e6c5097caf40d376fb81a95', '0adde3a3dbe0ac9602410090c4128f8caa0f3644e1185469e944fc69e7e92982');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('a3fb73b9-e0b0-4135-8fd9-f45b549d0925', 77, '2026-11-29 08:56:49.827141+00', 'sara-fixture', 'case.schedule-interview', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","workflow":"clearance.v1","fromStage":"review","toStage":"interview","fromStatus":"InProgress","toStatus":"InProgress"}', 'ca5724bee353251e436776a76cd4006843541461bd7a884efdc4877fb3805f32', '0e60b1bb65372fc6ab7d0fedb21eb8ac6148005333fb78ef624b4da52ae25c0c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('d1f34a66-7618-474a-aa19-1c114236fd16', 78, '2026-11-29 08:56:49.9046+00', 'sara-fixture', 'case.complete-interview', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","workflow":"clearance.v1","fromStage":"interview","toStage":"decision","fromStatus":"InProgress","toStatus":"InProgress"}', 'cf2f5063bd238ced0802c25eb9136685abdd406c858611693a1178e848440318', 'ca5724bee353251e436776a76cd4006843541461bd7a884efdc4877fb3805f32');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('3318d153-f1d2-4c1e-9f5a-a6732531658e', 83, '2026-11-29 08:56:50.12532+00', 'ivan-fixture', 'investigation.viewed', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008"}', '69cfdfea21163df05abefbcdcc363dda9e6f04eaf7a4e540fe39449e3ac28e28', '70465cce7c214f21e68a83b5b1b6991efe7502fbff3060df842de6f3262b8761');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('590c91eb-1526-49fd-8ace-b1af91628233', 95, '2026-11-29 08:56:50.870175+00', 'subj-denholm', 'case.submit', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', 'fe7b71447a92d03ba967a542549b7d48b7878e77469b9c221ec2280c3c3f6f54', '1203c2b1f0e29052fa0548389f6b085d7f8cb38324e4404ac0a5368ec6be550e');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('2950f607-0306-497f-b172-c8cabe592324', 99, '2026-11-29 08:56:51.041285+00', 'ivan-fixture', 'check.result', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","kind":"education","outcome":"Clear","attempts":0}', '5aa4982f61d9f63f9f8b51dc617811f0d3de59676e5a3ffc7202bdf2ce3714eb', '7b329abdb9f828458b4574e2ca96b14a923ad2ffff20dc88312f19c963f75b1a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('44d02d7b-5d6b-4741-a9fb-f12f970db1fd', 104, '2026-11-29 08:56:51.351636+00', 'sara-fixture', 'finding.recorded', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","findingId":"065dc626-28fc-4bd2-81f9-9eed2a899326","guideline":"G","severity":"Serious","mitigated":false}', '29916a8b05f498afd540aab98fc3bb7d892debff9c6383127e517bc33884b523', '78df0ac974efb6846459331dc54f1bfa84e30bfd3caf9a3460490f7adfcbb11b');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('6166cfe7-436b-4174-a338-ee4fcf61038a', 108, '2026-11-29 08:56:51.569689+00', 'otto-fixture', 'case.concur', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"decision","toStage":"closed","fromStatus":"DenialPendingConcurrence","toStatus":"Denied"}', '7f98a70bf6b63139343636a140d31395cb0002880163f8294cbec0024763fedc', '50b15b4097c3ede30a00fe1c6bc4b57615b3eab548db4855ab94f21235169021');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('23844b96-b388-4c8f-867d-0941bec01570', 110, '2026-11-29 08:56:51.700681+00', 'subj-wither', 'case.questionnaire-updated', '7e201c5f-c410-43c1-93c2-3127c21e420c', '{"reference":"CW-2026-000010"}', '3d86f22e64e61348e6661d46b1dad2b0fd8ea8926bd37a33114662f6670cec6f', 'cbe331c56b2d3bc24a9aba8ad1ca420202d2a6cf0ae861ff8f9564e4a915234a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('760f7d64-13a9-48aa-a6fa-95fb68c1084c', 113, '2026-11-29 08:56:51.898817+00', 'root-fixture', 'partner.created', NULL, '{"partnerId":"agency-de","country":"DE","purposes":["employment","site-access"],"maxLevel":"TopSecret","agreementExpiresOn":"2028-11-29","active":true,"version":0}', '04eef2997c62b99b420ae422ca8745e0879d5235d8c22538877770ffe5800eee', 'd780e370cc59175177881a87f8a711a791f03efe0722ee0843382bead834843f');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('b60eeb41-bb50-4ecc-9f96-81e5d18a487c', 116, '2026-11-29 08:56:51.991938+00', 'root-fixture', 'partner.created', NULL, '{"partnerId":"agency-nl","country":"NL","purposes":["employment","site-access"],"maxLevel":"Confidential","agreementExpiresOn":"2028-11-29","active":true,"version":0}', '543e2da21e1f408f6fbbde9ffd51bf730eff8a0c1f32773ccd73b5ef67778384', '08f393a6a9097f97a19fc92a3df3772fab238d535e6c5097caf40d376fb81a95');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8f144fd7-e89f-4226-92a6-87edda57468a', 79, '2026-11-29 08:56:49.976034+00', 'sara-fixture', 'case.deny', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', '{"reference":"CW-2026-000007","workflow":"clearance.v1","fromStage":"decision","toStage":"decision","fromStatus":"InProgress","toStatus":"DenialPendingConcurrence"}', '6b766b4f538b1b0910f84defc692668fefd1e3c81e29426b44ebb4021d19d0e8', 'cf2f5063bd238ced0802c25eb9136685abdd406c858611693a1178e848440318');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('fc89a84b-5c60-4201-8d4c-0040c7834b10', 81, '2026-11-29 08:56:50.023145+00', 'subj-grant', 'case.questionnaire-updated', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008"}', '05486defad278f8369bbd51f5e4e7b423ee41c036217d8c4e4fccce0fdabdb6a', 'c618298ceadda985dc2b76c30fa4152a2cbe7e9cbec553d9440bd71a1f7b2136');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('5b72181f-6b6c-4b8c-b0c1-eafacd0a6b93', 86, '2026-11-29 08:56:50.253384+00', 'ivan-fixture', 'check.result', '2f1270d4-2008-4a38-969a-31bebc5c35f5', '{"reference":"CW-2026-000008","kind":"education","outcome":"Clear","attempts":0}', '5684b19e4e2f1c7169f7f58e10cb6d115014c7f0e5bc555586d7538c25392586', 'a16b9fc3849140e2628d56b24fc4324c8c868f5523e4d2b138c1184af86d1b45');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9f4d106a-a475-4e34-afc5-9454e09fac7b', 98, '2026-11-29 08:56:51.024439+00', 'ivan-fixture', 'check.result', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","kind":"criminal","outcome":"Clear","attempts":0}', '7b329abdb9f828458b4574e2ca96b14a923ad2ffff20dc88312f19c963f75b1a', 'd53b9ea4c9958636cb808eac551c67f510a813211c129c7a7a830e16575f0272');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('1a968ad2-1560-4a9c-9aa9-a83753dad6e0', 101, '2026-11-29 08:56:51.085244+00', 'ivan-fixture', 'check.result', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","kind":"identity","outcome":"Clear","attempts":0}', 'ee06da47c62a81296fb823139c6ed33d541c8be8175d63fe74b4a32aeabf0adc', 'c460f676fb629ea4eba38da85372981fd91e3d59ee30d6c8fd927238ba9368fa');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('511b5a79-5c3e-4a46-998c-8292e2505fe7', 102, '2026-11-29 08:56:51.085577+00', 'system', 'case.complete-investigation', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', '{"reference":"CW-2026-000009","workflow":"clearance.v1","fromStage":"background-check","toStage":"review","fromStatus":"InProgress","toStatus":"InProgress"}', 'a13046cc5a44e4388a85a0c994b66408a44c616aefe0fcda3bd85b29b2e802a0', 'ee06da47c62a81296fb823139c6ed33d541c8be8175d63fe74b4a32aeabf0adc');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('c253f02a-9054-4395-9afc-7dcb7fa2dd5c', 114, '2026-11-29 08:56:51.927888+00', 'root-fixture', 'partner.created', NULL, '{"partnerId":"agency-fr","country":"FR","purposes":["employment","site-access"],"maxLevel":"Secret","agreementExpiresOn":"2028-11-29","active":true,"version":0}', '0adde3a3dbe0ac9602410090c4128f8caa0f3644e1185469e944fc69e7e92982', '04eef2997c62b99b420ae422ca8745e0879d5235d8c22538877770ffe5800eee');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('9b947bb0-02f3-4218-ae8a-69825934ad0b', 117, '2026-11-29 08:56:52.00513+00', 'root-fixture', 'partner.deactivated', NULL, '{"partnerId":"agency-nl","version":1}', '9e0ed3ca186a19fa2d5b1a310ab9eefc86bebd81c018bae497b232a80c4e793f', '543e2da21e1f408f6fbbde9ffd51bf730eff8a0c1f32773ccd73b5ef67778384');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('001aa7a9-1f41-49ad-a103-1dc148b8d9d9', 119, '2026-11-29 08:57:02.879633+00', 'subj-pending', 'case.apply', '4547d420-760f-4b42-9c22-59052208e208', '{"reference":"CW-2026-000011","type":"Initial","level":"Secret","workflow":"clearance.v1"}', 'be5d4823bc2837031d6277e590cd9fa87db2d99bd61d7589acb9e80c3971d750', 'e8e43dc8b63cd348138c8434d2fd8687f583b205d86d6237151d1bc307dd695a');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('8769bcd2-2ed5-4951-a0ae-17d82323529a', 120, '2026-11-29 08:57:02.924109+00', 'subj-pending', 'case.questionnaire-updated', '4547d420-760f-4b42-9c22-59052208e208', '{"reference":"CW-2026-000011"}', '02a86254104973f160b32d47256e5dc7ae8f4c55d9a982a883e1eea44e4e2c3c', 'be5d4823bc2837031d6277e590cd9fa87db2d99bd61d7589acb9e80c3971d750');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('a025259b-4a1b-40fc-ad96-22399a2adab9', 121, '2026-11-29 08:57:02.948268+00', 'subj-pending', 'case.submit', '4547d420-760f-4b42-9c22-59052208e208', '{"reference":"CW-2026-000011","workflow":"clearance.v1","fromStage":"application","toStage":"background-check","fromStatus":"InProgress","toStatus":"InProgress"}', '20f5bd6c5d0979c47d92f59b371565fc8e1bdb00371ce4152f50783e729133c3', '02a86254104973f160b32d47256e5dc7ae8f4c55d9a982a883e1eea44e4e2c3c');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('4a6f0f40-fb0c-41cf-bf66-6809283dac4f', 122, '2026-11-29 08:57:03.013592+00', 'ivan-fixture', 'check.result', '4547d420-760f-4b42-9c22-59052208e208', '{"reference":"CW-2026-000011","kind":"identity","outcome":"Clear","attempts":0}', '8779684082124631f2c8d318b537ac0dde196f5a7d2eb15bc7092853e92b75f0', '20f5bd6c5d0979c47d92f59b371565fc8e1bdb00371ce4152f50783e729133c3');
INSERT INTO public.audit_events ("Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash") VALUES ('81d7ed8e-9e2c-48f8-834b-37597a2258a4', 123, '2026-11-29 08:57:03.271381+00', 'system', 'case.open-reinvestigation', '657c170e-d512-48a4-98fa-552ef8b4ba76', '{"reference":"CW-2026-000012","type":"PeriodicReinvestigation","level":"Secret","workflow":"clearance.v1"}', '159a06b6414f03e413c4135800715a1b4f1fd7a44da88a552d72acd14403b808', '8779684082124631f2c8d318b537ac0dde196f5a7d2eb15bc7092853e92b75f0');


--
-- Data for Name: case_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('57c52eb5-a556-4ff9-a465-4dad76fba0b6', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 1, 'apply', 'subj-oldham', '2016-11-29 08:56:36.471337+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('15780c3f-2fce-4916-abac-914d20bb461d', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 2, 'submit', 'subj-oldham', '2016-11-29 08:56:40.906097+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('fdb307f8-bf66-46cd-b995-7698436142f6', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 3, 'complete-investigation', 'system', '2016-11-29 08:56:41.536755+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('aec88b71-ceb9-456a-bae5-a1139b76b445', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 4, 'claim', 'adam-fixture', '2016-11-29 08:56:41.650623+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('8b919699-f1bf-45f8-b5d6-51e53ae98078', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 5, 'refer-to-decision', 'adam-fixture', '2016-11-29 08:56:41.705352+00', 'review', 'decision', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('ab2a467f-0c44-44e3-abc2-a5377d48839e', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 6, 'grant', 'adam-fixture', '2016-11-29 08:56:41.749151+00', 'decision', 'closed', 'InProgress', 'Granted');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('4e60152f-bc5c-4199-b8dd-4b70f8756d23', 'a41ba63f-a445-48df-be13-78a3739db58c', 1, 'apply', 'subj-late', '2016-11-29 08:56:42.241229+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('64e58bf7-d695-4ce8-a2f3-75b7281256b4', '24fc1aeb-d3fd-487d-a8b4-26eca931f2cd', 1, 'apply', 'subj-appleby', '2026-11-29 08:56:46.776519+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('5cb5645a-cfe7-4143-a55a-6221d8e771a2', '144fb87a-6f0a-40a8-9125-639c2c844e95', 1, 'apply', 'subj-quinn', '2026-11-29 08:56:46.9367+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('51608640-d89d-4f95-9d85-592144a418b5', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 1, 'apply', 'subj-backer', '2026-11-29 08:56:47.139681+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('ffad60da-8ae0-41d9-b190-2b6e4eedc217', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 2, 'submit', 'subj-backer', '2026-11-29 08:56:47.278008+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('13adcfd7-1922-4cdb-99b5-9697b7e0baea', '218d1894-58fb-417c-9f52-6ff91625282c', 1, 'apply', 'subj-revere', '2026-11-29 08:56:47.412323+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('f0016bc3-ed77-43bc-8069-d4ee1d68a1aa', '218d1894-58fb-417c-9f52-6ff91625282c', 2, 'submit', 'subj-revere', '2026-11-29 08:56:47.485346+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('46e36d91-6f57-4075-8986-c35b9dd51409', '218d1894-58fb-417c-9f52-6ff91625282c', 3, 'complete-investigation', 'system', '2026-11-29 08:56:47.63054+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('f575f2df-21f0-4df0-9b5d-0008a06e0fe0', '218d1894-58fb-417c-9f52-6ff91625282c', 4, 'claim', 'adam-fixture', '2026-11-29 08:56:47.729764+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('f6e2a918-2812-48aa-961f-937f60bada9b', '218d1894-58fb-417c-9f52-6ff91625282c', 5, 'request-information', 'adam-fixture', '2026-11-29 08:56:47.939395+00', 'review', 'review', 'InProgress', 'AwaitingApplicant');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('d427811a-1eaf-4cc3-9642-2c885a0877b9', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 1, 'apply', 'subj-inman', '2026-11-29 08:56:48.078424+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('bc03a8db-d317-4e8e-b7bf-846a9bec9827', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 2, 'submit', 'subj-inman', '2026-11-29 08:56:48.171633+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('359432f7-3000-4b3d-89dc-13c4f61e0476', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 3, 'complete-investigation', 'system', '2026-11-29 08:56:48.717125+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('c10297a0-3f47-42fc-b614-c6bc798467ae', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 4, 'claim', 'adam-fixture', '2026-11-29 08:56:48.773291+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('971ed828-8415-4fb7-a645-9dc153902ff4', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 5, 'schedule-interview', 'adam-fixture', '2026-11-29 08:56:48.801205+00', 'review', 'interview', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('dfe4271e-b462-4865-998d-8682711e42c7', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 1, 'apply', 'subj-decker', '2026-11-29 08:56:48.910693+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('08e426cf-ffb3-4c9d-8c58-3e56e0774ffb', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 2, 'submit', 'subj-decker', '2026-11-29 08:56:49.009854+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('27fef167-d5f2-4c2a-81c5-fa5b0a7d1e48', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 3, 'complete-investigation', 'system', '2026-11-29 08:56:49.124953+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('c1f6822d-2fac-46de-b464-c9f6892c3977', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 4, 'claim', 'adam-fixture', '2026-11-29 08:56:49.2998+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('553890d8-48e4-433d-899c-9abf0932b4b8', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 5, 'refer-to-decision', 'adam-fixture', '2026-11-29 08:56:49.321691+00', 'review', 'decision', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('c56e9b72-229c-4307-96a0-9b486f3562a2', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 1, 'apply', 'subj-dennis', '2026-11-29 08:56:49.361478+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('bee6991e-e234-444d-855f-fabd298c6809', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 2, 'submit', 'subj-dennis', '2026-11-29 08:56:49.412408+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('dd3ee1f1-7b88-4c23-bd8b-659058d7bf9c', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 3, 'complete-investigation', 'system', '2026-11-29 08:56:49.600643+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('e5ac0cb5-da7e-4159-a2db-eefe3c42120f', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 4, 'claim', 'sara-fixture', '2026-11-29 08:56:49.708234+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('68dd9ca4-2963-4fd6-ace1-794250775963', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 5, 'schedule-interview', 'sara-fixture', '2026-11-29 08:56:49.817385+00', 'review', 'interview', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('836c4e01-284e-491d-b074-5c8e6d842fb4', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 6, 'complete-interview', 'sara-fixture', '2026-11-29 08:56:49.883302+00', 'interview', 'decision', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('25b0e08d-34b7-413c-a213-a06984e7f800', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 7, 'deny', 'sara-fixture', '2026-11-29 08:56:49.966113+00', 'decision', 'decision', 'InProgress', 'DenialPendingConcurrence');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('20e7fcae-64f8-4b89-9417-7cdf25e4e04e', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 1, 'apply', 'subj-grant', '2026-11-29 08:56:49.993098+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('9e960c44-b9be-4519-812c-c1bda0bf5bfb', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 2, 'submit', 'subj-grant', '2026-11-29 08:56:50.041446+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('7ffd5175-b7d6-457b-881e-5372efdba39d', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 3, 'complete-investigation', 'system', '2026-11-29 08:56:50.388208+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('37c49de0-0d50-4ae3-899b-82b68eb326ed', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 4, 'claim', 'adam-fixture', '2026-11-29 08:56:50.533938+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('b1e61e37-a123-448b-8874-8a5be5a4400a', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 5, 'refer-to-decision', 'adam-fixture', '2026-11-29 08:56:50.606922+00', 'review', 'decision', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('3fb89d8d-94ca-4305-b4de-a3fa8907aa87', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 6, 'grant', 'adam-fixture', '2026-11-29 08:56:50.762311+00', 'decision', 'closed', 'InProgress', 'Granted');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('6fc92d87-95e8-4f78-a27c-8ae383aee6aa', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 1, 'apply', 'subj-denholm', '2026-11-29 08:56:50.803898+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('4c45d788-602f-46fd-b245-75914ad2a483', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 2, 'submit', 'subj-denholm', '2026-11-29 08:56:50.868433+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('08563383-849d-40ae-ab3d-f0fe51dd1573', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 3, 'complete-investigation', 'system', '2026-11-29 08:56:51.085465+00', 'background-check', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('1e947d96-a6f7-4271-8d9f-bfe5b17d7d68', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 4, 'claim', 'sara-fixture', '2026-11-29 08:56:51.286485+00', 'review', 'review', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('872b4733-1181-48c2-89f8-b63ccd00ca0d', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 5, 'schedule-interview', 'sara-fixture', '2026-11-29 08:56:51.381175+00', 'review', 'interview', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('6dbd414f-96a6-441e-ac69-5c8dc828daa5', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 6, 'complete-interview', 'sara-fixture', '2026-11-29 08:56:51.443832+00', 'interview', 'decision', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('5b438f15-1a5a-41d1-af00-d518793cd605', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 7, 'deny', 'sara-fixture', '2026-11-29 08:56:51.532996+00', 'decision', 'decision', 'InProgress', 'DenialPendingConcurrence');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('f06cc666-5406-4be6-8abc-a89f9f92dded', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 8, 'concur', 'otto-fixture', '2026-11-29 08:56:51.564804+00', 'decision', 'closed', 'DenialPendingConcurrence', 'Denied');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('e6412338-af62-4791-a745-8e19af4d4471', '7e201c5f-c410-43c1-93c2-3127c21e420c', 1, 'apply', 'subj-wither', '2026-11-29 08:56:51.600011+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('1d2bf785-f7eb-4e6a-bc1b-307094991fc8', '7e201c5f-c410-43c1-93c2-3127c21e420c', 2, 'submit', 'subj-wither', '2026-11-29 08:56:51.717866+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('bd174298-54e7-4ff8-b47d-a6be97a92f8e', '7e201c5f-c410-43c1-93c2-3127c21e420c', 3, 'withdraw', 'subj-wither', '2026-11-29 08:56:51.784772+00', 'background-check', 'closed', 'InProgress', 'Withdrawn');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('9e2cf90c-1d14-4ae0-9662-bd9eda0405ec', '4547d420-760f-4b42-9c22-59052208e208', 1, 'apply', 'subj-pending', '2026-11-29 08:57:02.873293+00', 'application', 'application', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('b0ff89cf-eb43-4397-991e-7a51ab8b1776', '4547d420-760f-4b42-9c22-59052208e208', 2, 'submit', 'subj-pending', '2026-11-29 08:57:02.946495+00', 'application', 'background-check', 'InProgress', 'InProgress');
INSERT INTO public.case_events ("Id", "CaseId", "Sequence", "Action", "Actor", "At", "FromStage", "ToStage", "FromStatus", "ToStatus") VALUES ('7d40b732-c481-41fc-a19c-46cbc43041b6', '657c170e-d512-48a4-98fa-552ef8b4ba76', 1, 'open-reinvestigation', 'subj-oldham', '2026-11-29 08:57:03.249305+00', 'application', 'application', 'InProgress', 'InProgress');


--
-- Data for Name: cases; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('d6e3af54-6747-4cea-a4c9-4d18323a2a28', 'CW-2016-000001', 'Initial', 'Secret', 'Ministry of Tests', 'subj-oldham', 'enc1:k1:voWm3Vi73KFJ27sak8sfW06jNR/Kq983cnrG3Go/NzIJqVb+G/1wKyUGH7oq/sxmGDdIaLUOphPb0cN8FvM8prFLlR8YiPLEGhnfXQBVY/tcfFMQQ8EziTZXk3PGO8feONIfRkn6Dxi2f5Q6v0C0x5JLfWauV48IiQp4PQ0bCi1QVCtc4U13xm/l+dfB46iPykljgmHBGMGA9/BQqc+ZFq7c4UMmSZuIvg==', '7e5e77f8cad191ed39798bb1eda091281c442937ab5684c40743d6c1f5163996', 'enc1:k1:nbqa+MH0UA8Uq4HXamT4B36m+LNoUkIcpNvGKI58LPgtgZSp+sgBvLPBH7ItgJMu7jxvQyWPrH3VXs7wdDKVu8Uy781VrmR5U4ygLARLOFye1UgWb4Di9+g4nvviB43YsTeCzoI9eB7niyKKJ1W/Q+2NKOuHEQe7FQuqCQI+rDwcStjwf1cO5AbfF1Jbx27OFh5+b9XXf3/Qjv7pEDo9J2vMVkqfisnb/KW7rOmAI8RmlnzHKlKp0l289LWuUAGXHZJXoo3jkz0+UAgMi2+8ZfzNzREjTnr92K32BstNhXrjwAYBpn9nqS2G0kYm6tkP9Nm0IXJVWibPMDzKoMcPBwVTtPFXGkXZXucxYpE3aepkXbk+JaL8psiRVVbHIiCBkaAu5QX/2LYwfud/UbODQ2u37r2Cpj5Lu+Ux8wogT0/LJsmqqkzkiZaksZmEkxbiTMfBxx4Qov3G5pi6/qGQ47iaVule55ztOxe1k4MrrAzj+Wqp0ocfvaS2g+SW7lG/hDSBL9EQw7IYboKRUXXkWSNlzjNFhPSAOxm/nxrIwSBk2BqKJ8DKzZ7ryrMBS+PUVvElGrohqwiT31Bibhd9ZUBTza23xQNmDEoLGmiN9uEAfaZHUcoeUUDk80aK+reoCEScbM65Qaorn2PfZF1EGcFzX+nRIBDeAPBspaOecLoablkmKfh+dsNEGx10IObnw+pjT53nN5RZ40k4xJ1XrumZb+uauInv51fO1eZ8LyzBptSw5lk8RP8UDvVKBD+tBMDpuHCa8yWedok8YSrhVOlEaRSBYsEERsOvYfYGqhUPGp7jT1dVk5+46CD7pMCTNTAOZ+sfny8c3FhJD/+cNBLo+BWWdTqnfE/vrdVlw+fJNizZW6hiu/PmDkgDwQ0HHe8EASJfS9Sd9dUMqw==', '2016-11-29 08:56:40.594504+00', 'clearance', 1, 'closed', 'Granted', '2016-11-29 08:56:41.749151+00', 'adam-fixture', '2016-11-29 08:56:36.471337+00', '2016-11-29 08:56:41.749151+00', '2016-11-29 08:56:40.906097+00', '2016-11-29 08:56:41.536755+00', NULL, NULL, NULL, NULL, 'enc1:k1:VWn9T/buf5/v0L3LsZ+XH6kKbecZgTdT8wfPB1HXcsyebHZru4Vi9jLlp+oyKJJDJdx3G4RvjGGAtG9yyIQl2/ZLbSKJ1tx7oRfjMnI/k5w0c7aIECL13KhnTpPSN0o=', '2016-11-29 08:56:41.749151+00', 9, NULL, false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('24fc1aeb-d3fd-487d-a8b4-26eca931f2cd', 'CW-2026-000001', 'Initial', 'Confidential', 'Ministry of Tests', 'subj-appleby', 'enc1:k1:5RWP6lvJok3RF62dEW9nm2nlAK/G6/MbSWQrlFiwJIFORhnitY2FNYSwu3evWt81xLxQXbv3ZzoBFRs3CZ6gysSOlS9qg4xr30rtwCeRhyMDHum0Pjic6Wsor02YRQ3RGIXa20JV9aygN3kQ3p9XDkuwR0VBa/bavTXwIzTVLfY4u5xGLX88ebYXc7XaUEfmN2dIDt+TstGfBkLHC4Gbe/mNla8kLlzhI8t5', '9fead8bc127d13f8435a699757f82a033d221aaf8370cce3801809d107de3a1e', NULL, NULL, 'clearance', 1, 'application', 'InProgress', '2026-11-29 08:56:46.776519+00', NULL, '2026-11-29 08:56:46.776519+00', '2026-11-29 08:56:46.776519+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, '2026-12-29 08:56:46.776519+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('a41ba63f-a445-48df-be13-78a3739db58c', 'CW-2016-000002', 'Initial', 'Confidential', 'Ministry of Tests', 'subj-late', 'enc1:k1:LGzLzDylivFBmE3PqVfXJYHC+yaONYnmsIOja+jNEAC+/VtsMJxWnYvLD/65jWmWt8+MBWxd4yavFFAnUue7iqv0i22iB99E64z5HP8ccgtpPw0Kpnwtuuh7KwkTYMiMvoga5O7MqpoAXULvQTc9oI6SuOifkUtk1ZxqJv1BnaJHJNa5Mqdzb3gdTaCUC7TztCaaDIsC+j9GmIWPmX7vFQAERhk+', 'b10315817c2bc063ded998a77dc8d333f8afa852b7bf9e80d8be968c9711f455', NULL, NULL, 'clearance', 1, 'application', 'InProgress', '2016-11-29 08:56:42.241229+00', NULL, '2016-11-29 08:56:42.241229+00', '2026-11-29 08:56:47.061998+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, '2016-12-29 08:56:42.241229+00', true);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('144fb87a-6f0a-40a8-9125-639c2c844e95', 'CW-2026-000002', 'Initial', 'Secret', 'Ministry of Tests', 'subj-quinn', 'enc1:k1:TdCtNqLNMPoVb9dTZ3OdCY0Qrawl0MJTDn8c+ZnB0MABd8Lkm0qe1DA1PmyumDQubtRGmO/TQX7uA1KIbbxa5D7bmUP05mU3CTKm3TLXv2LXeZXQz5M6kg1BrRB6iD71wSHpJeCegUPZZjwVM3Nf/UqO17qjX9hoPPk+4HzLWXg2l1lTWkXRJUz7YtNKXaOIDe1sRpHoWCzHZCblZTRnoKHFMBDbdfo=', '56eb766d95dc84aa5bc1a57820bf5f638468e8b94f8dafe8a4c746d5b60763c2', 'enc1:k1:2tcfSs1SCyndq+Vj6Y5QVG+Gt3iBmZQgQkcpzYNCtFgx8ThM2NkmWUGK4fx901HzZKApQg0PUOyJ5rARmndctcR0ZX2vxUVAQY55KC1Us6I29O7/D0LK8LHP+5gxA2U+6yx7dS2FzK4J8e1evUU2JjBrFkxYGLU01EUh+uplpK88pVmudemEtQbINOVdwwJk4k6tWIg7fiCkcowuWf3LCdF4/fKNJhJ5d/v2diIlSoIbifktWaGA+tnz3dLU+Zp7EFcrHrGcenQW/NQkojS0MZmAIb1wPjxXCSFFVRQyczcTYYHLto0NwHadOwu7e6ivEmCy2baJXFHHqdCp75+LAkTzoJv3+w9OU8pjQ2TJ5AasdpxuXKg8Bqo2c258AFudX3m+A3ONNlIkN1x/fPoFF1O10E9Bh1vTT0KPAN/3bxZqvMraumzwix/622UyOZVsz00tjhSQZpjPH23xGQ8PlWTRkZBhIQ7Vxf8EZk2iCWAjtSE3Y9oeCmdfY4rbXcQeFu30uwZWWNRUazodiFmeDK204GuWj40FJkeXGfc8icG229RzJApzkMZmExRtrFCCGG+8NpIMSWn523KSjBKEWCkQar2gYA4aBsMaRPDzpg60pbkZ6vesnoLpNsITYSz1f1cloTr/TRTtDr8OVLybMhIFl0Rc4VuHAR1JC1vts7YAtpBhmzm5Z5BnN40f6HhAC1ZRVoV4ieEEUCgnU5qG2T+Ij0fJrMWdtBTpzxxjeg7tCUmkypU+tDXhApbPo8DoQez4epSBlpr6O/izyQl5RIFSUmie5qmk30UvSaIUn3e0Nk8C6Aw8ovAH8SfSQCMzGkI+LD/7+ipKEwk/IRLvH9MBc/5UVmYtRZVzBiSSW/OCmcTyZt9GZNrIkhBi6Bys2CY5ASfKmvYNFIgG+Q==', '2026-11-29 08:56:47.117826+00', 'clearance', 1, 'application', 'InProgress', '2026-11-29 08:56:46.9367+00', NULL, '2026-11-29 08:56:46.9367+00', '2026-11-29 08:56:47.117826+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, '2026-12-29 08:56:46.9367+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('1173f5a6-0152-48ee-aeb3-a2195a20b76c', 'CW-2026-000003', 'Initial', 'Secret', 'Ministry of Tests', 'subj-backer', 'enc1:k1:6DcDve1/jZNwXXtSuiL7iQZrs/ixToyXyulsdYvSXXLz+xTPALoAxe5TIan1McSffPWI4rl3mU9KcVuXbAqi0fMIjSgbkbwiUjmrDFMqvn1aG7szoYfA6NC/S/NC3YyepDMIttRnNgcKFOnBFuxi+OXSz0pdEiZhlh4zE6oe2mJSyCKoXRj7t1D7ESo89zrT10OjV+icn8h38l9jerFrRtJIjN8dqq6LSg==', 'b96ef683074c754c490a9c98badbe4f5a50b2a30a01e5b99e8d4c8e39d965204', 'enc1:k1:4dx1fRPeOZVHhgZHc+wjgqBewpdmnWgOeGbG24a2LDzPv55zsBciAfsJs6DrVLXauI8AUdj6q/VGdisxjMrzOH+dco8vBjAafwBSQ/1FvGTAmkjE7R3B/KqYTBHlrCCa/4iDf197CpYG1nxICykOnKCRNwc6MDsCht6l4Hj6PSodFDBCcdVWPGPgyqeQ1ZATbNSTwMKm3V2dphlG22gFQfNeKqe/UbPeUCOkCCpX41/Rc2YtKfumqGG10OrG6e8McLVskScc97TqsmnMGc5S7YW6Td6aA5tsF8Ty0hdh3YsnDkNTsTGbW/EbMxjI1YVogk1R+SBoTzXDxLC+qjBBqQ8Z7B0tW2uWt7QuKYP9nDfqyBrfykHvz2Lwy+C1+uB69pKkVEPQDLv4xxrFvQGXdHNefv50fnEyXY7U6bxwUmhW4QSIdzUn4K/jhw1WKYN1j6GXlhhpfoSMS1HkeWc/t2kybsqPbv0xMMfYLe9H7ri6fM4W6F7ezifzVSWHhuK+PI/RZqn8V9cM8FI3sbLogOuq1qRhzaB8nSTRRr2K5s8MUexzhRjgV9ixb9e+Ye8D0mnoHvLirQM0LGZulwZ5mBDaCr+nQ4F1bCPbhW3Tb4Vd/a20qnN/i8DOpQGqj0bokhGG/FqLl6SxzSLfFU1WLgXlLrT2ekc9F8ALXdSZ+TQhcJnqz4Nr/7gXIMJY4Uq90FszCc/7RPtvAK7O6SE9pzCV1/7UTuH1UlNS4llCrK22zjmmZb0jbHr37f8uU70jfoPqpjJj/9x/4OnchVaKtpNb0dFTyDixP4S9rVgAqwF8zgCvjnj8hdhUosaerkdgyOb2TBxtcvVEIc4eQjpDmc5JF0Pu8jEDhCboDdxisDN6WkVpR/lgs12nmDo2KcP6P8t74XIdInK//93YaQ==', '2026-11-29 08:56:47.258637+00', 'clearance', 1, 'background-check', 'InProgress', '2026-11-29 08:56:47.278008+00', NULL, '2026-11-29 08:56:47.139681+00', '2026-11-29 08:56:47.278008+00', '2026-11-29 08:56:47.278008+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 3, '2027-01-08 08:56:47.278008+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('218d1894-58fb-417c-9f52-6ff91625282c', 'CW-2026-000004', 'Initial', 'Secret', 'Ministry of Tests', 'subj-revere', 'enc1:k1:85tfFhVtVa1pQU9MlbCOI6pq6YMu8YkxseZckvwxO35D98AZq8JO3oH8UW8nMA+kyNiCIHVfM8MHlFjzjjxAuLHN033MoYuR4Bhfkl1ENW8yx5XmorhMswCaeuzC/k+N5xOJ6n099SK2Ev4rPgmF6/UbkO8EBQhvFcqDm+I+Mv1//X32dyebG/jzQVTyh6oN9K82DaB5AQRrs+XWcAK47mpNwsWnt2Rg', '01aca1d3d79d382e584946ce761b157eb3ef9a73cd064be8eecbeda7064e5d05', 'enc1:k1:JAxfn2+JFuL9SPzn8tH2EzG8EoExpQnFT+76NRwGqJLcxyK7lRJIrrkNtiEKNh0ebfCmFLy75NBGyMcmexxIQNgPUcqGTkQX+ZN3Rfi/7JDlcSmJfLyzFx4NcbCmqyIoAUelkeJiVdB39DwOAOoyZu8xoXRNrQut46rBmMA0skYFgg6NiL4DuR8GIITXu5IqL7nysEbqBIh+PQdea5maMRE8/2q3ry4ibkfnhrxsZxS1YQZMX43gzME3lDljwMc62ZgFD13wmTu0y/XfvVC43BFvnx6ZqAKHpFNXYsk2EDQZbDGWQ9sJTQuu1/t8ckHV0ptGVIePB6VNCBQ/gBAxnEkHtcAvobw0fLaFQAvMcXJ8B1G5LasfUnG+unNWVCLvRvRTgHJAbC3ZOIEv65mCxazikOiGg0Z8gBwNBWkYs2Twv/SmcYQEjMnfrQgX2NCH6SRLCah+QAjom9AETnrveAkjTZwSddl89fmNgeGR5xE6zLoK5GtTugA/G5o7b045CXqx1+AdNKt4ei5NJp0tSWJrfF4uaYM+/TtpeNCclzDsGVGuVcXsqQqulhIT+SdQvItm7O7mGATCQBm7xqHxwkrAzstLpD0bKCU5tcZT9zDcE8DXoJm0XOapOnCj4tgfcktaIIcM8ohQzIgAxjvPosYMjUv31YISOTSEokGMI7U7OF2cI0QXaZUCvbPsYnyorDytvLqO2ap0Q+HYrwy2zkWy0N5PaZK+rmJu9PW4dmDzPIlkOXsl5UXIdREOTHaBkiuJUbeRRbNoZnpJIvlJQ2fBMkdvePxV2jlDkpYR6xLBsNKOGDHDv0S4coAe40JsUwViysWWDICHqixdKQSHglvtD36it1hvIDaCHbIJgERjwAbMgCOQ8t/CRqaZiNxzEYwjEtdecpoG4mQNGg==', '2026-11-29 08:56:47.474283+00', 'clearance', 1, 'review', 'AwaitingApplicant', '2026-11-29 08:56:47.63054+00', 'adam-fixture', '2026-11-29 08:56:47.412323+00', '2026-11-29 08:56:47.939395+00', '2026-11-29 08:56:47.485346+00', '2026-11-29 08:56:47.63054+00', NULL, NULL, NULL, NULL, NULL, NULL, 9, '2026-12-19 08:56:47.63054+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'CW-2026-000005', 'Initial', 'TopSecret', 'Ministry of Tests', 'subj-inman', 'enc1:k1:5thN7ihyLHXln89zvIm6vAzI0mYmEnrMtdwBDQ3T0jBTr5EA/VBxgssuZAfQxmqELpd6mh9myFTo+/zNuMyxH8SLvB/JmawLUBKWXzVv/k1zYOIwPVPnQsTm4k25i2LQ4duLVkJ4ISoGH7kGaq2DJdawU7rv6FlnWxDaObwG2HEGNR27ZqlfSmOHNJs+6Zw8ZJIUrhRy2wQSna1IkEWPtD+4oENNKC0=', 'a9c7e560bd533e302e7bf1602a807d7e3c6b0fcd90eb55edcd01f9dd81574f08', 'enc1:k1:Z/UWGOT7T4K3g+jx+josVh2nzataB4AG6/6HLJHXWW2Z+7120vtODWVuHnzvRoyZZ5FkvjNjzOFrrpVLc41mH8hVhlO1Hq3M2cRvpIQlp1oEWBKP/0ymj0bR+rjyiMvUbThDEtriw4i/g31RbXPF7B9VZ9X/DakQK68LxGRaRMrUcUtKAGTpUrYRs/nJWXKtYkHw4oQjEfPQfD4jTAn/Nm2xhdbo9ihX0rhfIcWhMxtwS6dVHS3fsBgMF3rojqsCDj1q6TpN58S0f4tswKABO88+ObXo4+D30XmjZJV5TSOoATH+NsXrzIpuEK/Lhy19RWSVyvJOAvpQhPbn8liZcC5ikPHValrbeRVPR4LGu7JenJG6vI6aWtmjsITAVzia3IRP/Hb5yg8WVSNLqQjh2JfSsjLvVpsL1YpVYLHdtjYocd58ogs3w4xGJIq1jWVqGk0Tq/5qNI7+luBU2r8sppg0PupvYqFhpJKXeIQbSYN+9Hk2xVNNzTVfpv/q1/6oUsmgvt6o0ToYwqBIY2bzp3mvFCakjRuDDaC2q4BdvJnLBOrNFrj8xwl71MjbAHo60GEM2pshj1RiD3qiU6u4/PO7SUnSYc5EHFXY7uOoTfhCjikqIkXm/VhNlgmAJ08+aLgxiA4LqpnJAEe3iH5MWXpzR8AuI4fZyHCbyqUWIek0JTIKrDo1NmgQbjiYqBaAgzLcQfK0uPcPsKFP15RJRQFgj9JveGy5iH60xVigmorcqCXroCxh7t3jHSTOS+wlah9Lz4dkuSkZJh/sA/PP6rGMOaz5iDMD8D2ucw+xeYcQxYaRr+On9BUXSlbJgq1YXP4Flm06CylBtXbYWOmC+iyn5/i2m55p1MnbmzjbdgTPhgKRccofwpxFrC7Ravb6YeBHgKTRD2YmA+tYaA==', '2026-11-29 08:56:48.139805+00', 'clearance', 1, 'interview', 'InProgress', '2026-11-29 08:56:48.801205+00', 'adam-fixture', '2026-11-29 08:56:48.078424+00', '2026-11-29 08:56:48.801205+00', '2026-11-29 08:56:48.171633+00', '2026-11-29 08:56:48.717125+00', '2026-12-06 08:56:29.103451+00', 'enc1:k1:LobertzLXoniO1qVGgEoozStw8qVpXTmxf6lclpyrbzhDuRu', NULL, NULL, NULL, NULL, 8, '2026-12-29 08:56:48.801205+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('76d89385-cb2e-4c28-9bac-0be3d912ad46', 'CW-2026-000006', 'Initial', 'Secret', 'Ministry of Tests', 'subj-decker', 'enc1:k1:91BeXztKhWPJWa69QCgnRTfcpElsE92/thhi4iXhaL3VXZKJUcV/wS72t5UVQ+vzKycYy+q7rdCofDe1qzvAGfeltA6gFqYS9RMBgaUynL7gs/RGDb+n/NnU5iWjz8XG95Lbl/a6HmiAXV7ZJxIAA5Wuo4BGARlo2Divq9HJYOo8AKrR8GJyCogBVIJtzvlXJZnJ3nuPQ+s4vu662sbT71yP7bZnb4NC', '01aca1d3d79d382e584946ce761b157eb3ef9a73cd064be8eecbeda7064e5d05', 'enc1:k1:1RybVF1+oJbXGnxDuSm8OLeIeGZ2bSTb2fLEP+07CO/Ig+BRsXj+O9nBBOtr13jVAl8YAGIC+R5wEVDLznM1uAPKXJRz7LS35NZzU9taHnJzwdUcaw379qwMGJHeb4Hqu56uAbWrrS7Zdd42sm0klCaLjkRLjGb+DR/UzsE3nGFGmsq+1BG4Nix+L48cps+AQJolA+qi+as5TTgGGjeduFhs5BBvcV7+jzLkMLJz5AT6sBbgU2KA/9ZAUKUw8foE4Eh6AHA7SBrAa9qXZQjiYMV3egX/KCvirhglfvIeQgGhm9Z7NV6FOYy61IrWbdgQ6Uae7Aaw0xJV9Wq4X4OZw0EDsZjxFhhyVvoMVz5pCEEHAVWN/i4CgbCrv3xqDIpp1uygatRK6caupjAbTiGu28Am4Mrd6nvHIRQVG0vhL1GJi4VM2dvcq0Rc3HDlpI7EY8k2ah43yJYLP5tw4cutN4Z3HP9fiJCp6fO+NWhMSAttFXA1gJGmjKP0iMwmFDamKN93L8nI0KfjxAgzepNIfH+Ib8AmyBAXxNxV09m2xO4oOCD9UJ9EHynW90DMr3HeZyE9PXJWb9fzuQWsGrEktH7/7wOUqA2uu1AcRvuVMAWjaxLQ28AQXiFQWeWnpW0/40h3QN1t8f5X8bspe1UciyDZilqbV3RrnQKgapr8s0p/47GJHFVanL2WhKep/7nWdOrnrYYw01UsdqTGy+3uI2C/FDnm1OodH5suHW8j2sJIlicCKKCI8MAcka+okpIUaQqKzV7dO008mFt/eZgqSjUYlAvmRmOKqW/XKxD3df98lzJQnvBDNaZ33PQGAQxj/Rzj4WMnAEPeWRwHkurlRGnRTyEwio/O/laR3idr+den3QpMd9zvYtdu8T8l30EyJZf8oXlygU12+UZ2eg==', '2026-11-29 08:56:48.998308+00', 'clearance', 1, 'decision', 'InProgress', '2026-11-29 08:56:49.321691+00', 'adam-fixture', '2026-11-29 08:56:48.910693+00', '2026-11-29 08:56:49.321691+00', '2026-11-29 08:56:49.009854+00', '2026-11-29 08:56:49.124953+00', NULL, NULL, NULL, NULL, NULL, NULL, 7, '2026-12-14 08:56:49.321691+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('c6272ec1-ff2a-4feb-a370-18285d11cff9', 'CW-2026-000007', 'Initial', 'Secret', 'Ministry of Tests', 'subj-dennis', 'enc1:k1:ZN1ylkTEkko6yiYVSnr5q1HGGzOu3Py/9VgBrNB22l9fchiU6tvjJwsdL4BchRIHdGSHTbB21j6XLrUXWqSCB3VRMJfGvP1NeNk1Y7EoOcX4RWJiobQtQZD7CJ82Z3Fxk6VYMcIWXEUOx/0pqxbDBvCNCRieyy6pDHLkejnmwP4yw8U5bGDziGPVJaluWBkcLMW7fy0Pi4BlGRzJwfXLFHDYPTjyn9pF', '01aca1d3d79d382e584946ce761b157eb3ef9a73cd064be8eecbeda7064e5d05', 'enc1:k1:HJGYPe6oVm/kzSzmsTtVR/DQUdYQufb18cvnYmtoE6+PqYhsFS/JEY70l+pK7bcZqOrLWWK4hQkMHdwvaqcePsewEOztkVpzqVJQsVfILWqtD1sap62RSw2GYVE20d024ehah8MFFxVqHtwvxLGDOUVBOKXz4tp54ljRCUwgeKBFumdv/HiklA+7IfvwqM8vcvVHcCbykIMJf/RxbsQCAJ5HhAt6sHyCN+HGGr+ZOG1vtT80c8PTaj5hCzIib+PewE+gfj8nHcksM2locHMxmT2SWOE4kBDqkpNKPfObqnqtM4oPKN3BWBcgaRDIDxfJFyDzuSOljUPodN707v92IjLlW/SmOTJ1F/vxuGPzfgBiUvl72t20DvQRSs9nWvRRMkmbJgSOQYF0h9GP8bx4fuTNqHOZk5X203z9ijKRlj1kMUtwbAEW78j1qL6aeNoYhxUFUviXaLXgaW7RQamfAWubdKoNVHrFIrJsK+FfNZEbPTCMoDe0NtDAtvcG5UsQaBZupz/uX8hFNjf5kTZGRykdn8hafsCRnIqDA0ZtNwRO/J2m0Fsq2t00eZG6HmAEOqIA6aKNl0CAm7witD212Ov/TvPQq519gjwuuW3tu0PkR8gLFTAVoF56s/jvGmybjYJaDd6kroT734jDT0a2hEF2baAbvaY7klqzRPZODcoycdxgtIyeGsvnx8Q3vSjbLGwg2Z9v8wv9pyU0A8zGifqHqT2/CPgJPODNyj+3Jx7CF9pr9ji1L+2K6M1NFnfgdO31QN/49PYi2vAjvmcMSDFnAQQ8AGJHUdWMxj5wcCscp+/PZeaJUTexkdV4gyuVkOCmP0JBLHTHbY++WN2Ga9uLtlEe8pIH/pA0De/MbJaLv4ATb/B0OBVSN629yO1vec4Mu7zZlgsxXs10Hw==', '2026-11-29 08:56:49.40086+00', 'clearance', 1, 'decision', 'DenialPendingConcurrence', '2026-11-29 08:56:49.883302+00', 'sara-fixture', '2026-11-29 08:56:49.361478+00', '2026-11-29 08:56:49.966113+00', '2026-11-29 08:56:49.412408+00', '2026-11-29 08:56:49.600643+00', '2026-11-30 08:56:29.103451+00', 'enc1:k1:4O1dfKgHL8w04jJEDtAGpDr6NAGuWkKUunSNC7PGWpArFQ==', 'enc1:k1:lSP2ukCAHyhL8Yv/5wrbOwYmE6blvE6rLLMUuJ0wL8hYpgCaQc7/k+JdxX8dSCexEuEGdWtM45c=', '2026-11-29 08:56:49.883302+00', 'enc1:k1:AAP8yoHOTqFjvtabtfjCI+I0JfO50T3EOlx+4d0RhTToJ9qtTueH3UqLhE2Fnth3fWmy92Y1wIYym5rYLWzZHpI=', NULL, 13, '2026-12-14 08:56:49.883302+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('2f1270d4-2008-4a38-969a-31bebc5c35f5', 'CW-2026-000008', 'Initial', 'Secret', 'Ministry of Tests', 'subj-grant', 'enc1:k1:Xvd2fhMKgo4alx7hvRxkldlw0+ZXhImUkzQ3fo57gkhCpNUtOdcfMK999GZUT5aZ7Wo7QtamEyymEQkV2EjGChelVSLdCjeIeFo9XYUw2COa0jgrx+FtzXs7zg49dTJEme5+vSl0abhG/+Rk+d2b5nVRiZpYIqez1JuAM7yl6ZcKq9fRtss6XWJs5TS6Dsl+5ad08eDWtfmFMenWfGqnNux+NqrNxkL0', '01aca1d3d79d382e584946ce761b157eb3ef9a73cd064be8eecbeda7064e5d05', 'enc1:k1:Ic4CaWeL3HJHVqmYik3Aqbxo/4QLCyDgtUuVJpg9R1tnP9twvWHJZDo3PZPsuRtgpOGFaeGlu6EyfvD4KqcM2J53zEbLrnnstxDdVE7FjXZc9aKngxmdj1S3MeFOgfCdF9X+sCHzyfWtdThdNAyrBseFGTrHqRKiGjKLntmdr9G265QiPe+IH0ueJLmEH7fuZMj78kta2ynmlnSX95/pWbX4fZGYG9hlM9Yfrrfk8vxtSQyeXPKgsUvGQZMZP0JEhxMqk1cDOAEqhbAht/aClahQ+I2opeZVb2WDCxyrc4MaQIkiBwAry4txKbGrLY1+WZFLz7bYnPd33BSL4TYPJJjBxj7GtmG0gfMZ3Q9KuAA9C3Hh8plJVA0W+bf+HgHKh9qQf8iZf9XO/MHg4BgSaXYaHtS/5eARXU2UemG6Nze4BrPrRkcX1Oc38kinfb0pxw3bGBVlZ8WEiDoFHrI35slh0duIGz1dc5A87mqd79aVqp7yv2azZBYWwInLl7TM+qBrBybpuBtnJ1mH/ST3onPokq9DPs6kVwQNmqg3/K83iwJwQBvuCVPXwbI4zNGm2OTdnKy+IuIAt0Far2c5V5Ij20vwm38L5sF+z/43X/ujqOfkdLAUzk/TIkoWmPKUetZNvlx6pT6hl9FFSVZMRqskRH3wCt2tb1y4LYy+G5LR2Yz8fFNF/tmd8xCTG3FG9W/hAUgdTvSLGXV7Axv3Tso1lVmLfYdoaHohcLlGA3HVZ8rpOHjonJuMsRFYN2gfSX2yEMcnH/a3goJnMNyloI2dbEgKI596ewR8RDDBkog6YwPDWdUSQQclL1E+P6jlRxyBLPl8w1k+zN1C8e4d7TJeMGqKXr81YXuBO2XvVhvl3tym0e0HtEEh5x2M3S0bNtPMrFaR0Yqw/Y9Skg==', '2026-11-29 08:56:50.016718+00', 'clearance', 1, 'closed', 'Granted', '2026-11-29 08:56:50.762311+00', 'adam-fixture', '2026-11-29 08:56:49.993098+00', '2026-11-29 08:56:50.762311+00', '2026-11-29 08:56:50.041446+00', '2026-11-29 08:56:50.388208+00', NULL, NULL, NULL, NULL, 'enc1:k1:YrE5YmoL4Mzf5LF9F4yhefkY1GnP+MRBz6ERaBF6HyNe3jfVPjCUk18D2NhMrE3eVNFsykCoZ0ECpbtbpvXdxzcrpiI6BdxAP5CPvOKwzJbBsle/KqwKYDyOwKbuzn0=', '2026-11-29 08:56:50.762311+00', 9, NULL, false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('7e201c5f-c410-43c1-93c2-3127c21e420c', 'CW-2026-000010', 'Initial', 'Secret', 'Ministry of Tests', 'subj-wither', 'enc1:k1:8lfzSLbgggA2aoDBe4GdhyAwGX6gUIquIiH2yE3Ad8fU0mGzy8WkhowE+fXBWgtrEvaba69m7QnXwCr2HWYgYtsy3q/hJEEZ2nAjOY0+AZjzmU+unQpUX2r+DisBJgFQXAWdXfjl5trmZZcvvuV28ME+iLDOuq4m+neDvb6mS7PN8KklAh4EBFDHoIfX7YvM0vJ4zfKSU/4TXn6eLga9f2OpN1M0lKdW/w==', '167a1abdc5716d351b50447d933218191dc43bfa170e8b6b7c80fc0e5be15396', 'enc1:k1:hybZ41xIjk5b/7UPWxN7q+uJfWAs531drCR5Vpx8XblOQUY5UazdEejGD3S4eWJphgR6t8jHPB8Ke0j3dWUacomsYsTZ0S4kTigeziUuq6wm9QJlB8SVwAWX6SvjBikPpSWnNUOt85tfhC+QirKbgJPssyGxFSdS+3zUCJjBlzSxs3DTMqtjX/dj4eKYWsfzwn4arQsp2XX5720Vv1hM/PbQTJlcwPRfkDRP/PsLYHRk3uwgaE++mobeW3kO5HJNKmmcpsNO5cU6//+0LYrzKQ7k8h0uIesfnJLuAtwK165rKvwdbTl1SuzZJLLWZZDsaif5tSBxuoPt6SRbO/a5vds/lXEMPmcot6eRD7TH9a7FyBv3cnXwVYxKFdSo5qWRuJy/b+MoDUSoIybpgQvrt4ireTbQrqAChW482QUGsVDS0nQzTTgGmuiYAnOc+z1Wz7tasMM59y0WBSuigu7ZTFwxiMVcc/dc7zEyGhSYoM7CN4JtSKdMfey6TpwfZkKVb0sI+fsEk8gser8XpDDEdkfvldVPkSY8UOZOqkNUuY0VAlkfNQDkDiscf+rGRC6yWkxRoU2TfkeGTpy0NskZUN9mrbE+0psYGuNuFc0D4oyKiVMFCpYdQXnKRZHKcE05rCc7JMPR5gMWuN3huLhJrdAIXDgXyHtDGjN8yeoF+zfkCCHkuwhfDYyoSzstU4ODt7LZ8Cpt1lFwjG5PSC5ToGqX+H3gJUvi4xHSZsPfwabr3uBdr3nFqRUl3lRoC9LppSX0sBojwiWY93qQ8FSLoith4MeTxLzI0zguu/z+LatIU+jmHfTABW5b/F4EBszRjTul2hh+5MQ2eXMASkC4kE60R88AhN68UKpFyoQ4zlGa7ntQQj3BkGkFJBJcb/xIpABcjn/reF0/++z7Yg==', '2026-11-29 08:56:51.674424+00', 'clearance', 1, 'closed', 'Withdrawn', '2026-11-29 08:56:51.784772+00', NULL, '2026-11-29 08:56:51.600011+00', '2026-11-29 08:56:51.784772+00', '2026-11-29 08:56:51.717866+00', '2026-11-29 08:56:51.784772+00', NULL, NULL, NULL, NULL, 'enc1:k1:gRaHCPMulcjlsxxvHacY8apPX7FuNbiBsXFxWNL4rWoMZQUDCKYLui6xiigMSkaYhn0YhUZzWWT5VpMH', '2026-11-29 08:56:51.784772+00', 6, NULL, false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'CW-2026-000009', 'Initial', 'Secret', 'Ministry of Tests', 'subj-denholm', 'enc1:k1:vc6fZo6JN2cwYlqkVOcbhbY1Lr2dxwR6jWPkEF7jaIAOHLCFd2sqrhimEB3bcb8EjBpFiqGyzUKsBjj3n7AKgc+JOLzYkOTLqLyr5LvBzaMqYBV0CLyuVdD+cpDLCF7RVmwy9+3zZI7EolpRO1VKXjNewdlNAbVbNAzXqF/Cxc1oyea14UZ6/Q+Z6KKp0qgQH3dC8ofve+Wxi/6VnZ2/dQY8UwmQ7hQ8', '01aca1d3d79d382e584946ce761b157eb3ef9a73cd064be8eecbeda7064e5d05', 'enc1:k1:VRxjhH/Ac7Zo3ECWyluuwP+32BbBh57rBV2A3wWYtRGMamOYa6+5B5VtcrtQga3OrDngvDFf833/ZKDFapFNWxi4hOuokGVBIH3QeRMDAxATA8UUwNHYxovyfqfyCgZEY0qFwDcbHlGdHI2RXzUTtS9idx5Uu+1O52qGAOvEUsPdO4a87rVaQngWojIQVXsJMJYXk267GGG6SH3JA/HwZ39tZX/ZtOQh3EMCarEKTokGdLAbszZER/iBhpLdQWzEj0FW/2cEzWMJ8zE0krCBLo8r9JocZ9MQNg46l0mwybco4T4TQTu4QNpM1Obwaw4BpMdgpQnIa/ytVILsjYAPzFdHJjlP/pvgoML2tvvf51Heji8eG6iDC/J8GvZIlLECd2W8eQOE4TpL3oQpmyevg5nxXYyqq2HBQ8kaZKHzPkSwc0n6p7FmXi3/KCcLzR68meWTZqmSEK7WUA2XmlU/jRlOo4plTfoxeV/ihjAys+pJyeL3bcwXYsUY27GQrMVjDuFcnDbzVjR85zYBuVw1baHdfYYDQG+dJvxtFejLHzy8AYNN5+VWZ6kSse/ctQ8wyNDLnfGhawEMeiRWr687gY/2GepaHL6gVKejTYseBJuzW1sOS+eLVGXGGKHNk4kx4cyprGSe3C7OvstpNP7vpQ2ahXZQBe/rUZECyCEj8zXrmsTnUe7rVwu3E75oj6XC+WKw+AV2UhKzr67wF4PEwdmfbbQI5p7EdrWVdJZYCg+nPRfspvOM1UGYIQ50nANaAn3PMkERu00EU1pYzeptvVH5087W++fzCTqvMWx8Mt9WilTlDDkyM9L8EcFSXzCNxcGOoV6vTABTLv0uxl5oLyAOZQQ+C/3CYy57S68KLBecst4pFfSxengHNBcqfhEiIk5iWgKW5ANQtR3GOw==', '2026-11-29 08:56:50.847028+00', 'clearance', 1, 'closed', 'Denied', '2026-11-29 08:56:51.564804+00', 'sara-fixture', '2026-11-29 08:56:50.803898+00', '2026-11-29 08:56:51.564804+00', '2026-11-29 08:56:50.868433+00', '2026-11-29 08:56:51.085465+00', '2026-11-30 08:56:29.103451+00', 'enc1:k1:Fk3R032tMuAMg6ZXT8anRGzD9+pNcCb3ff+3VvA91wA9Hw==', 'enc1:k1:uaRgAXYStYlh1dqwdhh07yRWwzkRf8q4e7zVQ7upj6U6q92UHmSes85AmDIHiBb3J3A0l0V3apM=', '2026-11-29 08:56:51.443832+00', 'enc1:k1:S6zGrI/vYn5n/wxL3djVXQSz6wx16WLKlKumLTKcnvr9qoBYoi/SaOb+TWuq4B1l9beUwK3gdo0sYaQO', '2026-11-29 08:56:51.564804+00', 14, NULL, false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('4547d420-760f-4b42-9c22-59052208e208', 'CW-2026-000011', 'Initial', 'Secret', 'Ministry of Tests', 'subj-pending', 'enc1:k1:WeKpAIXVTeOvpohHRJWsrb1GvVf53+4W6up7o9/XSzJRHt1YsW8anVL479NEsrAlefbZ418l6g1nZ8bQ5TBwvROwZCOcQ2YPKI3sYRE/UhJG/4eSKVeuUC3f/PMg/JdEnCB7tF3tIKpxaNxjOttwgbCch11PNaonni+ivrAY8Cnk10WudF680w8vyUbyL4w5tfjLaAfkF6x2kQPwDXSfDzCC+aqZZKccEOAH', '06cfcc103bcf0f8c4314c23f3abd9b7df190e56ea176574a15f830362e54ed43', 'enc1:k1:xiyTu3xegM8Q7CGO7atbIfyn7OiobUsRmvJNXcd5gyepwT/0LjM/ymworlZqRP3ZewVJZOlo4RST36sKVrg23Qh0hLuMz9I29eyY5rd1GA/2ILcO2V7TGLyDOVy5FPfHUlCvP78Tl3QyI5Fb9Q/EHw7lIpKqfRfOl8IfPi2fvmV868yMNaMv/ZQSNWjm2iD0oj6J97eUj5yU8f2AIHzxQ3vijKCNPShJI5r6g+jfqUb6SG4CEwuFh0isuJ+89cSSzuu7qQYaaBWg1xTkMc5SgtjGbOHWA3cIWyS1FFBvPRm0mTG2Ll8F3dBx8gR6si2SZ5rKUjBG3i1qyFKRNIgzTU1SDbQc8fJ9sabvH/ixvzUUis4km6mP/+jKdrWl/ZwJrSs36qWCzThv9USZSlbjfiO0P47sFZVcfV1klDGqxkGKLIdgrNWA7cJYhrFS6B7Nm0JmDixTTbDCbYCybyrkRsg2zr8v/j9jvJlep6Gtz0YjAK9R6ibOt5aZiPS5GsHuBHIFOwj5wAMhujGTALjqKT5NpBLVJlnysRFt+dnH/wYGucLvnFQ/lT4sQ2pzo9ITO2nNOZurOyG+86PA8RFZm6+KuhPSx/mEy9uthCXW3gm5ju0r6Ggc2oO7M+0+iGbiRr+xsVan54iRq3ulFp1MKMvkb4LV8HkQkPNvYf8Ktfud8L3hXS7oFhqN8JhBO1haiTOHAlIAnIpI/Sy1et4px31dkAg4wJf5y5AVlQYYrLR8utcTpKtbPRvGwOCOxecT9M3X281Cg3lC/rhy4F2MqEvGoVtvwAi9pbJbt3zN6vrurQ7weSb+xAuCv4P5yG8fY7vp2T6S2fTGZW8sngqiGaIeqVveUlETnW78Yf2E9kNX5dYPN7zgKozYffXypQpt/O6xjPq4ss9gA8T/3A==', '2026-11-29 08:57:02.923267+00', 'clearance', 1, 'background-check', 'InProgress', '2026-11-29 08:57:02.946495+00', NULL, '2026-11-29 08:57:02.873293+00', '2026-11-29 08:57:02.946495+00', '2026-11-29 08:57:02.946495+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 3, '2027-01-08 08:57:02.946495+00', false);
INSERT INTO public.cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex", "QuestionnaireCipher", "QuestionnaireUpdatedAt", "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "AssignedAdjudicator", "CreatedAt", "UpdatedAt", "SubmittedAt", "InvestigationClosedAt", "InterviewScheduledAt", "InterviewLocationCipher", "InterviewSummaryCipher", "InterviewCompletedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "DueAt", "Overdue") VALUES ('657c170e-d512-48a4-98fa-552ef8b4ba76', 'CW-2026-000012', 'PeriodicReinvestigation', 'Secret', 'ClearanceWorkflow', 'subj-oldham', 'enc1:k1:voWm3Vi73KFJ27sak8sfW06jNR/Kq983cnrG3Go/NzIJqVb+G/1wKyUGH7oq/sxmGDdIaLUOphPb0cN8FvM8prFLlR8YiPLEGhnfXQBVY/tcfFMQQ8EziTZXk3PGO8feONIfRkn6Dxi2f5Q6v0C0x5JLfWauV48IiQp4PQ0bCi1QVCtc4U13xm/l+dfB46iPykljgmHBGMGA9/BQqc+ZFq7c4UMmSZuIvg==', '7e5e77f8cad191ed39798bb1eda091281c442937ab5684c40743d6c1f5163996', NULL, NULL, 'clearance', 1, 'application', 'InProgress', '2026-11-29 08:57:03.249305+00', NULL, '2026-11-29 08:57:03.249305+00', '2026-11-29 08:57:03.249305+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, '2026-12-29 08:57:03.249305+00', false);


--
-- Data for Name: clearances; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.clearances ("Id", "SubjectId", "CaseId", "Level", "Status", "GrantedOn", "InvestigationClosedOn", "GrantingAgency", "Exception", "ExceptionDetailsCipher", "ReinvestigationDueOn", "PersonalDataCipher", "NationalIdIndex", "CreatedAt", "UpdatedAt", "Version", "LastReminderDays", "ReinvestigationCaseId") VALUES ('868e230d-18f9-4cd3-8b24-db3bd0659b0b', 'subj-grant', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 'Secret', 'Active', '2026-11-29', '2026-11-29', 'ClearanceWorkflow', NULL, NULL, '2036-11-29', 'enc1:k1:Xvd2fhMKgo4alx7hvRxkldlw0+ZXhImUkzQ3fo57gkhCpNUtOdcfMK999GZUT5aZ7Wo7QtamEyymEQkV2EjGChelVSLdCjeIeFo9XYUw2COa0jgrx+FtzXs7zg49dTJEme5+vSl0abhG/+Rk+d2b5nVRiZpYIqez1JuAM7yl6ZcKq9fRtss6XWJs5TS6Dsl+5ad08eDWtfmFMenWfGqnNux+NqrNxkL0', '01aca1d3d79d382e584946ce761b157eb3ef9a73cd064be8eecbeda7064e5d05', '2026-11-29 08:56:50.762311+00', '2026-11-29 08:56:50.762311+00', 0, NULL, NULL);
INSERT INTO public.clearances ("Id", "SubjectId", "CaseId", "Level", "Status", "GrantedOn", "InvestigationClosedOn", "GrantingAgency", "Exception", "ExceptionDetailsCipher", "ReinvestigationDueOn", "PersonalDataCipher", "NationalIdIndex", "CreatedAt", "UpdatedAt", "Version", "LastReminderDays", "ReinvestigationCaseId") VALUES ('703edc44-68d3-49df-868d-e4088b1474a0', 'subj-oldham', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 'Secret', 'Active', '2016-11-29', '2016-11-29', 'ClearanceWorkflow', NULL, NULL, '2026-11-29', 'enc1:k1:voWm3Vi73KFJ27sak8sfW06jNR/Kq983cnrG3Go/NzIJqVb+G/1wKyUGH7oq/sxmGDdIaLUOphPb0cN8FvM8prFLlR8YiPLEGhnfXQBVY/tcfFMQQ8EziTZXk3PGO8feONIfRkn6Dxi2f5Q6v0C0x5JLfWauV48IiQp4PQ0bCi1QVCtc4U13xm/l+dfB46iPykljgmHBGMGA9/BQqc+ZFq7c4UMmSZuIvg==', '7e5e77f8cad191ed39798bb1eda091281c442937ab5684c40743d6c1f5163996', '2016-11-29 08:56:41.749151+00', '2026-11-29 08:57:03.249305+00', 1, NULL, '657c170e-d512-48a4-98fa-552ef8b4ba76');


--
-- Data for Name: findings; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.findings ("Id", "CaseId", "Guideline", "Severity", "SummaryCipher", "Mitigated", "MitigationCipher", "RecordedBy", "RecordedAt") VALUES ('6a5b1576-37b2-4637-a263-395d33930d4a', '218d1894-58fb-417c-9f52-6ff91625282c', 'F', 'Moderate', 'enc1:k1:0QxeSFG7DSs0uTdTcc9ZHQKx0K6BKvOCmCE0n2IkiR5mvdX/vGqfDVD0/TJ+9w==', true, 'enc1:k1:tPElmzlrE5Ek6YvkAXz4FO0pV0AS1tNnf35N7fntOzD9vGhQy56Zqw==', 'adam-fixture', '2026-11-29 08:56:47.834493+00');
INSERT INTO public.findings ("Id", "CaseId", "Guideline", "Severity", "SummaryCipher", "Mitigated", "MitigationCipher", "RecordedBy", "RecordedAt") VALUES ('02619d16-a6fc-4c6b-85e0-42f94b29d85d', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 'F', 'Serious', 'enc1:k1:QiaKWOdUMwvH7uyP9m6Xg8UzM31hRfF4ZtsOqnXI+CopFQpmjVe6cOOMOQhA', false, NULL, 'sara-fixture', '2026-11-29 08:56:49.773171+00');
INSERT INTO public.findings ("Id", "CaseId", "Guideline", "Severity", "SummaryCipher", "Mitigated", "MitigationCipher", "RecordedBy", "RecordedAt") VALUES ('065dc626-28fc-4bd2-81f9-9eed2a899326', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'G', 'Serious', 'enc1:k1:vGOP9DIMpTKgZqwJ2dr6UFOGhPyDYnSpE5AuV3/tBYey/TIhq7stx5q0lAiw', false, NULL, 'sara-fixture', '2026-11-29 08:56:51.350767+00');


--
-- Data for Name: information_requests; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.information_requests ("Id", "CaseId", "QuestionsCipher", "AnswersCipher", "RequestedBy", "RequestedAt", "AnsweredAt") VALUES ('a2bf4233-081b-4ae8-a84a-aea3e4517435', '218d1894-58fb-417c-9f52-6ff91625282c', 'enc1:k1:E9tRrYN2lIdR7H8ZdQtigbf6YMBwPES/08inF3ZAOOxjZzHh8Tqt679XszdDwfE7VEjgIKWr', NULL, 'adam-fixture', '2026-11-29 08:56:47.939395+00', NULL);


--
-- Data for Name: investigation_checks; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('1a3e196e-d9f7-4d09-a69e-9c1f6783bab2', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 'credit', 'Clear', 0, NULL, '2016-11-29 08:56:41.278829+00', 'enc1:k1:WXTVe256PxcbLWxzt8xfqk3g0Khcxc1hrYQ1KNwGYTZa0mHEpLJE9VGQsd/WcvnF8Q==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('7841b538-794c-4313-a759-bb03857463fe', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 'criminal', 'Clear', 0, NULL, '2016-11-29 08:56:41.341748+00', 'enc1:k1:lpp71br8AGpPTkhe4d0wUC8rMoJ6VokjJ2btm/5VnrEV6+G7l1eksS4ElwUdL2mqWw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('60c2e8ac-1354-4f4e-a533-d655a49bd555', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 'education', 'Clear', 0, NULL, '2016-11-29 08:56:41.456657+00', 'enc1:k1:8TmQyorQx7jdrPvoteO7NImL4GuO54IQMSz3RLfDqSAvbUlxNcDBL8F4wL2xhXzgTA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('4748a304-4e64-46af-9333-241bec85788c', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 'employment', 'Clear', 0, NULL, '2016-11-29 08:56:41.509875+00', 'enc1:k1:y+OE+PVb3MjLtnhKLcTdrZXY83HOWmTo0RP7CguJSOsGsnlycOhuVhIl37QXawTESw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('56bd45ed-4dcf-4470-a86b-0c0b3074d374', 'd6e3af54-6747-4cea-a4c9-4d18323a2a28', 'identity', 'Clear', 0, NULL, '2016-11-29 08:56:41.532523+00', 'enc1:k1:4DV2wrxfe0OWH1d7XY+IvkJclFKR3jIUjm1jE+SktFBwjvDhqTkWBQFiCUZw6m+sCA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('1a362705-f65f-4f60-bd4e-50486de6bf0b', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 'employment', 'Pending', 0, NULL, NULL, NULL, NULL, NULL, 0);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('7f3120cc-e624-4923-bae0-4ad9f2002ad8', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 'education', 'Pending', 0, NULL, NULL, NULL, NULL, NULL, 0);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('7aeb3af5-5db0-4cc1-a62e-69b207a48b6f', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:47.326904+00', 'enc1:k1:aoU4ucTSt63YRbLPNHKm2VqK56Q7sSlQRTkKLwlse1rvCAgWOiAOQ9Ok1Un6Gfni0Q==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('a6ba7847-2afc-43e6-8696-db2cfa581b56', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 'credit', 'Flagged', 0, NULL, '2026-11-29 08:56:47.341134+00', 'enc1:k1:3uCU/6YK19BTH4O4Tor7HV3fKancYyx47MnC5bj2HRP8jQTvHaIPTpufxKDzWTCd2TOe', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('73a5a09d-819c-4c48-8348-7c79a9864441', '1173f5a6-0152-48ee-aeb3-a2195a20b76c', 'criminal', 'Running', 1, '2026-11-29 08:56:47.394621+00', NULL, NULL, NULL, NULL, 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('df4a71ee-7748-403f-bac1-ec175109d42f', '218d1894-58fb-417c-9f52-6ff91625282c', 'credit', 'Clear', 0, NULL, '2026-11-29 08:56:47.55512+00', 'enc1:k1:2f1wmpOnTIK8f2sBmCUwUbOztoW/DSNCv4v33NTqCTSZ3/FsEpCV9dFcq8Hhs5tokg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('75e162f7-555b-4886-8063-f7c38b30ac5c', '218d1894-58fb-417c-9f52-6ff91625282c', 'criminal', 'Clear', 0, NULL, '2026-11-29 08:56:47.563368+00', 'enc1:k1:+e/6MBwcGi/ETD1uKnYhy4sWFC7jQuaahvxh1EupUdFdZ9yGRZy9XKfFeNjH8xM1Rg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('f4f3c511-7c22-40d9-8bad-1f6edc63b22e', '218d1894-58fb-417c-9f52-6ff91625282c', 'education', 'Clear', 0, NULL, '2026-11-29 08:56:47.572793+00', 'enc1:k1:WBUe9PYRaoPHBudLK//pP/lzKfZsCFujvNRUQJne0o8edDoOfvjfWstWzNj0jMZSCQ==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('d68b6bb3-4c89-41ff-b186-815323890b11', '218d1894-58fb-417c-9f52-6ff91625282c', 'employment', 'Clear', 0, NULL, '2026-11-29 08:56:47.586457+00', 'enc1:k1:wlKVfPhbA5+wkPdI1OSSH6BF58zvvpbqbLCxzyJCuy5TlWUqA1giA7ik4Ut4rfqi+w==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('7c5babaf-8074-4d30-891c-4a44fdc2ba9c', '218d1894-58fb-417c-9f52-6ff91625282c', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:47.629336+00', 'enc1:k1:Xf7E5H/Aq3WIIToSv63k/8vAZ3uBqlhRBG4bqvBLhfAm16nqcoHFfuFeN3C1oOTGVw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('4baeda57-eebe-4b60-818a-ad921969fd89', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'credit', 'Clear', 0, NULL, '2026-11-29 08:56:48.467228+00', 'enc1:k1:RRTcJ/QQrYBOO8WNsllkcJNzjBzC9NbATlyh+MLFdN/NNc4+JRGpWTQcjNcQKCkDQw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('2e3078d6-8ea4-4a67-9c9a-0d1c02b376b2', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'criminal', 'Clear', 0, NULL, '2026-11-29 08:56:48.516949+00', 'enc1:k1:zuiEYCV4mIHBwslA9DdtYDXGOBsI7OEQqEWEfzQHkekSVakCoH0MPPBQhiZOvApKCA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('7dcbde25-6c08-477a-9ff9-ea3ad128bf5d', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'education', 'Clear', 0, NULL, '2026-11-29 08:56:48.553693+00', 'enc1:k1:u+HJLtnCsLIEaR87eujGoDMuLz/Vef38TSvE+nvRQIs73ESDtB5rpwIk1QpnN/rfYg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('3d434166-4c18-4ed6-b878-a6387632d406', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'employment', 'Clear', 0, NULL, '2026-11-29 08:56:48.59012+00', 'enc1:k1:GfVJATAUTjI8pwZEiw6i5OzUpqNc0urhiiT6J1EvXqHcHUNLX2Ws8u53VzV2FJmFtA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('ae0e55f9-5e3a-44a2-a7d8-133bcfb7096e', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'foreign-contacts', 'Clear', 0, NULL, '2026-11-29 08:56:48.610924+00', 'enc1:k1:pFdjdaVzjUAUOvca5XVHa8a/bWwUKZVQjAOhRzoYM2z7lQJC6CXaTV2RmBfYDrmPqA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('8cb04d07-7436-4763-bbac-698f4d70d98a', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'foreign-travel', 'Clear', 0, NULL, '2026-11-29 08:56:48.664842+00', 'enc1:k1:Y2x/+5bDhPu6P9pA8pQ3yBrfgaWElUElC5jocOKfzqC8U/9HZaXqn7rvGSSacAP/Jg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('77f7cfe9-157e-48a0-b695-b2965b061fae', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:48.677953+00', 'enc1:k1:pPhNNExrtWgDlTQhHcm93l6jdTa5f66PXXdkBsyi5/iTxrCmgOWP35bRhxq5NayCXw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('97f1f211-2d1b-4fba-938a-357d59e35fc0', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'references', 'Clear', 0, NULL, '2026-11-29 08:56:48.690321+00', 'enc1:k1:vG9nOz2aIpaX6IypXMFiGkOXGvLQtoXwqPOEc8y8FDmDz2wF0vYjOtLEGq1qszS5/w==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('bcea65e8-c2a7-4a0a-bb09-687007ba77a3', '70ca8cf0-c2c7-461f-b00e-e749a55ca5d2', 'residence', 'Clear', 0, NULL, '2026-11-29 08:56:48.715726+00', 'enc1:k1:pPQsYhpuySHcPp/Qnts1g6QcfEY/H7e2sA/40tfwIjWJHvsbC2ftcpWnl+FBWSZ8ow==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('a56bc698-fd27-41de-b851-ac146fc35343', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 'credit', 'Clear', 0, NULL, '2026-11-29 08:56:49.050989+00', 'enc1:k1:JZMTmD+6zt+Cl5NYiJQTRYFW4U5rS9mZ1wecWOJeN5kRxTt2KIXi6eOhNXG7ucSgOg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('ed38b7ed-f533-4b54-bc60-62fc3c9c0fa3', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 'criminal', 'Clear', 0, NULL, '2026-11-29 08:56:49.063085+00', 'enc1:k1:11kXYmE0miEZ9y93i0B1rGQeG8BwzceqqjBQ58boVaFmaI/ZvKf4eZLp5vqaLSVH8w==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('baac502a-a8a2-4316-9ed1-e0a1cd0f9022', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 'education', 'Clear', 0, NULL, '2026-11-29 08:56:49.076346+00', 'enc1:k1:inM9rmFvJHZJwnEQt7wTZPXqfXuB3mT1AvdS27AySGxATQ/OJNP4tcVhqJuGOYNTFg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('4b86fee2-750d-4aad-99c6-74a531fa6757', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 'employment', 'Clear', 0, NULL, '2026-11-29 08:56:49.087937+00', 'enc1:k1:K56rj7AGcUEVM3IbX70kRIffJCjFOgHo8dx2nPBnMzxqOia4zbrtnAFax84rjhWsIg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('b4ce5c4c-8b1e-4957-9d6a-b4ce2c08c88d', '76d89385-cb2e-4c28-9bac-0be3d912ad46', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:49.122044+00', 'enc1:k1:KRy7vu7xzKDQBUtWcfwuK6UwI321PF/5nS9MaRDeSFpmERisDRG7pZrWxoGeg7dIig==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('0ceb5b0c-3a3d-4e8e-9067-0507883f9e20', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 'credit', 'Clear', 0, NULL, '2026-11-29 08:56:49.468379+00', 'enc1:k1:heWKuvKwNkQt/KyFx8cjNBBYd+pI6jWd0bGs0Z5UnruH+R4Lu82MlUU16MCOOKc7Fg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('2de692d3-2ad1-4569-9104-0cefa3b2d9fe', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 'criminal', 'Clear', 0, NULL, '2026-11-29 08:56:49.487286+00', 'enc1:k1:h1N3K4LR+WaXhKyol/kqvnO1vL9SNlaXCfIBCvuPlhjmEtNDLeYsCPlT8llS+Wkojw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('68511552-e266-4604-b899-47b3dbfd6059', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 'education', 'Clear', 0, NULL, '2026-11-29 08:56:49.504945+00', 'enc1:k1:QDVy9rgfOolRlg+6f8uKYdI+bLwCo/l3OEwvogyRYneKzckL+mQwSLP8NYMq/6olhA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('87a0b1fe-f794-47ce-b57b-f7563cfe92be', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 'employment', 'Clear', 0, NULL, '2026-11-29 08:56:49.557004+00', 'enc1:k1:rLX0hs3AFLvnGvbiW+9lxVIE0QDNdK9gtoK+NRvCJQtf+yOMFQPkDieFWWyZBWl4ag==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('3ad2c89c-b924-42f8-a0ae-c43f10d6b9bf', 'c6272ec1-ff2a-4feb-a370-18285d11cff9', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:49.599081+00', 'enc1:k1:E/q8oCwskaEco0NA0ZxbhJaCRfQV3vNQYvQckB1XzBj/opFSTMHHTBqYAsBKivviKg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('42024213-e7b8-4bfd-adfd-24b085907644', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 'credit', 'Clear', 0, NULL, '2026-11-29 08:56:50.144822+00', 'enc1:k1:+9H5ZJeayDYRXaKRip/x2T1dVQL85U37kxyCcFrG/5IXwwjipoW+m9r/eMwQFD40tQ==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('4031fe57-42f0-4fdc-9c1c-7d4083a98a85', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 'criminal', 'Clear', 0, NULL, '2026-11-29 08:56:50.1885+00', 'enc1:k1:tooSb1/cynNrnzr40b6kPX7sAMYi2LYJ4gHmDTEU+tS7IjJ0MHff/RSmr1LNK3FnLg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('18c52834-ad21-4c1c-b639-0095f5d50484', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 'education', 'Clear', 0, NULL, '2026-11-29 08:56:50.248865+00', 'enc1:k1:nZkz2+F4yg8mW1GbCMYP6JcXg1dv/NR2/HL+8UM9iIhw9d835JN97LTjO3RGafS1WA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('939b18a8-6490-4f01-ba71-b65b4f36b2ae', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 'employment', 'Clear', 0, NULL, '2026-11-29 08:56:50.329309+00', 'enc1:k1:OmY3yAK52XPpCbsCYeyL0pV9xe7r+EwWw57SyihwX8X670D2fD57YXkOsJSvFlaYRA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('910c8a24-6152-4c5c-bd47-f38ebb0ba594', '2f1270d4-2008-4a38-969a-31bebc5c35f5', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:50.373769+00', 'enc1:k1:ODOtV8EPxb7neROvRpZc0JmGcG41kyxTAmktoGPiqKPiLAUBbYznZ6N/lDE0xrVONQ==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('ffe4b059-dbd9-4974-b8cd-7267f638a837', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'criminal', 'Clear', 0, NULL, '2026-11-29 08:56:51.023173+00', 'enc1:k1:I3IMzBhNSsdDjh3SGKAbNQhI98Aqq/ZJtc0WdVzgn9KXKvCTLRVOGDBFbF96H4mWaw==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('25f0b6e0-455b-49ab-8392-f52cf67d4822', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'employment', 'Clear', 0, NULL, '2026-11-29 08:56:51.055194+00', 'enc1:k1:SD04x/dpCeZCHE/4ym8Fl4lz7sldAUOtfwPrhcyts+MXGhZ/BkMW+2dO5NbzQfzLsg==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('9822b7eb-fc8c-4996-95fa-9908da43ed5d', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'credit', 'Clear', 0, NULL, '2026-11-29 08:56:50.978406+00', 'enc1:k1:SAVR/cqvY5jz59dTVyW5jkE2PPSFhqu+GNBj+6JGmU6zsioDdQh0hWwyTdQC8qNzXA==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('09dfa349-395b-4e07-8225-43aef6e0b421', '7e201c5f-c410-43c1-93c2-3127c21e420c', 'employment', 'Unable', 0, NULL, '2026-11-29 08:56:51.784772+00', 'enc1:k1:RKRf1JjJauxoVI9M0wu1AIgZp1Hv8EibpSqSwqsffxiPtU44GF7HUPFiY4J+3MejjjAzE7A+/JV9eoMDnxze4eWC8DZtjbE=', NULL, 'system', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('37bf2a40-9c9d-4888-80fe-394ff22f135b', '7e201c5f-c410-43c1-93c2-3127c21e420c', 'identity', 'Unable', 0, NULL, '2026-11-29 08:56:51.784772+00', 'enc1:k1:RKRf1JjJauxoVI9M0wu1AIgZp1Hv8EibpSqSwqsffxiPtU44GF7HUPFiY4J+3MejjjAzE7A+/JV9eoMDnxze4eWC8DZtjbE=', NULL, 'system', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('858e3d4d-c214-492c-9916-bc70f151e655', '7e201c5f-c410-43c1-93c2-3127c21e420c', 'credit', 'Unable', 0, NULL, '2026-11-29 08:56:51.784772+00', 'enc1:k1:RKRf1JjJauxoVI9M0wu1AIgZp1Hv8EibpSqSwqsffxiPtU44GF7HUPFiY4J+3MejjjAzE7A+/JV9eoMDnxze4eWC8DZtjbE=', NULL, 'system', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('93d143cd-51e2-40ea-a5d8-dc34a4219403', '7e201c5f-c410-43c1-93c2-3127c21e420c', 'education', 'Unable', 0, NULL, '2026-11-29 08:56:51.784772+00', 'enc1:k1:RKRf1JjJauxoVI9M0wu1AIgZp1Hv8EibpSqSwqsffxiPtU44GF7HUPFiY4J+3MejjjAzE7A+/JV9eoMDnxze4eWC8DZtjbE=', NULL, 'system', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('b581ae31-be37-47e6-8293-b222b4fb8fca', '7e201c5f-c410-43c1-93c2-3127c21e420c', 'criminal', 'Unable', 0, NULL, '2026-11-29 08:56:51.784772+00', 'enc1:k1:RKRf1JjJauxoVI9M0wu1AIgZp1Hv8EibpSqSwqsffxiPtU44GF7HUPFiY4J+3MejjjAzE7A+/JV9eoMDnxze4eWC8DZtjbE=', NULL, 'system', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('54ba9463-40a6-49f0-ba90-6781f4fefb31', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'education', 'Clear', 0, NULL, '2026-11-29 08:56:51.039949+00', 'enc1:k1:+YKf6MSv+BjZkqaoc1Dlj3gEv926dtZc5f99p1ktlY7SNQamPH8og37Gh2JcD/aJTQ==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('629d6aa0-a146-4571-a703-6e445322287b', '20b8ebd7-2652-465e-b7e9-1704abcb6dcd', 'identity', 'Clear', 0, NULL, '2026-11-29 08:56:51.084348+00', 'enc1:k1:th3Nw9JxdrK8PyXmvq+pnZVFPuNL4EIt2o320zO4fxYeC/3rUPLT+GymgZ9xMypU9g==', NULL, 'ivan-fixture', 1);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('1c70fcff-589b-464a-88a4-c256e139bdc8', '4547d420-760f-4b42-9c22-59052208e208', 'credit', 'Pending', 0, NULL, NULL, NULL, NULL, NULL, 0);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('458ce8c1-ff11-498a-b205-76ec0e84d79f', '4547d420-760f-4b42-9c22-59052208e208', 'education', 'Pending', 0, NULL, NULL, NULL, NULL, NULL, 0);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('4c2719ab-7c4c-4c63-ab5e-67c00ea60821', '4547d420-760f-4b42-9c22-59052208e208', 'criminal', 'Pending', 0, NULL, NULL, NULL, NULL, NULL, 0);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('fdcff8bf-7bf6-4afb-aa97-e3b4ea8fe0ae', '4547d420-760f-4b42-9c22-59052208e208', 'employment', 'Pending', 0, NULL, NULL, NULL, NULL, NULL, 0);
INSERT INTO public.investigation_checks ("Id", "CaseId", "Kind", "Status", "Attempts", "StartedAt", "CompletedAt", "SummaryCipher", "ProviderReference", "CompletedBy", "Version") VALUES ('97ddcbdc-4e2f-4ac6-93f7-8ec5c0884f02', '4547d420-760f-4b42-9c22-59052208e208', 'identity', 'Clear', 0, NULL, '2026-11-29 08:57:03.012497+00', 'enc1:k1:gmZ7LKyDM1rJ5nZzd6x3d8wj38CIoth70huLAw6AkzKH3Rhus/3b8P8f5kK+fvip9g==', NULL, 'ivan-fixture', 1);


--
-- Data for Name: outbox_messages; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.outbox_messages ("Id", "Type", "Payload", "CreatedAt", "Attempts", "NextAttemptAt", "DeliveredAt", "DeadAt", "LastError") VALUES ('b8d607ed-366d-47ba-850a-dc6d99c08d83', 'case.overdue', '{"caseId":"a41ba63f-a445-48df-be13-78a3739db58c","reference":"CW-2016-000002","stage":"application","dueAt":"2016-12-29T08:56:42.241229Z","assignedAdjudicator":null}', '2026-11-29 08:56:47.069376+00', 1, '2026-11-29 08:56:47.069376+00', '2026-11-29 08:56:47.165279+00', NULL, NULL);
INSERT INTO public.outbox_messages ("Id", "Type", "Payload", "CreatedAt", "Attempts", "NextAttemptAt", "DeliveredAt", "DeadAt", "LastError") VALUES ('8f3762b2-8944-4349-bdf5-fc952703e32d', 'case.reinvestigation-opened', '{"caseId":"657c170e-d512-48a4-98fa-552ef8b4ba76","reference":"CW-2026-000012","clearanceId":"703edc44-68d3-49df-868d-e4088b1474a0","subjectId":"subj-oldham"}', '2026-11-29 08:57:03.27331+00', 0, '2026-11-29 08:57:03.27331+00', NULL, NULL, NULL);


--
-- Data for Name: partners; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.partners ("Id", "PartnerId", "Name", "Country", "Purposes", "MaxLevel", "AgreementExpiresOn", "Active", "CreatedAt", "UpdatedAt", "DeactivatedAt", "Version") VALUES ('11a01eda-48c1-4cf1-b3fd-0ceb8f827d81', 'agency-de', 'Partner agency agency-de', 'DE', 'employment site-access', 'TopSecret', '2028-11-29', true, '2026-11-29 08:56:51.875516+00', '2026-11-29 08:56:51.875516+00', NULL, 0);
INSERT INTO public.partners ("Id", "PartnerId", "Name", "Country", "Purposes", "MaxLevel", "AgreementExpiresOn", "Active", "CreatedAt", "UpdatedAt", "DeactivatedAt", "Version") VALUES ('77859d43-fecc-4a67-85c1-a97f8ab9c1cd', 'agency-fr', 'Direction des partenaires', 'FR', 'employment site-access', 'Secret', '2028-11-29', true, '2026-11-29 08:56:51.926591+00', '2026-11-29 08:56:51.96354+00', NULL, 1);
INSERT INTO public.partners ("Id", "PartnerId", "Name", "Country", "Purposes", "MaxLevel", "AgreementExpiresOn", "Active", "CreatedAt", "UpdatedAt", "DeactivatedAt", "Version") VALUES ('d8052020-5fa2-4314-900d-e2a2bbd66aea', 'agency-nl', 'Partner agency agency-nl', 'NL', 'employment site-access', 'Confidential', '2028-11-29', false, '2026-11-29 08:56:51.990842+00', '2026-11-29 08:56:52.003807+00', '2026-11-29 08:56:52.003807+00', 1);


--
-- Data for Name: qrtz_blob_triggers; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_calendars; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_cron_triggers; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.qrtz_cron_triggers (sched_name, trigger_name, trigger_group, cron_expression, time_zone_id) VALUES ('clearance', 'reinvestigation-sweep', 'system', '0 0 0 1 1 ? 2099', 'UTC');


--
-- Data for Name: qrtz_execution_history; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_fired_triggers; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_job_details; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', 'c6272ec1ff2a4feba37018285d11cff9', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2263363237326563312d666632612d346665622d613337302d313832383564313163666639222c227374616765223a226465636973696f6e222c22656e74657265644174223a22363339333135333934303938383333303230227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', '24fc1aebd3fd487da8b426eca931f2cd', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2232346663316165622d643366642d343837642d613862342d323665636139333166326364222c227374616765223a226170706c69636174696f6e222c22656e74657265644174223a22363339333135333934303637373635313930227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', '144fb87a6f0a40a89125639c2c844e95', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2231343466623837612d366630612d343061382d393132352d363339633263383434653935222c227374616765223a226170706c69636174696f6e222c22656e74657265644174223a22363339333135333934303639333637303030227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', '1173f5a6015248eeaeb3a2195a20b76c', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2231313733663561362d303135322d343865652d616562332d613231393561323062373663222c227374616765223a226261636b67726f756e642d636865636b222c22656e74657265644174223a22363339333135333934303732373830303830227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', '218d189458fb417c9f526ff91625282c', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2232313864313839342d353866622d343137632d396635322d366666393136323532383263222c227374616765223a22726576696577222c22656e74657265644174223a22363339333135333934303736333035343030227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', '70ca8cf0c2c7461fb00ee749a55ca5d2', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2237306361386366302d633263372d343631662d623030652d653734396135356361356432222c227374616765223a22696e74657276696577222c22656e74657265644174223a22363339333135333934303838303132303530227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', '76d89385cb2e4c289bac0be3d912ad46', 'sla', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.SlaBreachJob, ClearanceWorkflow.Infrastructure', false, false, false, true, '\x7b22636173654964223a2237366438393338352d636232652d346332382d396261632d306265336439313261643436222c227374616765223a226465636973696f6e222c22656e74657265644174223a22363339333135333934303933323136393130227d');
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', 'reinvestigation-sweep', 'system', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.ReinvestigationSweepJob, ClearanceWorkflow.Infrastructure', true, true, false, false, NULL);
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', 'schedule-dispatch', 'system', NULL, 'ClearanceWorkflow.Infrastructure.Scheduling.ScheduleDispatchJob, ClearanceWorkflow.Infrastructure', true, true, false, false, NULL);
INSERT INTO public.qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('clearance', 'outbox-dispatch', 'system', NULL, 'ClearanceWorkflow.Infrastructure.Notifications.OutboxDispatchJob, ClearanceWorkflow.Infrastructure', true, true, false, false, NULL);


--
-- Data for Name: qrtz_job_status; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_locks; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.qrtz_locks (sched_name, lock_name) VALUES ('clearance', 'TRIGGER_ACCESS');
INSERT INTO public.qrtz_locks (sched_name, lock_name) VALUES ('clearance', 'STATE_ACCESS');


--
-- Data for Name: qrtz_misfire_history; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_paused_job_grps; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_paused_trigger_grps; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_scheduler_state; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval, quartz_version) VALUES ('clearance', 'vm824543629648', 639315394165944756, 5000, '4.7.3');
INSERT INTO public.qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval, quartz_version) VALUES ('clearance', 'vm837310539754', 639315394236750679, 5000, '4.7.3');


--
-- Data for Name: qrtz_simple_triggers; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', '70ca8cf0c2c7461fb00ee749a55ca5d2', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', '76d89385cb2e4c289bac0be3d912ad46', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', 'c6272ec1ff2a4feba37018285d11cff9', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', '24fc1aebd3fd487da8b426eca931f2cd', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', '144fb87a6f0a40a89125639c2c844e95', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', '1173f5a6015248eeaeb3a2195a20b76c', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', '218d189458fb417c9f526ff91625282c', 'sla', 0, 0, 0);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', 'schedule-dispatch', 'system', -1, 3600000, 1);
INSERT INTO public.qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) VALUES ('clearance', 'outbox-dispatch', 'system', -1, 3600000, 1);


--
-- Data for Name: qrtz_simprop_triggers; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: qrtz_triggers; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', '24fc1aebd3fd487da8b426eca931f2cd', 'sla', '24fc1aebd3fd487da8b426eca931f2cd', 'sla', NULL, 639341314067765190, NULL, 5, 'WAITING', 'SIMPLE', 639341314067765190, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', '144fb87a6f0a40a89125639c2c844e95', 'sla', '144fb87a6f0a40a89125639c2c844e95', 'sla', NULL, 639341314069367000, NULL, 5, 'WAITING', 'SIMPLE', 639341314069367000, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', '1173f5a6015248eeaeb3a2195a20b76c', 'sla', '1173f5a6015248eeaeb3a2195a20b76c', 'sla', NULL, 639349954072780080, NULL, 5, 'WAITING', 'SIMPLE', 639349954072780080, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', '218d189458fb417c9f526ff91625282c', 'sla', '218d189458fb417c9f526ff91625282c', 'sla', NULL, 639332674076305400, NULL, 5, 'WAITING', 'SIMPLE', 639332674076305400, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', '70ca8cf0c2c7461fb00ee749a55ca5d2', 'sla', '70ca8cf0c2c7461fb00ee749a55ca5d2', 'sla', NULL, 639341314088012050, NULL, 5, 'WAITING', 'SIMPLE', 639341314088012050, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', '76d89385cb2e4c289bac0be3d912ad46', 'sla', '76d89385cb2e4c289bac0be3d912ad46', 'sla', NULL, 639328354093216910, NULL, 5, 'WAITING', 'SIMPLE', 639328354093216910, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', 'c6272ec1ff2a4feba37018285d11cff9', 'sla', 'c6272ec1ff2a4feba37018285d11cff9', 'sla', NULL, 639328354098833020, NULL, 5, 'WAITING', 'SIMPLE', 639328354098833020, NULL, NULL, 1, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', 'reinvestigation-sweep', 'system', 'reinvestigation-sweep', 'system', NULL, 662065056000000000, NULL, 5, 'WAITING', 'CRON', 639315394180000000, NULL, NULL, 0, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', 'outbox-dispatch', 'system', 'outbox-dispatch', 'system', NULL, 639315430184930725, 639315394184930725, 5, 'WAITING', 'SIMPLE', 639315394184930725, NULL, NULL, 4, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, misfire_orig_fire_time, execution_group, preferred_node, preferred_node_auto, retry_policy, retry_attempt, continues_trigger_name, continues_trigger_group, continuation_condition, overlap_policy, pause_reason, paused_by, paused_at, misfire_threshold, fixed_delay, job_data) VALUES ('clearance', 'schedule-dispatch', 'system', 'schedule-dispatch', 'system', NULL, 639315430184682633, 639315394184682633, 5, 'WAITING', 'SIMPLE', 639315394184682633, NULL, NULL, 4, NULL, NULL, NULL, false, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);


--
-- Data for Name: scheduled_work; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scheduled_work ("Id", "Kind", "CaseId", "Name", "RunAt", "StageEnteredAt", "CreatedAt") VALUES ('77e74439-b42a-4b09-a186-d97ff192621c', 'SlaTimer', '4547d420-760f-4b42-9c22-59052208e208', 'application', '2026-12-29 08:57:02.873293+00', '2026-11-29 08:57:02.873293+00', '2026-11-29 08:57:02.873293+00');
INSERT INTO public.scheduled_work ("Id", "Kind", "CaseId", "Name", "RunAt", "StageEnteredAt", "CreatedAt") VALUES ('46e5ea72-09e6-4f25-8e7e-c50d7ed80047', 'SlaTimer', '4547d420-760f-4b42-9c22-59052208e208', 'background-check', '2027-01-08 08:57:02.946495+00', '2026-11-29 08:57:02.946495+00', '2026-11-29 08:57:02.946495+00');
INSERT INTO public.scheduled_work ("Id", "Kind", "CaseId", "Name", "RunAt", "StageEnteredAt", "CreatedAt") VALUES ('40548a70-2689-4f59-be26-8160f5e3ca4b', 'SlaTimer', '657c170e-d512-48a4-98fa-552ef8b4ba76', 'application', '2026-12-29 08:57:03.249305+00', '2026-11-29 08:57:03.249305+00', '2026-11-29 08:57:03.249305+00');


--
-- Name: __EFMigrationsHistory PK___EFMigrationsHistory; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."__EFMigrationsHistory"
    ADD CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId");


--
-- Name: audit_events PK_audit_events; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT "PK_audit_events" PRIMARY KEY ("Id");


--
-- Name: case_events PK_case_events; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT "PK_case_events" PRIMARY KEY ("Id");


--
-- Name: cases PK_cases; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT "PK_cases" PRIMARY KEY ("Id");


--
-- Name: clearances PK_clearances; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.clearances
    ADD CONSTRAINT "PK_clearances" PRIMARY KEY ("Id");


--
-- Name: findings PK_findings; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findings
    ADD CONSTRAINT "PK_findings" PRIMARY KEY ("Id");


--
-- Name: information_requests PK_information_requests; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.information_requests
    ADD CONSTRAINT "PK_information_requests" PRIMARY KEY ("Id");


--
-- Name: investigation_checks PK_investigation_checks; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.investigation_checks
    ADD CONSTRAINT "PK_investigation_checks" PRIMARY KEY ("Id");


--
-- Name: outbox_messages PK_outbox_messages; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_messages
    ADD CONSTRAINT "PK_outbox_messages" PRIMARY KEY ("Id");


--
-- Name: partners PK_partners; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT "PK_partners" PRIMARY KEY ("Id");


--
-- Name: scheduled_work PK_scheduled_work; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_work
    ADD CONSTRAINT "PK_scheduled_work" PRIMARY KEY ("Id");


--
-- Name: qrtz_blob_triggers qrtz_blob_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_blob_triggers
    ADD CONSTRAINT qrtz_blob_triggers_pkey PRIMARY KEY (sched_name, trigger_name, trigger_group);


--
-- Name: qrtz_calendars qrtz_calendars_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_calendars
    ADD CONSTRAINT qrtz_calendars_pkey PRIMARY KEY (sched_name, calendar_name);


--
-- Name: qrtz_cron_triggers qrtz_cron_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_cron_triggers
    ADD CONSTRAINT qrtz_cron_triggers_pkey PRIMARY KEY (sched_name, trigger_name, trigger_group);


--
-- Name: qrtz_execution_history qrtz_execution_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_execution_history
    ADD CONSTRAINT qrtz_execution_history_pkey PRIMARY KEY (sched_name, entry_id);


--
-- Name: qrtz_fired_triggers qrtz_fired_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_fired_triggers
    ADD CONSTRAINT qrtz_fired_triggers_pkey PRIMARY KEY (sched_name, entry_id);


--
-- Name: qrtz_job_details qrtz_job_details_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_job_details
    ADD CONSTRAINT qrtz_job_details_pkey PRIMARY KEY (sched_name, job_name, job_group);


--
-- Name: qrtz_job_status qrtz_job_status_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_job_status
    ADD CONSTRAINT qrtz_job_status_pkey PRIMARY KEY (sched_name, job_group, job_name);


--
-- Name: qrtz_locks qrtz_locks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_locks
    ADD CONSTRAINT qrtz_locks_pkey PRIMARY KEY (sched_name, lock_name);


--
-- Name: qrtz_misfire_history qrtz_misfire_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_misfire_history
    ADD CONSTRAINT qrtz_misfire_history_pkey PRIMARY KEY (sched_name, entry_id);


--
-- Name: qrtz_paused_job_grps qrtz_paused_job_grps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_paused_job_grps
    ADD CONSTRAINT qrtz_paused_job_grps_pkey PRIMARY KEY (sched_name, job_group);


--
-- Name: qrtz_paused_trigger_grps qrtz_paused_trigger_grps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_paused_trigger_grps
    ADD CONSTRAINT qrtz_paused_trigger_grps_pkey PRIMARY KEY (sched_name, trigger_group);


--
-- Name: qrtz_scheduler_state qrtz_scheduler_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_scheduler_state
    ADD CONSTRAINT qrtz_scheduler_state_pkey PRIMARY KEY (sched_name, instance_name);


--
-- Name: qrtz_simple_triggers qrtz_simple_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_simple_triggers
    ADD CONSTRAINT qrtz_simple_triggers_pkey PRIMARY KEY (sched_name, trigger_name, trigger_group);


--
-- Name: qrtz_simprop_triggers qrtz_simprop_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_simprop_triggers
    ADD CONSTRAINT qrtz_simprop_triggers_pkey PRIMARY KEY (sched_name, trigger_name, trigger_group);


--
-- Name: qrtz_triggers qrtz_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_triggers
    ADD CONSTRAINT qrtz_triggers_pkey PRIMARY KEY (sched_name, trigger_name, trigger_group);


--
-- Name: IX_audit_events_At; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_audit_events_At" ON public.audit_events USING btree ("At");


--
-- Name: IX_audit_events_CaseId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_audit_events_CaseId" ON public.audit_events USING btree ("CaseId");


--
-- Name: IX_audit_events_Sequence; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_audit_events_Sequence" ON public.audit_events USING btree ("Sequence");


--
-- Name: IX_case_events_CaseId_Sequence; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_case_events_CaseId_Sequence" ON public.case_events USING btree ("CaseId", "Sequence");


--
-- Name: IX_cases_AssignedAdjudicator; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_cases_AssignedAdjudicator" ON public.cases USING btree ("AssignedAdjudicator");


--
-- Name: IX_cases_NationalIdIndex; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_cases_NationalIdIndex" ON public.cases USING btree ("NationalIdIndex");


--
-- Name: IX_cases_Overdue_DueAt; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_cases_Overdue_DueAt" ON public.cases USING btree ("Overdue", "DueAt");


--
-- Name: IX_cases_Reference; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_cases_Reference" ON public.cases USING btree ("Reference");


--
-- Name: IX_cases_Stage_CreatedAt; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_cases_Stage_CreatedAt" ON public.cases USING btree ("Stage", "CreatedAt");


--
-- Name: IX_cases_SubjectId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_cases_SubjectId" ON public.cases USING btree ("SubjectId");


--
-- Name: IX_clearances_CaseId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_clearances_CaseId" ON public.clearances USING btree ("CaseId");


--
-- Name: IX_clearances_NationalIdIndex; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_clearances_NationalIdIndex" ON public.clearances USING btree ("NationalIdIndex");


--
-- Name: IX_clearances_Status_ReinvestigationDueOn; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_clearances_Status_ReinvestigationDueOn" ON public.clearances USING btree ("Status", "ReinvestigationDueOn");


--
-- Name: IX_clearances_SubjectId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_clearances_SubjectId" ON public.clearances USING btree ("SubjectId");


--
-- Name: IX_findings_CaseId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_findings_CaseId" ON public.findings USING btree ("CaseId");


--
-- Name: IX_information_requests_CaseId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_information_requests_CaseId" ON public.information_requests USING btree ("CaseId");


--
-- Name: IX_investigation_checks_CaseId_Kind; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_investigation_checks_CaseId_Kind" ON public.investigation_checks USING btree ("CaseId", "Kind");


--
-- Name: IX_outbox_messages_DeliveredAt_DeadAt_NextAttemptAt; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_outbox_messages_DeliveredAt_DeadAt_NextAttemptAt" ON public.outbox_messages USING btree ("DeliveredAt", "DeadAt", "NextAttemptAt");


--
-- Name: IX_partners_PartnerId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_partners_PartnerId" ON public.partners USING btree ("PartnerId");


--
-- Name: IX_scheduled_work_CreatedAt; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_scheduled_work_CreatedAt" ON public.scheduled_work USING btree ("CreatedAt");


--
-- Name: idx_qrtz_eh_fire_inst; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_eh_fire_inst ON public.qrtz_execution_history USING btree (sched_name, fire_instance_id);


--
-- Name: idx_qrtz_eh_fired_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_eh_fired_time ON public.qrtz_execution_history USING btree (sched_name, fired_time);


--
-- Name: idx_qrtz_eh_inst; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_eh_inst ON public.qrtz_execution_history USING btree (sched_name, instance_name);


--
-- Name: idx_qrtz_eh_job_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_eh_job_time ON public.qrtz_execution_history USING btree (sched_name, job_group, job_name, fired_time);


--
-- Name: idx_qrtz_eh_trig_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_eh_trig_time ON public.qrtz_execution_history USING btree (sched_name, trigger_group, trigger_name, fired_time);


--
-- Name: idx_qrtz_ft_inst_job_req_rcvry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON public.qrtz_fired_triggers USING btree (sched_name, instance_name, requests_recovery);


--
-- Name: idx_qrtz_ft_j_g; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_ft_j_g ON public.qrtz_fired_triggers USING btree (sched_name, job_name, job_group);


--
-- Name: idx_qrtz_ft_t_g; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_ft_t_g ON public.qrtz_fired_triggers USING btree (sched_name, trigger_name, trigger_group);


--
-- Name: idx_qrtz_j_g_n; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_j_g_n ON public.qrtz_job_details USING btree (sched_name, job_group, job_name);


--
-- Name: idx_qrtz_mh_inst; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_mh_inst ON public.qrtz_misfire_history USING btree (sched_name, instance_name);


--
-- Name: idx_qrtz_mh_misfire_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_mh_misfire_time ON public.qrtz_misfire_history USING btree (sched_name, misfire_time);


--
-- Name: idx_qrtz_t_c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_t_c ON public.qrtz_triggers USING btree (sched_name, calendar_name);


--
-- Name: idx_qrtz_t_g_n; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_t_g_n ON public.qrtz_triggers USING btree (sched_name, trigger_group, trigger_name);


--
-- Name: idx_qrtz_t_j; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_t_j ON public.qrtz_triggers USING btree (sched_name, job_name, job_group);


--
-- Name: idx_qrtz_t_nft_st; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_qrtz_t_nft_st ON public.qrtz_triggers USING btree (sched_name, trigger_state, next_fire_time, priority DESC, misfire_instr);


--
-- Name: case_events FK_case_events_cases_CaseId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT "FK_case_events_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES public.cases("Id") ON DELETE CASCADE;


--
-- Name: clearances FK_clearances_cases_CaseId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.clearances
    ADD CONSTRAINT "FK_clearances_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES public.cases("Id") ON DELETE RESTRICT;


--
-- Name: findings FK_findings_cases_CaseId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findings
    ADD CONSTRAINT "FK_findings_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES public.cases("Id") ON DELETE CASCADE;


--
-- Name: information_requests FK_information_requests_cases_CaseId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.information_requests
    ADD CONSTRAINT "FK_information_requests_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES public.cases("Id") ON DELETE CASCADE;


--
-- Name: investigation_checks FK_investigation_checks_cases_CaseId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.investigation_checks
    ADD CONSTRAINT "FK_investigation_checks_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES public.cases("Id") ON DELETE CASCADE;


--
-- Name: qrtz_blob_triggers qrtz_blob_triggers_sched_name_trigger_name_trigger_group_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_blob_triggers
    ADD CONSTRAINT qrtz_blob_triggers_sched_name_trigger_name_trigger_group_fkey FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES public.qrtz_triggers(sched_name, trigger_name, trigger_group) ON DELETE CASCADE;


--
-- Name: qrtz_cron_triggers qrtz_cron_triggers_sched_name_trigger_name_trigger_group_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_cron_triggers
    ADD CONSTRAINT qrtz_cron_triggers_sched_name_trigger_name_trigger_group_fkey FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES public.qrtz_triggers(sched_name, trigger_name, trigger_group) ON DELETE CASCADE;


--
-- Name: qrtz_simple_triggers qrtz_simple_triggers_sched_name_trigger_name_trigger_group_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_simple_triggers
    ADD CONSTRAINT qrtz_simple_triggers_sched_name_trigger_name_trigger_group_fkey FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES public.qrtz_triggers(sched_name, trigger_name, trigger_group) ON DELETE CASCADE;


--
-- Name: qrtz_simprop_triggers qrtz_simprop_triggers_sched_name_trigger_name_trigger_grou_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_simprop_triggers
    ADD CONSTRAINT qrtz_simprop_triggers_sched_name_trigger_name_trigger_grou_fkey FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES public.qrtz_triggers(sched_name, trigger_name, trigger_group) ON DELETE CASCADE;


--
-- Name: qrtz_triggers qrtz_triggers_sched_name_job_name_job_group_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qrtz_triggers
    ADD CONSTRAINT qrtz_triggers_sched_name_job_name_job_group_fkey FOREIGN KEY (sched_name, job_name, job_group) REFERENCES public.qrtz_job_details(sched_name, job_name, job_group);


--
-- PostgreSQL database dump complete
--

\unrestrict rJ6taDrjbpKlabXa5eNoD0rHhhhWCusuobM6SBMXFeAX6OQGp0iq3OmqTK4QK2T

