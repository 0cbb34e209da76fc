-- The swift (HEAD, v2.1.15) PostgreSQL tables that chapter 2's upgrade writes or must find empty, as swift's
-- Alembic histories leave them. Facts: docs/reference/fred-stores.md §2. Written by hand for the tests and the
-- rehearsal, not generated; the column types are spelled as PostgreSQL's format_type prints them, so the upgrade's
-- expected schema (dev.ferry.importer.upgrade.schema.SwiftSchema) compares with them directly.
-- There are no foreign keys: every link between tables is a logical string id.
-- Only the tables the upgrade touches are here; a real swift database has many more (sessions, tasks, …).

-- control plane: e1f2a3b4c5d6, b3c4d5e6f7a8, a6b7c8d9e0f1, 0285dc3a0cdc
CREATE TABLE agent_instance (
    agent_instance_id character varying        NOT NULL,
    team_id           character varying        NOT NULL,
    template_id       character varying        NOT NULL,
    source_runtime_id character varying        NOT NULL,
    source_agent_id   character varying        NOT NULL,
    display_name      character varying(255)   NOT NULL,
    description       character varying(500),
    enabled           boolean                  NOT NULL,
    suspension_reason character varying(64),
    created_by        character varying,
    updated_by        character varying,
    tuning_json       text,
    prompt_refs_json  text,
    created_at        timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (agent_instance_id)
);
CREATE INDEX ix_agent_instance_team_id ON agent_instance (team_id);

-- control plane: d01a50e94bec, d4e5f6a7b8c9, e3f4a5b6c7d8, a8b9c0d1e2f3, a4b5c6d7e8f9.
-- is_private is dropped; name is new and unique; personal teams (personal-<sub>) have no row.
CREATE TABLE teammetadata (
    id                             character varying        NOT NULL,
    description                    character varying(180),
    banner_object_storage_key      character varying(300),
    created_at                     timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                     timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    max_resources_storage_size     bigint,
    current_resources_storage_size bigint,
    team_delete_grace              character varying,
    max_idle                       character varying,
    retention_updated_by           character varying,
    name                           character varying(180)   NOT NULL,
    joining_mode                   character varying(20)    NOT NULL DEFAULT 'request_only',
    PRIMARY KEY (id),
    CONSTRAINT uq_teammetadata_name UNIQUE (name)
);

-- control plane: c789f5ab40fe, ee5a5b163f34, f0f1e2d3c4b5. No created_at/updated_at in swift; the GCU columns are
-- nullable. The camelCase columns need quotes.
CREATE TYPE gcu_version_type AS ENUM ('V1');
CREATE TABLE users (
    id                             uuid                     NOT NULL,
    "gcuVersionAccepted"           gcu_version_type,
    "gcuAcceptedAt"                timestamp with time zone,
    current_resources_storage_size bigint,
    PRIMARY KEY (id)
);

-- knowledge flow: fa61ea605aaa. The same as kea, but the timestamps are nullable with no default.
CREATE TABLE tag (
    tag_id      character varying        NOT NULL,
    created_at  timestamp with time zone,
    updated_at  timestamp with time zone,
    owner_id    character varying,
    name        character varying,
    path        character varying,
    description character varying,
    type        character varying,
    doc         jsonb,
    PRIMARY KEY (tag_id)
);
CREATE INDEX ix_tag_name ON tag (name);
CREATE INDEX ix_tag_owner_id ON tag (owner_id);
CREATE INDEX ix_tag_path ON tag (path);
CREATE INDEX ix_tag_type ON tag (type);
CREATE INDEX ix_tag_updated_at ON tag (updated_at);

-- knowledge flow: 0b9a54674eba. No created_at/updated_at.
CREATE TABLE metadata (
    document_uid     character varying        NOT NULL,
    source_tag       character varying,
    date_added_to_kb timestamp with time zone,
    tag_ids          character varying[],
    doc              jsonb,
    PRIMARY KEY (document_uid)
);
CREATE INDEX idx_metadata_tag_ids_gin ON metadata USING gin (tag_ids);
CREATE INDEX ix_metadata_source_tag ON metadata (source_tag);

-- knowledge flow: fa61ea605aaa. No created_at/updated_at.
CREATE TABLE resource (
    resource_id   character varying NOT NULL,
    resource_name character varying,
    resource_type character varying,
    author        character varying,
    doc           jsonb,
    PRIMARY KEY (resource_id)
);
CREATE INDEX ix_resource_author ON resource (author);
CREATE INDEX ix_resource_resource_name ON resource (resource_name);
CREATE INDEX ix_resource_resource_type ON resource (resource_type);

-- control plane: 9c4e1a2b3d4f, b3c4d5e6f7a8, c5d6e7f8a9b0, d6e7f8a9b0c1. Personal prompts use team_id personal-<sub>.
CREATE TABLE prompt (
    prompt_id         character varying        NOT NULL,
    team_id           character varying        NOT NULL,
    name              character varying(255)   NOT NULL,
    description       character varying(500),
    category          character varying(64),
    emoji             character varying(8),
    tags              json                     NOT NULL DEFAULT '[]',
    text              text                     NOT NULL,
    created_by        character varying,
    version           integer                  NOT NULL DEFAULT 1,
    import_count      integer                  NOT NULL DEFAULT 0,
    session_count     integer                  NOT NULL DEFAULT 0,
    score             double precision,
    avg_input_tokens  integer,
    avg_output_tokens integer,
    created_at        timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (prompt_id),
    CONSTRAINT uq_prompt_team_name UNIQUE (team_id, name)
);
CREATE INDEX ix_prompt_team_id ON prompt (team_id);

-- control plane: 655ea83030fa. Starts empty; the upgrade does not write it.
CREATE TABLE default_prompt_usage (
    team_id       character varying     NOT NULL,
    category      character varying(64) NOT NULL,
    session_count integer               NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, category)
);

-- Alembic bookkeeping: one version table per swift backend (docs/reference/fred-stores.md §0). The reference does not record
-- swift's head revision ids, so the fixture marks each table with 'ferry-fixture' instead of inventing one.
CREATE TABLE alembic_version_control_plane (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_control_plane_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_control_plane (version_num) VALUES ('ferry-fixture');

CREATE TABLE alembic_version_knowledge_flow (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_knowledge_flow_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_knowledge_flow (version_num) VALUES ('ferry-fixture');

CREATE TABLE alembic_version_runtime (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_runtime_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version_runtime (version_num) VALUES ('ferry-fixture');
