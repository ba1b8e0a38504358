"""Asset checks: the warehouse audits, shown in the UI with the offending rows."""
import dagster as dg

from extractors.extract import EXTRACTOR_VERSION
from pipeline.resources import CorpusResource, WarehouseResource
from warehouse import audits, reports


def _result(context: dg.AssetCheckExecutionContext, findings: audits.Findings, what: str,
            severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.ERROR,
            **metadata: int) -> dg.AssetCheckResult:
    """The check's result, also logged so that `make run` shows failures without the UI."""
    sample = reports.format_markdown(reports.Table(findings.columns, findings.sample))
    description = f"{findings.count} {what}" if findings.count else f"no {what}"
    name = context.check_specs[0].name
    if findings.ok:
        context.log.info(f"check {name} passed: {description}")
    else:
        context.log.warning(f"check {name} failed ({severity.value}): {description}\n{sample}")
    return dg.AssetCheckResult(
        passed=findings.ok,
        severity=severity,
        description=description,
        metadata={"failing": findings.count,
                  "examples": dg.MetadataValue.md(sample if findings.count else "none"),
                  **metadata},
    )


@dg.asset_check(asset="articles", description="No article silently dropped: articles in "
                "(counted in the corpus files: a JSONL line, a JSON array item or a file each) = "
                "articles stored + rejected, file by file, and no stored article names a file "
                "that is gone.")
def no_article_dropped(context: dg.AssetCheckExecutionContext, corpus: CorpusResource,
                       warehouse: WarehouseResource) -> dg.AssetCheckResult:
    files = corpus.items()
    with warehouse.reader(context.log) as con:
        counts = audits.corpus_counts(con, files)
        findings = audits.unaccounted_files(con, files)
    context.log.info(f"{counts['articles in']} articles in {len(files)} files: "
                     f"{counts['stored']} stored + {counts['rejected']} rejected")
    return _result(context, findings, "files unaccounted for", files=len(files), **counts)


@dg.asset_check(asset="articles", description="Every corpus file could be read; rejected files "
                "are listed with the reason (a warning: the other articles are still loaded).")
def files_readable(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        findings = audits.rejected_files(con)
    return _result(context, findings, "rejected files or lines", dg.AssetCheckSeverity.WARN)


@dg.asset_check(asset="facts", description="Every fact's text is the article's text at its "
                "offsets and lies in its sentence.")
def facts_grounded(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        return _result(context, audits.ungrounded_facts(con),
                       "facts not found at their offsets or in their sentence")


@dg.asset_check(asset="facts", description="Every figure is positive and below the plausible "
                f"maximum of its kind ({', '.join(f'{k} {v:g}' for k, v in audits.PLAUSIBLE_MAX.items())}).")
def facts_plausible(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    # A warning: an outsized figure may be what the article says, and needs a person to look.
    with warehouse.reader(context.log) as con:
        return _result(context, audits.implausible_facts(con), "implausible figures",
                       dg.AssetCheckSeverity.WARN)


@dg.asset_check(asset="facts", description="Every stored article was extracted from its current "
                "text by the current extractor version, and no rows of deleted articles remain.")
def facts_up_to_date(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        return _result(context, audits.stale_extractions(con, EXTRACTOR_VERSION),
                       "stale or orphaned extractions")


@dg.asset_check(asset="deals", description="Every deal party and every company a fact concerns "
                "is a known company of its article, and every deal's facts exist.")
def deal_parties_known(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        return _result(context, audits.unknown_companies(con), "unknown parties, companies or facts")


@dg.asset_check(asset="deals", description="Every deal's text is the article's text at its offsets, "
                "and every party's role is one its deal's type allows (an acquisition has a buyer, a "
                "target and a seller; an investment an investor and an investee …; any deal an adviser).")
def deals_well_formed(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        return _result(context, audits.malformed_deals(con), "deals off their text or with a role their type lacks")


@dg.asset_check(asset="consolidated_deals", description="Every article deal is a mention of exactly one "
                "real-world deal, every link points at a deal and an article deal that exist, and no deal is "
                "without a mention.")
def mentions_consolidated(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        return _result(context, audits.unconsolidated_mentions(con), "mentions or deals out of place")


@dg.asset_check(asset="consolidated_deals", description="Consolidating only what changed gave what consolidating "
                "every mention from scratch gives: each mention's stored deal is the one a fresh consolidation "
                "(in memory, nothing written) assigns it.")
def consolidation_matches_scratch(context: dg.AssetCheckExecutionContext,
                                  warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.reader(context.log) as con:
        return _result(context, audits.consolidation_drift(con), "mentions in another deal than from scratch")


CHECKS = [no_article_dropped, files_readable, facts_grounded, facts_plausible, facts_up_to_date,
          deal_parties_known, deals_well_formed, mentions_consolidated, consolidation_matches_scratch]
