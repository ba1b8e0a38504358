-- Views for the questions analysts ask, over the consolidated deals: each real-world deal once,
-- whatever number of articles report it, and totals that add only what adds up (deal values,
-- capacities, chip counts; never a share price, a valuation or a revenue).

-- One row per company a fact concerns (a fact about two companies appears twice).
CREATE VIEW company_facts AS
SELECT ac.company_id, c.name AS company, f.*
FROM facts f, unnest(f.companies) AS u(company_name)
JOIN article_companies ac ON ac.article_id = f.article_id
     AND (ac.name = u.company_name OR list_contains(ac.aliases, u.company_name))
JOIN companies c USING (company_id);
COMMENT ON VIEW company_facts IS 'One row per fact and company it concerns.';

-- One row per real-world deal: parties, roles, its latest figures, and the sources.
CREATE VIEW deal_overview AS
WITH stated AS (  -- each figure with the date of the latest article stating it
    SELECT f.*, (SELECT coalesce(max(a.published_at), TIMESTAMP '0001-01-01') FROM articles a
                 WHERE list_contains(f.articles, a.article_id)) AS last_stated
    FROM deal_figures f WHERE f.value IS NOT NULL
), headline AS (  -- per deal and figure: the one stated latest (a raised offer, the final price), then by most articles
    SELECT deal_id,
           arg_max(value, (last_stated, len(articles), value)) FILTER (kind = 'money' AND measure = 'deal_value' AND currency = 'USD') AS value_usd,
           arg_max(value, (last_stated, len(articles), value)) FILTER (kind = 'money' AND measure = 'deal_value') AS value,
           arg_max(currency, (last_stated, len(articles), value)) FILTER (kind = 'money' AND measure = 'deal_value') AS currency,
           arg_max(value, (last_stated, len(articles), value)) FILTER (kind = 'power' AND measure = 'capacity') / 1e9 AS capacity_gw,
           arg_max(value, (last_stated, len(articles), value)) FILTER (kind = 'chips' AND measure = 'count') AS chips
    FROM stated
    GROUP BY deal_id
), sources AS (
    SELECT m.deal_id, list(DISTINCT a.title ORDER BY a.title) FILTER (a.title IS NOT NULL) AS titles,
           list(DISTINCT m.article_id ORDER BY m.article_id) AS article_ids
    FROM deal_mentions m JOIN articles a USING (article_id)
    GROUP BY m.deal_id
)
SELECT d.deal_id, d.type, d.status,
       array_to_string(list_transform(d.parties, lambda p: p.company || ' (' || p.role || ')'), ', ') AS parties,
       h.value_usd, h.value, h.currency, h.capacity_gw, h.chips, d.figures_disagree,
       d.first_reported, d.last_reported, d.articles, s.article_ids, s.titles
FROM deals d
LEFT JOIN headline h USING (deal_id)
LEFT JOIN sources s USING (deal_id);
COMMENT ON VIEW deal_overview IS 'One row per real-world deal with its parties, roles, headline figures and sources.';
COMMENT ON COLUMN deal_overview.parties IS 'Company (role), … for every party of the deal.';
COMMENT ON COLUMN deal_overview.value_usd IS 'Deal value in US dollars as the latest report states it (then as most reports do); null if none is in USD.';
COMMENT ON COLUMN deal_overview.value IS 'Deal value in its own currency as the latest report states it.';
COMMENT ON COLUMN deal_overview.currency IS 'ISO 4217 code of value.';
COMMENT ON COLUMN deal_overview.capacity_gw IS 'Power capacity of the deal in gigawatts.';
COMMENT ON COLUMN deal_overview.chips IS 'Number of chips the deal covers.';
COMMENT ON COLUMN deal_overview.figures_disagree IS 'True when reports differ on a figure: see deal_figures.';
COMMENT ON COLUMN deal_overview.first_reported IS 'Publication time (UTC) of the earliest dated report.';
COMMENT ON COLUMN deal_overview.last_reported IS 'Publication time (UTC) of the latest dated report.';
COMMENT ON COLUMN deal_overview.articles IS 'Number of articles reporting the deal.';
COMMENT ON COLUMN deal_overview.article_ids IS 'Ids of the articles reporting the deal.';
COMMENT ON COLUMN deal_overview.titles IS 'Titles of the articles reporting the deal.';

-- One row per deal and party: who plays which part in which real-world deal.
CREATE VIEW deal_roles AS
SELECT d.deal_id, d.type, d.status, u.p.company_id, u.p.company, u.p.role, o.value_usd, o.capacity_gw, o.chips,
       d.first_reported, d.last_reported, d.articles
FROM deals d
CROSS JOIN unnest(d.parties) AS u(p)
JOIN deal_overview o ON o.deal_id = d.deal_id;
COMMENT ON VIEW deal_roles IS 'One row per real-world deal and party, with the party''s role.';
COMMENT ON COLUMN deal_roles.role IS 'buyer, target, seller, investor, investee, lender, borrower, supplier, customer, partner or adviser.';

-- A deal's history: every report of it, oldest first, with the status and figures it gave.
CREATE VIEW deal_history AS
SELECT m.deal_id, a.published_at, m.article_id, a.title, d.deal_index, d.status,
       (SELECT list(f.text ORDER BY f.fact_index) FROM facts f
        WHERE f.article_id = d.article_id AND list_contains(d.fact_indexes, f.fact_index)) AS figures,
       d.text AS deal_text
FROM deal_mentions m
JOIN article_deals d USING (article_id, deal_index)
JOIN articles a USING (article_id);
COMMENT ON VIEW deal_history IS 'Every report of every deal: order by deal_id, published_at to read a deal''s story.';
COMMENT ON COLUMN deal_history.status IS 'The stage this report gives: proposed, agreed, completed or terminated.';
COMMENT ON COLUMN deal_history.figures IS 'The figures this report gives for the deal, as written.';

-- Deals by the month they were first reported, and type.
CREATE VIEW deals_by_month AS
SELECT date_trunc('month', first_reported) AS month, type, count(*) AS deals,
       count(*) FILTER (status = 'completed') AS completed,
       sum(value_usd) AS value_usd, sum(capacity_gw) AS capacity_gw, sum(chips) AS chips
FROM deal_overview
GROUP BY ALL;
COMMENT ON VIEW deals_by_month IS 'Real-world deals per month of first report and type (month null: undated reports only).';
COMMENT ON COLUMN deals_by_month.value_usd IS 'Sum of the deals'' values in US dollars.';
COMMENT ON COLUMN deals_by_month.capacity_gw IS 'Sum of the deals'' power capacity in gigawatts.';

-- Per company: articles naming it and its deals counted once each, with the totals that add up.
CREATE VIEW company_totals AS
WITH named AS (
    SELECT company_id, count(*) AS articles FROM article_companies GROUP BY company_id
), dealt AS (
    SELECT company_id, count(DISTINCT deal_id) AS deals, sum(value_usd) AS deal_value_usd,
           sum(capacity_gw) AS capacity_gw, sum(chips) AS chips, max(value_usd) AS largest_deal_usd
    FROM deal_roles WHERE role <> 'adviser'
    GROUP BY company_id
)
SELECT c.company_id, c.name AS company, coalesce(n.articles, 0) AS articles, coalesce(d.deals, 0) AS deals,
       d.deal_value_usd, d.largest_deal_usd, d.capacity_gw, d.chips
FROM companies c
LEFT JOIN named n USING (company_id)
LEFT JOIN dealt d USING (company_id);
COMMENT ON VIEW company_totals IS 'Per company: articles naming it, its real-world deals counted once each (advisers aside), and their totals.';
COMMENT ON COLUMN company_totals.deals IS 'Real-world deals the company is a party of, each counted once.';
COMMENT ON COLUMN company_totals.deal_value_usd IS 'Sum of the USD values of those deals (deals without a USD value add nothing).';
COMMENT ON COLUMN company_totals.largest_deal_usd IS 'Largest USD value among those deals.';
COMMENT ON COLUMN company_totals.capacity_gw IS 'Sum of the power capacity of those deals, in gigawatts.';
COMMENT ON COLUMN company_totals.chips IS 'Sum of the chip counts of those deals.';

-- One row per article deal and fact (a deal without facts has one row with null fact columns).
CREATE VIEW deal_facts AS
WITH parties AS (
    SELECT article_id, deal_index,
           list_sort(list(coalesce(c.name, p.party))) AS parties,
           map_from_entries(list((coalesce(c.name, p.party), p.role))) AS roles
    FROM article_deal_parties p LEFT JOIN companies c USING (company_id)
    GROUP BY article_id, deal_index
)
SELECT d.article_id, d.deal_index, m.deal_id, d.type, d.status, p.parties, p.roles, a.title, a.published_at,
       f.fact_index, f.kind, f.measure, f.value, f.low, f.high, f.qualifier, f.currency, f.per,
       f.chip, f.vendor, f.text, f.sentence, d.text AS deal_text
FROM article_deals d
JOIN articles a USING (article_id)
LEFT JOIN deal_mentions m USING (article_id, deal_index)
LEFT JOIN parties p USING (article_id, deal_index)
LEFT JOIN facts f ON f.article_id = d.article_id AND list_contains(d.fact_indexes, f.fact_index);
COMMENT ON VIEW deal_facts IS 'One row per article deal and fact, with the real-world deal (deal_id) it reports.';
