"""vanban-graph: the `vanban` command line that ties crawling, extraction and the graph together."""

__version__ = "0.1.0"
