-- The kea ("main") PostgreSQL schema as the three backends' Alembic histories leave it at their heads:
-- agentic c7d2a91f4e08, knowledge flow 373dbaade980, control plane ee06c110f46c.
-- Facts: docs/reference/fred-stores.md §1. Written by hand for the test harness, not generated.
-- There are no foreign keys: every link between tables is a logical string id.
-- Primary keys keep PostgreSQL's default names (<table>_pkey), as Alembic leaves unnamed constraints.

-- ---------------------------------------------------------------------------------------------
-- Tables Ferry carries
-- ---------------------------------------------------------------------------------------------

-- agentic: 8e5a41c87864, b5393ea7a65d, c7d2a91f4e08
CREATE TABLE agent (
    id           varchar     NOT NULL,
    name         varchar,
    payload_json jsonb,
    created_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by   varchar,
    updated_by   varchar,
    PRIMARY KEY (id)
);

-- agentic: the name holds a hyphen, so it is always quoted.
CREATE TABLE "mcp-server" (
    server_id    varchar     NOT NULL,
    payload_json jsonb,
    created_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (server_id)
);

-- knowledge flow: fa61ea605aaa, 373dbaade980
CREATE TABLE tag (
    tag_id      varchar     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    owner_id    varchar,
    name        varchar,
    path        varchar,
    description varchar,
    type        varchar,
    doc         jsonb,
    PRIMARY KEY (tag_id)
);
CREATE INDEX ix_tag_name ON tag (name);
CREATE INDEX ix_tag_owner_id ON tag (owner_id);
CREATE INDEX ix_tag_path ON tag (path);
CREATE INDEX ix_tag_type ON tag (type);
CREATE INDEX ix_tag_updated_at ON tag (updated_at);

-- knowledge flow: 0b9a54674eba, 373dbaade980
CREATE TABLE metadata (
    document_uid     varchar     NOT NULL,
    source_tag       varchar,
    date_added_to_kb timestamptz,
    tag_ids          varchar[],
    doc              jsonb,
    created_at       timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (document_uid)
);
CREATE INDEX idx_metadata_tag_ids_gin ON metadata USING gin (tag_ids);
CREATE INDEX ix_metadata_source_tag ON metadata (source_tag);

-- knowledge flow: fa61ea605aaa, 373dbaade980
CREATE TABLE resource (
    resource_id   varchar     NOT NULL,
    resource_name varchar,
    resource_type varchar,
    author        varchar,
    doc           jsonb,
    created_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (resource_id)
);
CREATE INDEX ix_resource_author ON resource (author);
CREATE INDEX ix_resource_resource_name ON resource (resource_name);
CREATE INDEX ix_resource_resource_type ON resource (resource_type);

-- control plane: d01a50e94bec, ee06c110f46c. No name column and no storage-size column in kea.
CREATE TABLE teammetadata (
    id                        varchar      NOT NULL,
    description               varchar(180),
    is_private                boolean      NOT NULL,
    banner_object_storage_key varchar(300),
    created_at                timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id)
);

-- control plane: c789f5ab40fe, ee06c110f46c. GCU acceptances only; the camelCase columns need quotes.
CREATE TYPE gcu_version_type AS ENUM ('V1');
CREATE TABLE users (
    id                   uuid             NOT NULL,
    "gcuVersionAccepted" gcu_version_type NOT NULL,
    "gcuAcceptedAt"      timestamptz      NOT NULL,
    created_at           timestamptz      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           timestamptz      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id)
);

-- ---------------------------------------------------------------------------------------------
-- Tables Ferry skips (they exist in a real kea database, so the exporter must leave them behind)
-- ---------------------------------------------------------------------------------------------

-- agentic: 8e5a41c87864, 5c9bc83efbfb, b5393ea7a65d
CREATE TABLE session (
    session_id   varchar     NOT NULL,
    user_id      varchar     NOT NULL,
    agent_id     varchar,
    session_data jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    team_id      varchar,
    created_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (session_id)
);
CREATE INDEX ix_session_agent_id ON session (agent_id);
CREATE INDEX ix_session_updated_at ON session (updated_at);
CREATE INDEX ix_session_user_id ON session (user_id);
CREATE INDEX ix_session_team_id ON session (team_id);

CREATE TABLE session_history (
    session_id    varchar     NOT NULL,
    user_id       varchar     NOT NULL,
    rank          integer     NOT NULL,
    "timestamp"   timestamptz NOT NULL,
    role          varchar     NOT NULL,
    channel       varchar     NOT NULL,
    exchange_id   varchar,
    parts_json    jsonb,
    metadata_json jsonb,
    created_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (session_id, user_id, rank)
);
CREATE INDEX ix_session_history_timestamp ON session_history ("timestamp");

CREATE TABLE session_attachments (
    session_id    varchar     NOT NULL,
    attachment_id varchar     NOT NULL,
    name          varchar     NOT NULL,
    mime          varchar,
    size_bytes    integer,
    summary_md    text        NOT NULL,
    document_uid  varchar,
    created_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (session_id, attachment_id)
);

-- control plane: a1b2c3d4e5f6, ee06c110f46c
CREATE TABLE session_purge_queue (
    session_id varchar     NOT NULL,
    team_id    varchar     NOT NULL,
    user_id    varchar     NOT NULL,
    due_at     timestamptz NOT NULL,
    status     varchar     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (session_id)
);
CREATE INDEX ix_session_purge_queue_created_at ON session_purge_queue (created_at);
CREATE INDEX ix_session_purge_queue_due_at ON session_purge_queue (due_at);
CREATE INDEX ix_session_purge_queue_status ON session_purge_queue (status);
CREATE INDEX ix_session_purge_queue_team_id ON session_purge_queue (team_id);
CREATE INDEX ix_session_purge_queue_updated_at ON session_purge_queue (updated_at);
CREATE INDEX ix_session_purge_queue_user_id ON session_purge_queue (user_id);

-- agentic: 73a8607a014a, b5393ea7a65d
CREATE TABLE feedbacks (
    id         varchar     NOT NULL,
    session_id varchar     NOT NULL,
    message_id varchar     NOT NULL,
    agent_id   varchar     NOT NULL,
    rating     integer     NOT NULL,
    comment    text,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    user_id    varchar     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id)
);

-- agentic: bb94940fde0c, b5393ea7a65d
CREATE TABLE tasks (
    task_id          varchar          NOT NULL,
    user_id          varchar          NOT NULL,
    target_agent     varchar          NOT NULL,
    request_text     varchar          NOT NULL,
    workflow_id      varchar          NOT NULL,
    run_id           varchar,
    status           varchar          NOT NULL,
    created_at       timestamptz      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       timestamptz      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    context_json     jsonb            NOT NULL,
    parameters_json  jsonb            NOT NULL,
    last_message     varchar,
    percent_complete double precision NOT NULL,
    blocked_json     jsonb,
    artifacts_json   jsonb,
    error_json       jsonb,
    PRIMARY KEY (task_id)
);
CREATE INDEX ix_tasks_status ON tasks (status);
CREATE INDEX ix_tasks_target_agent ON tasks (target_agent);
CREATE INDEX ix_tasks_user_id ON tasks (user_id);
CREATE UNIQUE INDEX ix_tasks_workflow_id ON tasks (workflow_id);

-- knowledge flow: 0b9a54674eba, 373dbaade980
CREATE TABLE sched_workflow_tasks (
    workflow_id          varchar     NOT NULL,
    current_document_uid varchar,
    current_filename     varchar,
    status               varchar     NOT NULL,
    last_error           varchar,
    created_at           timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (workflow_id)
);

-- agentic: a1c4f7e92b30 (not in the runbook)
CREATE TABLE writable_documents (
    session_id varchar     NOT NULL,
    document_id varchar    NOT NULL,
    title      varchar     NOT NULL,
    content_md text        NOT NULL,
    updated_by varchar     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (session_id, document_id)
);

-- agentic runtime (sql_checkpointer.py creates these at startup, not Alembic). The column types other than
-- the bytea blobs and jsonb metadata are not recorded in the reference; varchar/integer/timestamptz are inferred.
CREATE TABLE v2_langgraph_checkpoint (
    thread_id            varchar     NOT NULL,
    checkpoint_ns        varchar     NOT NULL,
    checkpoint_id        varchar     NOT NULL,
    parent_checkpoint_id varchar,
    checkpoint_type      varchar,
    checkpoint_blob      bytea,
    metadata_json        jsonb,
    created_at           timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
);

CREATE TABLE v2_langgraph_checkpoint_blob (
    thread_id     varchar NOT NULL,
    checkpoint_ns varchar NOT NULL,
    channel       varchar NOT NULL,
    version       varchar NOT NULL,
    value_type    varchar,
    value_blob    bytea,
    PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
);

CREATE TABLE v2_langgraph_checkpoint_write (
    thread_id     varchar NOT NULL,
    checkpoint_ns varchar NOT NULL,
    checkpoint_id varchar NOT NULL,
    task_id       varchar NOT NULL,
    idx           integer NOT NULL,
    channel       varchar,
    value_type    varchar,
    value_blob    bytea,
    task_path     varchar,
    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
);

-- ---------------------------------------------------------------------------------------------
-- Alembic bookkeeping: one version table per backend (env.py sets version_table), each at its head.
-- Alembic names the key <table>_pkc.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE alembic_version_agentic (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_agentic_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_agentic (version_num) VALUES ('c7d2a91f4e08');

CREATE TABLE alembic_version_knowledge_flow (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_knowledge_flow_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_knowledge_flow (version_num) VALUES ('373dbaade980');

CREATE TABLE alembic_version_control_plane (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_control_plane_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_control_plane (version_num) VALUES ('ee06c110f46c');
