-- The warehouse tables. Keys are the article id plus a position within the article, so one
-- article's rows can be replaced or deleted on their own when its file changes or goes.

CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,
    title        VARCHAR,
    url          VARCHAR,
    published    VARCHAR,               -- as the source gave it, usually ISO 8601
    source       VARCHAR,
    path         VARCHAR NOT NULL,      -- file it was read from
    encoding     VARCHAR,
    text         VARCHAR NOT NULL,      -- fact offsets point into this text
    content_hash VARCHAR NOT NULL,      -- sha256 of what the extractor sees; a change re-extracts
    loaded_at    TIMESTAMP NOT NULL
);

-- Files (or JSONL lines) the readers could not turn into an article; replaced on every load.
CREATE TABLE rejected_files (
    path        VARCHAR NOT NULL,
    line        INTEGER,
    reason      VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);

-- Which version of which article text the stored facts, companies and deals come from.
CREATE TABLE extractions (
    article_id        VARCHAR PRIMARY KEY,
    content_hash      VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    extracted_at      TIMESTAMP NOT NULL,
    n_facts           INTEGER NOT NULL,
    n_deals           INTEGER NOT NULL
);

CREATE SEQUENCE company_ids START 1;

-- One row per canonical company name found in any stored article.
CREATE TABLE companies (
    company_id INTEGER PRIMARY KEY DEFAULT nextval('company_ids'),
    name       VARCHAR NOT NULL UNIQUE
);

-- Other names a company goes by, gathered from every article that names it.
CREATE TABLE company_aliases (
    company_id INTEGER NOT NULL,
    alias      VARCHAR NOT NULL,
    PRIMARY KEY (company_id, alias)
);

-- Which article names which company, and the aliases that article used.
CREATE TABLE article_companies (
    article_id VARCHAR NOT NULL,
    company_id INTEGER NOT NULL,
    aliases    VARCHAR[] NOT NULL,
    PRIMARY KEY (article_id, company_id)
);

CREATE TABLE facts (
    article_id        VARCHAR NOT NULL,
    fact_index        INTEGER NOT NULL,  -- position in the article's fact list; deals refer to it
    kind              VARCHAR NOT NULL CHECK (kind IN ('money', 'power', 'chips')),
    value             DOUBLE,            -- null for ranges and magnitudes, which have low and high
    low               DOUBLE,
    high              DOUBLE,
    qualifier         VARCHAR NOT NULL,
    currency          VARCHAR,           -- ISO 4217, money only
    per               VARCHAR,           -- period or unit of a rate
    chip              VARCHAR,
    vendor            VARCHAR,
    companies         VARCHAR[] NOT NULL, -- canonical names of the companies it concerns
    text              VARCHAR NOT NULL,   -- equals articles.text[start_offset:end_offset]
    start_offset      INTEGER NOT NULL,
    end_offset        INTEGER NOT NULL,
    sentence          VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, fact_index)
);

CREATE TABLE deals (
    article_id        VARCHAR NOT NULL,
    deal_index        INTEGER NOT NULL,
    fact_indexes      INTEGER[] NOT NULL, -- facts.fact_index of the same article
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, deal_index)
);

CREATE TABLE deal_parties (
    article_id VARCHAR NOT NULL,
    deal_index INTEGER NOT NULL,
    party      VARCHAR NOT NULL,          -- as the extractor named it
    company_id INTEGER,                   -- the article's company it names; null if none (a check fails)
    PRIMARY KEY (article_id, deal_index, party)
);
