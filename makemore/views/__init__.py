"""What the pages show, built without Streamlit: engine objects in, text, pandas tables and chart options out, so
tests assert on data without a server. A module per kind of thing shown:

- `format`: numbers (∞, -∞ and NaN included), characters, n-gram names, words, as text
- `palette`: the colours chosen in Python (the theme gives text, axes and background)
- `tables`: the pages' DataFrames; `tour_tables`: the lecture tour's
- `slices`: what of a table of any order a V×V picture shows (slices, word-start contexts, typed contexts)
- `charts`: a `Chart` (an Apache ECharts option, its alt text, its height) and the pieces every chart shares
- one module per chart kind, each with one builder the others go through: `heatmaps`, `xy` (lines and markers),
  `bars`, `sampling` (the distribution of a draw); and `live`, the data of our own live training panel

Pages import the module they need (`from makemore.views import heatmaps`); nothing is imported here, so the
engine can use `slices` without loading the rest.
"""
