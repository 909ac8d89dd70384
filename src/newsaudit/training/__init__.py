"""Training and evaluation data: what retrains the shipped models, never imported at run time.

One module per model, each run as ``python -m newsaudit.training.<name>`` (the
command its model card gives): :mod:`.furniture` (the body/furniture line
classifier), :mod:`.claims` (check-worthiness), :mod:`.confidence` (attribution
confidence), :mod:`.credibility` (the article credibility model, with
:mod:`.credibility_data`, its labelled and featurised AllSides sample),
:mod:`.signal_ranges` (the usual range of signals the HTML report draws) and
:mod:`.spans` (the attribution span model, which needs the ``train`` extra), plus
:mod:`.polnear`, the reader of the PolNeAR corpus and its span match, shared with
``benchmarks/polnear.py`` and the quality floors. These modules use scikit-learn
(the ``train`` and ``test`` extras); the run-time code reads the weights they write
with NumPy and ONNX Runtime alone.
"""
