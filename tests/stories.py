"""The deal stories the pipeline tests write into a throwaway corpus (tests/conftest.py), in a
module of their own so that any test can import them."""

# Three short deal stories the extractor finds facts, companies and deals in.
ARTICLES = {
    "openai-amd": ("OpenAI and AMD sign 6 gigawatt chip deal", "2025-10-06",
                   "OpenAI and AMD announced an agreement under which AMD will supply 6 gigawatts "
                   "of Instinct GPUs to OpenAI. The deal is worth tens of billions of dollars in "
                   "revenue for AMD."),
    "anthropic-google": ("Anthropic to use up to one million Google TPUs", "2025-10-23",
                         "Anthropic signed a deal with Google to secure up to one million TPUs, "
                         "bringing well over a gigawatt of capacity online in 2026. The agreement "
                         "is worth tens of billions of dollars."),
    "microsoft-nvidia": ("Microsoft buys Nvidia chips", "2025-11-01",
                         "Microsoft agreed to buy 100,000 Nvidia GB300 chips from Nvidia for $9.7 "
                         "billion, the companies said."),
}
