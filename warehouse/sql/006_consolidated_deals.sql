-- One deal, many articles. What each article says about a deal is now an `article_deals` row (a
-- mention); `deals` holds the real-world deals the mentions are consolidated into, and
-- `deal_mentions` links the two. Companies get a stable id derived from the name, so the same
-- firm has the same id in every warehouse and across runs.
--
-- Every table rebuilt here is derived from the articles, so it is dropped rather than converted,
-- and `extractions` is emptied: the next run re-extracts every stored article. Articles and
-- rejections are kept.

DROP VIEW IF EXISTS deal_roles;
DROP VIEW IF EXISTS deal_facts;
DROP VIEW IF EXISTS company_totals;
DROP VIEW IF EXISTS company_facts;
DROP TABLE deal_parties;
DROP TABLE deals;
DROP TABLE article_companies;
DROP TABLE company_aliases;
DROP TABLE companies;
DROP SEQUENCE company_ids;
DELETE FROM facts;
DELETE FROM extractions;

-- One row per company: the id is its name folded to lower case without legal suffix, spaces or
-- punctuation (`Ropak Corp.` and `ROPAK` are both `ropak`), so it is the same in every warehouse.
CREATE TABLE companies (
    company_id VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL        -- the name the articles use most often for it
);
COMMENT ON TABLE companies IS 'One row per company named in any stored article.';
COMMENT ON COLUMN companies.company_id IS 'Stable id: the name in lower case without legal suffix, spaces or punctuation.';
COMMENT ON COLUMN companies.name IS 'The name the articles use most often (ties: the shortest, then the first in order).';

-- Other names a company goes by, gathered from every article that names it.
CREATE TABLE company_aliases (
    company_id VARCHAR NOT NULL,
    alias      VARCHAR NOT NULL,
    PRIMARY KEY (company_id, alias)
);
COMMENT ON TABLE company_aliases IS 'Every name a company goes by in any stored article.';

-- Which article names which company, by which canonical name and which other names.
CREATE TABLE article_companies (
    article_id VARCHAR NOT NULL,
    company_id VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    aliases    VARCHAR[] NOT NULL,
    PRIMARY KEY (article_id, company_id)
);
COMMENT ON TABLE article_companies IS 'Which article names which company, with the names it used.';

-- A deal as one article states it.
CREATE TABLE article_deals (
    article_id        VARCHAR NOT NULL,
    deal_index        INTEGER NOT NULL,   -- position in the article's deals, as `dealfacts extract` prints them
    type              VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,
    fact_indexes      INTEGER[] NOT NULL, -- facts.fact_index of the same article
    text              VARCHAR NOT NULL,   -- equals articles.text[start_offset:end_offset]
    start_offset      INTEGER NOT NULL,
    end_offset        INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, deal_index)
);
COMMENT ON TABLE article_deals IS 'A deal as one article reports it (a mention); deal_mentions links it to its real-world deal in deals.';
COMMENT ON COLUMN article_deals.deal_index IS 'Position in the article''s deals as dealfacts extract prints them.';
COMMENT ON COLUMN article_deals.type IS 'acquisition, investment, financing, supply, compute, power, partnership, joint_venture or other.';
COMMENT ON COLUMN article_deals.status IS 'proposed, agreed, completed or terminated, as this article reports it.';
COMMENT ON COLUMN article_deals.fact_indexes IS 'The figures of this deal: facts.fact_index values of the same article.';
COMMENT ON COLUMN article_deals.text IS 'The clause stating the deal; equals the article text at [start_offset, end_offset).';

CREATE TABLE article_deal_parties (
    article_id VARCHAR NOT NULL,
    deal_index INTEGER NOT NULL,
    party      VARCHAR NOT NULL,          -- as the extractor named it
    role       VARCHAR NOT NULL,
    company_id VARCHAR,                   -- the article's company it names; null if none (a check fails)
    PRIMARY KEY (article_id, deal_index, party)
);
COMMENT ON TABLE article_deal_parties IS 'The parties of each article deal and the role each plays.';
COMMENT ON COLUMN article_deal_parties.role IS 'buyer, target, seller, investor, investee, lender, borrower, supplier, customer, partner or adviser.';

-- Real-world deals: the mentions of one deal across articles, consolidated.
CREATE TABLE deals (
    deal_id          VARCHAR PRIMARY KEY,
    type             VARCHAR NOT NULL,
    status           VARCHAR NOT NULL,
    parties          STRUCT(company_id VARCHAR, company VARCHAR, role VARCHAR)[] NOT NULL,
    first_reported   TIMESTAMP,
    last_reported    TIMESTAMP,
    articles         INTEGER NOT NULL,
    mentions         INTEGER NOT NULL,
    figures_disagree BOOLEAN NOT NULL
);
COMMENT ON TABLE deals IS 'One row per real-world deal, however many articles report it.';
COMMENT ON COLUMN deals.deal_id IS 'Stable id, derived from the deal''s first report (article and position).';
COMMENT ON COLUMN deals.status IS 'Latest stage: terminated if the latest report says so, else the furthest of proposed < agreed < completed.';
COMMENT ON COLUMN deals.parties IS 'Every company taking part, with the role most reports give it.';
COMMENT ON COLUMN deals.first_reported IS 'Publication time (UTC) of the earliest dated article reporting the deal.';
COMMENT ON COLUMN deals.last_reported IS 'Publication time (UTC) of the latest dated article reporting the deal.';
COMMENT ON COLUMN deals.articles IS 'Number of articles reporting the deal.';
COMMENT ON COLUMN deals.mentions IS 'Number of article deals consolidated into it (an article may state a deal twice).';
COMMENT ON COLUMN deals.figures_disagree IS 'True when reports give different figures of the same kind and measure; see deal_figures.';

-- Which article deal reports which real-world deal: every article_deals row has exactly one.
CREATE TABLE deal_mentions (
    article_id  VARCHAR NOT NULL,
    deal_index  INTEGER NOT NULL,
    deal_id     VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL,          -- what the mention said when consolidated; a change re-consolidates
    PRIMARY KEY (article_id, deal_index)
);
COMMENT ON TABLE deal_mentions IS 'Links every article deal (article_id, deal_index) to the real-world deal (deal_id) it reports.';
COMMENT ON COLUMN deal_mentions.fingerprint IS 'Hash of the mention as consolidated; a mention whose hash changed is consolidated again.';

-- The figures of each real-world deal, reconciled: each distinct figure once, with its sources.
CREATE TABLE deal_figures (
    deal_id     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    measure     VARCHAR,
    value       DOUBLE,
    low         DOUBLE,
    high        DOUBLE,
    qualifier   VARCHAR NOT NULL,
    currency    VARCHAR,
    per         VARCHAR,
    articles    VARCHAR[] NOT NULL,
    disagrees   BOOLEAN NOT NULL
);
COMMENT ON TABLE deal_figures IS 'Each distinct figure reported for a deal, with the articles that state it; differing figures are all kept.';
COMMENT ON COLUMN deal_figures.kind IS 'money (in currency units), power (watts) or chips (count).';
COMMENT ON COLUMN deal_figures.value IS 'The figure; null for ranges and magnitudes, which have low and high.';
COMMENT ON COLUMN deal_figures.articles IS 'Ids of the articles stating this figure for this deal.';
COMMENT ON COLUMN deal_figures.disagrees IS 'True when another report gives a different figure of the same kind, measure, currency and period.';
