-- Views for the questions people ask: deals with their parties and figures, totals per company.

-- One row per company a fact concerns (a fact about two companies appears twice).
CREATE VIEW company_facts AS
SELECT c.company_id, c.name AS company, f.*
FROM facts f, UNNEST(f.companies) AS u(company_name)
JOIN companies c ON c.name = u.company_name;

-- One row per deal and fact (a deal without facts has one row with null fact columns).
CREATE VIEW deal_facts AS
WITH parties AS (
    SELECT article_id, deal_index, list_sort(list(coalesce(c.name, p.party))) AS parties
    FROM deal_parties p LEFT JOIN companies c USING (company_id)
    GROUP BY article_id, deal_index
)
SELECT d.article_id, d.deal_index, p.parties, a.title, a.published,
       f.fact_index, f.kind, f.value, f.low, f.high, f.qualifier, f.currency, f.per,
       f.chip, f.vendor, f.text, f.sentence
FROM deals d
JOIN articles a USING (article_id)
LEFT JOIN parties p USING (article_id, deal_index)
LEFT JOIN facts f ON f.article_id = d.article_id AND list_contains(d.fact_indexes, f.fact_index);

-- Per company: how often it appears, and the sum and largest of its exact figures. Sums add up
-- every article, so a deal reported in three articles counts three times; the maxima do not.
CREATE VIEW company_totals AS
WITH mentions AS (
    SELECT company_id, count(*) AS articles FROM article_companies GROUP BY company_id
), deal_counts AS (
    SELECT company_id, count(*) AS deals FROM deal_parties WHERE company_id IS NOT NULL GROUP BY company_id
), figures AS (
    SELECT company_id,
           count(*) AS facts,
           sum(value) FILTER (kind = 'money' AND currency = 'USD') AS money_usd,
           max(value) FILTER (kind = 'money' AND currency = 'USD') AS largest_money_usd,
           sum(value) FILTER (kind = 'power') AS power_watts,
           max(value) FILTER (kind = 'power') AS largest_power_watts,
           sum(value) FILTER (kind = 'chips') AS chips,
           max(value) FILTER (kind = 'chips') AS largest_chips
    FROM company_facts GROUP BY company_id
)
SELECT c.company_id, c.name AS company,
       coalesce(m.articles, 0) AS articles, coalesce(d.deals, 0) AS deals,
       coalesce(f.facts, 0) AS facts,
       f.money_usd, f.largest_money_usd, f.power_watts, f.largest_power_watts,
       f.chips, f.largest_chips
FROM companies c
LEFT JOIN mentions m USING (company_id)
LEFT JOIN deal_counts d USING (company_id)
LEFT JOIN figures f USING (company_id);
