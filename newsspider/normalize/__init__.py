"""Pure normalisation steps shared by the item pipelines and ``extract_article``."""
