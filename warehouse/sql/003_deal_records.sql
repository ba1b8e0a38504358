-- Deals as records of their own: type, status and the clause that states them; parties with roles.
-- Rows stored before this migration get nulls until their article is re-extracted (the extractor
-- version that writes these columns re-extracts every article).

ALTER TABLE deals ADD COLUMN type VARCHAR;          -- acquisition, investment, financing, supply, compute, power, partnership, joint_venture, other
ALTER TABLE deals ADD COLUMN status VARCHAR;        -- proposed, agreed, completed, terminated
ALTER TABLE deals ADD COLUMN text VARCHAR;          -- the clause stating the deal; equals articles.text[start_offset:end_offset]
ALTER TABLE deals ADD COLUMN start_offset INTEGER;
ALTER TABLE deals ADD COLUMN end_offset INTEGER;
ALTER TABLE deal_parties ADD COLUMN role VARCHAR;   -- buyer, target, seller, investor, investee, lender, borrower, supplier, customer, partner, adviser

-- One row per deal and fact (a deal without facts has one row with null fact columns).
CREATE OR REPLACE VIEW deal_facts AS
WITH parties AS (
    SELECT article_id, deal_index,
           list_sort(list(coalesce(c.name, p.party))) AS parties,
           map_from_entries(list((coalesce(c.name, p.party), p.role))) AS roles
    FROM deal_parties p LEFT JOIN companies c USING (company_id)
    GROUP BY article_id, deal_index
)
SELECT d.article_id, d.deal_index, d.type, d.status, p.parties, p.roles, a.title, a.published,
       f.fact_index, f.kind, f.value, f.low, f.high, f.qualifier, f.currency, f.per,
       f.chip, f.vendor, f.text, f.sentence, d.text AS deal_text
FROM deals d
JOIN articles a USING (article_id)
LEFT JOIN parties p USING (article_id, deal_index)
LEFT JOIN facts f ON f.article_id = d.article_id AND list_contains(d.fact_indexes, f.fact_index);

-- One row per deal and party: who plays which part in which deal.
CREATE VIEW deal_roles AS
SELECT d.article_id, d.deal_index, d.type, d.status, coalesce(c.name, p.party) AS company, p.role,
       a.title, a.published, d.text AS deal_text
FROM deals d
JOIN deal_parties p USING (article_id, deal_index)
JOIN articles a USING (article_id)
LEFT JOIN companies c USING (company_id);
