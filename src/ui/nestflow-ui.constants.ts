/** Injection token of the resolved UI options. */
export const NESTFLOW_UI_OPTIONS = Symbol('nestflow:ui-options');
