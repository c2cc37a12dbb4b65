//! Renderers of a plan into vendor forms.
