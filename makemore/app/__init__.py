"""Streamlit glue shared by the pages: session state, cached loaders, the dataset picker. The only part of the
package that imports streamlit."""
