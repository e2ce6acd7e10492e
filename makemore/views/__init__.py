"""What the pages show, built without Streamlit: engine objects in, text, pandas tables and chart payloads out, so
tests assert on data without a server. A module per kind of thing shown:

- `format`: numbers (∞, -∞ and NaN included), characters, n-gram names, words, as text
- `palette`: the colours chosen in Python
- `tables`: the pages' DataFrames; `tour_tables`: the lecture tour's
- `slices`: what of a table of any order a V×V picture shows (slices, word-start contexts, typed contexts)
- one module per chart kind, each with one builder the others go through: `heatmaps`, `xy` (lines and markers),
  `bars`, `sampling` (the sampling panel), `live` (the live training panel)

Pages import the module they need (`from makemore.views import heatmaps`); nothing is imported here, so the
engine can use `slices` without loading the rest.
"""
