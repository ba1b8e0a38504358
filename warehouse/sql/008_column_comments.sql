-- What each column holds, and in which unit, where SQL users (and the Dagster UI's column
-- schemas) read it: `SELECT table_name, column_name, comment FROM duckdb_columns()`.

COMMENT ON TABLE articles IS 'One row per stored article.';
COMMENT ON COLUMN articles.article_id IS 'The file''s stem, or the id field of a JSON/JSONL article.';
COMMENT ON COLUMN articles.title IS 'Title: front matter, JSON field, og:title, JSON-LD headline, <title> without the site''s name, or a text file''s headline.';
COMMENT ON COLUMN articles.url IS 'Where the article was published, when the source says.';
COMMENT ON COLUMN articles.published IS 'Publication date as the source wrote it (see published_at).';
COMMENT ON COLUMN articles.source IS 'The source the article names (front matter or JSON field).';
COMMENT ON COLUMN articles.path IS 'The corpus file it was read from.';
COMMENT ON COLUMN articles.encoding IS 'Text encoding the file was decoded with.';
COMMENT ON COLUMN articles.text IS 'The article text; every offset points into it.';
COMMENT ON COLUMN articles.content_hash IS 'sha256 of what the extractor sees (id, title, url, published, source, text): a change re-extracts.';
COMMENT ON COLUMN articles.loaded_at IS 'When this version of the article was stored.';

COMMENT ON TABLE rejected_files IS 'Files (or JSONL lines) that could not be read as articles, and why; replaced on every load.';
COMMENT ON COLUMN rejected_files.line IS 'Line of a JSONL file; null for a whole file.';
COMMENT ON COLUMN rejected_files.reason IS 'Why the reader rejected it.';

COMMENT ON TABLE extractions IS 'Which text and extractor version each article''s stored rows come from.';
COMMENT ON COLUMN extractions.n_facts IS 'Facts the extraction stored: fewer now means rows were deleted, and the article is extracted again.';
COMMENT ON COLUMN extractions.n_deals IS 'Article deals the extraction stored.';

COMMENT ON TABLE facts IS 'Money, power and chip figures, one row per distinct figure of an article.';
COMMENT ON COLUMN facts.fact_index IS 'Position in the article''s facts; article_deals.fact_indexes refer to it.';
COMMENT ON COLUMN facts.kind IS 'money, power or chips.';
COMMENT ON COLUMN facts.value IS 'The figure: money in units of currency, power in watts, chips as a count; null for ranges and magnitudes.';
COMMENT ON COLUMN facts.low IS 'Lower end of a range or magnitude, in the unit of value.';
COMMENT ON COLUMN facts.high IS 'Upper end of a range or magnitude, in the unit of value.';
COMMENT ON COLUMN facts.qualifier IS 'exact, approx, up_to, more_than, less_than, range or magnitude.';
COMMENT ON COLUMN facts.currency IS 'ISO 4217 code (money only).';
COMMENT ON COLUMN facts.per IS 'Period or unit of a rate: year, month, share, …';
COMMENT ON COLUMN facts.chip IS 'Chip type as written (chips only).';
COMMENT ON COLUMN facts.vendor IS 'Chip maker (chips only).';
COMMENT ON COLUMN facts.companies IS 'Canonical names of the companies the figure concerns.';
COMMENT ON COLUMN facts.text IS 'The figure as written: articles.text[start_offset:end_offset].';
COMMENT ON COLUMN facts.start_offset IS 'Offset of the figure in articles.text (0-based, Python).';
COMMENT ON COLUMN facts.end_offset IS 'Offset just past the figure.';
COMMENT ON COLUMN facts.sentence IS 'The sentence that states it.';
COMMENT ON COLUMN facts.measure IS 'What the figure is of: deal_value, price_per_share, valuation, revenue, capex, fee, capacity, count or other; only deal_value, capacity and count are ever summed.';

COMMENT ON COLUMN article_deals.start_offset IS 'Offset of the deal''s clause in articles.text.';
COMMENT ON COLUMN article_deals.end_offset IS 'Offset just past the clause.';
COMMENT ON COLUMN article_deal_parties.party IS 'The party as the extractor named it.';
COMMENT ON COLUMN article_deal_parties.company_id IS 'The article''s company it names (companies.company_id); null if none, which a check reports.';
COMMENT ON COLUMN article_companies.name IS 'The canonical name this article gives the company.';
COMMENT ON COLUMN article_companies.aliases IS 'The other names this article uses for it.';
COMMENT ON COLUMN company_aliases.alias IS 'A name of the company in some article.';

COMMENT ON COLUMN deals.type IS 'acquisition, investment, financing, supply, compute, power, partnership, joint_venture or other.';
COMMENT ON COLUMN deal_mentions.deal_id IS 'The real-world deal (deals.deal_id) the article deal reports.';
COMMENT ON COLUMN deal_figures.measure IS 'What the figure is of (facts.measure).';
COMMENT ON COLUMN deal_figures.low IS 'Lower end of a range or magnitude.';
COMMENT ON COLUMN deal_figures.high IS 'Upper end of a range or magnitude.';
COMMENT ON COLUMN deal_figures.qualifier IS 'exact, approx, up_to, more_than, less_than, range or magnitude.';
COMMENT ON COLUMN deal_figures.currency IS 'ISO 4217 code (money only).';
COMMENT ON COLUMN deal_figures.per IS 'Period or unit of a rate.';

COMMENT ON COLUMN deal_overview.type IS 'acquisition, investment, financing, supply, compute, power, partnership, joint_venture or other.';
COMMENT ON COLUMN deal_overview.status IS 'Latest stage: proposed, agreed, completed or terminated.';
COMMENT ON COLUMN deal_roles.type IS 'The deal''s type.';
COMMENT ON COLUMN deal_roles.status IS 'The deal''s latest stage.';
COMMENT ON COLUMN deal_roles.company IS 'The company''s name as most articles give it.';
COMMENT ON COLUMN deal_roles.value_usd IS 'The deal''s value in US dollars (deal_overview.value_usd).';
COMMENT ON COLUMN deal_roles.capacity_gw IS 'The deal''s power capacity in gigawatts.';
COMMENT ON COLUMN deal_roles.chips IS 'The number of chips the deal covers.';
COMMENT ON COLUMN deal_roles.first_reported IS 'Publication time (UTC) of the earliest dated report of the deal.';
COMMENT ON COLUMN deal_roles.last_reported IS 'Publication time (UTC) of the latest dated report of the deal.';
COMMENT ON COLUMN deal_roles.articles IS 'Number of articles reporting the deal.';
COMMENT ON COLUMN deal_history.published_at IS 'Publication time (UTC) of this report; null if undated.';
COMMENT ON COLUMN deal_history.title IS 'Title of the reporting article.';
COMMENT ON COLUMN deal_history.deal_index IS 'Position of the deal in the article''s deals.';
COMMENT ON COLUMN deal_history.deal_text IS 'The clause of this report stating the deal.';
COMMENT ON COLUMN deals_by_month.month IS 'Month of the first report (null: reported only by undated articles).';
COMMENT ON COLUMN deals_by_month.type IS 'Deal type.';
COMMENT ON COLUMN deals_by_month.deals IS 'Real-world deals first reported that month.';
COMMENT ON COLUMN deals_by_month.completed IS 'Of those, the ones completed by now.';
COMMENT ON COLUMN deals_by_month.chips IS 'Sum of the deals'' chip counts.';
COMMENT ON COLUMN company_totals.company IS 'The company''s name as most articles give it.';
COMMENT ON COLUMN company_totals.articles IS 'Articles naming the company.';
