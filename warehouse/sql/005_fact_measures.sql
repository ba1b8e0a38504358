-- What each figure is of, so that totals add only what adds up (deal values, capacities, chip
-- counts) and never a share price, a valuation or a revenue. Rows stored before this migration
-- get nulls until their article is re-extracted (the extractor version that writes the column
-- re-extracts every article).

ALTER TABLE facts ADD COLUMN measure VARCHAR;  -- deal_value, price_per_share, valuation, revenue, capex, fee, capacity, count, other
