"""graphmodel: who is responsible for what in Chinese government work plans.

The domain package: the model types, the extraction of text into them, the networkx graph
over a corpus, the analyses over that graph and the HTML views. It does no file, network or
database I/O of its own beyond what a caller hands it; `loaders` moves data across that edge.
"""

__version__ = "0.1.0"
